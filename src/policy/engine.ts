import lunr from 'lunr';
import { parseClauseReference } from './clause-reference';
import { compileConcernSignals, withConcernNet } from './concern-signals';
import { readPolicyData, type PolicyData, type Scenario } from './policy-data';
import { reviewNoticeFor } from './review-notice';
import { compileTermIndex, type TermHit } from './term-index';
import { MAX_QUESTION_CHARS, questionWords } from './tokenise';
import { buildVocabulary } from './vocabulary';
import type { Answer, CitedClause, Clause, PolicyDocument } from './types';

export interface AnswerEngine {
  /** Never throws, for any string. */
  answer(question: string): Answer;
  clauseById(id: string): Clause | undefined;
  /** Meta and clauses in document order. */
  readonly document: PolicyDocument;
}

export interface EngineOptions {
  /** Today's date, for the review notice (tests pass a fixed one). */
  now?: () => Date;
}

/** Loads policy-data (default: <repo>/policy-data) and builds the indexes; throws on invalid data. */
export function loadAnswerEngine(dataDir?: string, options: EngineOptions = {}): AnswerEngine {
  return createAnswerEngine(readPolicyData(dataDir), options);
}

// Generic school words ("school", "parent", "policy") may help rank but never carry a match alone.
const GENERIC_BOOST = 0.6;
// A compound ("school's Instagram") separates whole sections of the policy, so it outweighs a single word.
const COMPOUND_BOOST = 1.5;
const MIN_SCENARIO_SCORE = 1;
const MIN_CLAUSE_SCORE = 1;
const MAX_CITED = 3;
const WH_QUESTION = /^\s*(who|what|which|where|when|how|why)\b/i;
const WHO_OR_WHICH = /^\s*(who|which|where)\b/i;
// Questions that ask the opposite of "can I…?": the scenario's yes is their no. "Is it OK NOT to
// make my account private?", "is it against the rules to…", "is that banned?", "is it a problem if…",
// "could I get in trouble for…" (asking whether it is forbidden: the scenario's no is its yes).
const NEGATED_PERMISSION =
  /\b(could|can|will|would|might)\s+(i|we|you|they|she|he)\s+(be|get)\s+(in|into)\s+trouble\b|\b(ok|okay|alright|all right|fine|acceptable|allowed|wrong|bad)\s+(for\s+\w+\s+)?not\s+to\b|\bagainst\s+(the\s+)?(rules?|polic(y|ies)|guidance)\b|\b(is|are|was)\s+(it|that|this|they|those)\s+(banned|forbidden|prohibited|frowned upon|a problem|an issue|wrong|bad|a breach)\b|\b(am i|are we)\s+(banned|forbidden|prohibited)\b/i;
// "Do I need to change my profile?", "should I take the photos down?", "do I have to keep my
// number private?" about something the policy forbids: yes, put it right or keep away from it.
const PUT_RIGHT =
  /(^|[,.;:!?-]\s*)(should|must|shall|do|does|would)\s+(i|we|you|they|she|he)\s+(\w+\s+)?(need\s+to\s+|have\s+to\s+|to\s+)?(remove|delete|change|edit|hide|unfollow|unfriend|untag|unpublish|take\s+(\w+\s+){0,3}?(down|off)|get\s+rid|keep\s+(\w+\s+){0,4}?(private|secret|confidential|to\s+myself)|avoid|refuse|decline|say\s+no|stop)\b/i;

const PUT_RIGHT_ACTION = /\b(remove|delete|change|edit|hide|unfollow|unfriend|untag|unpublish|take|get\s+rid|keep|avoid|refuse|decline|say\s+no|stop)\b/i;

// "What's the head teacher's email?", "what's the login for the maths game?", "where's the wifi
// code for the staffroom?": a request for an address or credential, which this policy never
// holds — the policy word names the thing looked up, not what the question is about.
const LOOKUP =
  /^\s*(what|where)\s*(is|'s|’s|s|are)?\s+(the|my|our|your)\s+([\w'’-]+\s+){0,4}?(e-?mail(\s+address)?|log-?in(\s+details)?|password|number|phone\s+number|code|pin|web\s*site|link|address)\s*(for\s+[^?]*|to\s+[^?]*|of\s+[^?]*)?\??\s*$/i;

interface QueryTerm {
  term: string;
  boost: number;
}


const NOT_COVERED_SUMMARY =
  "The school's social media policy doesn't cover that. It answers questions about social media, messaging, photos, devices and online conduct; for anything else, please ask the school office or your line manager.";

export function createAnswerEngine(data: PolicyData, options: EngineOptions = {}): AnswerEngine {
  const { document, scenarios, synonyms } = data;
  const now = options.now ?? (() => new Date());
  const clausesById = new Map(document.clauses.map((c) => [c.id, c]));
  const reviewNotice = reviewNoticeFor(document.meta);
  const vocabulary = buildVocabulary(synonyms);
  // Every term either index holds: a question term outside it may be a typo worth correcting.
  const indexedTerms = new Set<string>();
  const indexText = (text: string) => {
    const terms = vocabulary.terms(text);
    terms.forEach((t) => indexedTerms.add(t));
    return terms.join(' ');
  };
  const triggers = scenarios.flatMap((scenario) => scenario.triggers.map((t) => ({ scenario, terms: vocabulary.terms(t) })));

  // One document per scenario holding all its phrasings. Weak length normalisation (b) and quick
  // term-frequency saturation (k1) score a scenario by how many of the question's terms its
  // phrasings use, weighted by rarity, so adding phrasings never hides a scenario. (Measured
  // against one-document-per-phrasing on the dev and held-out sets: docs/policy-answers.md.)
  const scenarioIndex = compileTermIndex(lunr(function () {
    usePreparedTokens(this);
    this.b(0.3);
    this.k1(0.5);
    this.ref('ref');
    this.field('text');
    // Trigger scenarios are chosen by their triggers alone, so an ordinary question that merely
    // shares words with them ("a pupil posted a video of me") is never answered as one.
    scenarios.forEach((s, si) => s.triggers.length === 0 && this.add({ ref: String(si), text: s.questions.map(indexText).join(' ') }));
  }));
  // A compound every phrasing of a scenario uses ("school's Facebook" for Section 3) marks which
  // part of the policy it answers: a question without it ("vent about a parent on Twitter") is
  // about staff's own accounts and never gets a school-account answer.
  const requiredCompounds = scenarios.map((s) => {
    const perPhrasing = s.questions.map((q) => new Set(vocabulary.terms(q).filter(vocabulary.isCompound)));
    return [...perPhrasing[0]].filter((c) => perPhrasing.every((p) => p.has(c)));
  });
  const clauseIndex = compileTermIndex(lunr(function () {
    usePreparedTokens(this);
    this.ref('id');
    this.field('text');
    this.field('heading', { boost: 0.5 });
    document.clauses.forEach((c) => this.add({ id: c.id, text: indexText(`${c.leadIn ?? ''} ${c.text}`), heading: indexText(c.heading) }));
  }));

  function queryTerms(words: string[]): QueryTerm[] {
    const typed = vocabulary.termsOfWords(words);
    const terms = [...new Set(typed.map((t) => (indexedTerms.has(t) ? t : (vocabulary.correctTypo(t) ?? t))))];
    return terms.map((term) => ({ term, boost: vocabulary.isGeneric(term) ? GENERIC_BOOST : vocabulary.isCompound(term) ? COMPOUND_BOOST : 1 }));
  }

  function bestScenario(terms: QueryTerm[]): { scenario: Scenario; score: number } | undefined {
    const asked = new Set(terms.map((t) => t.term));
    const withItsCompounds = (ref: string) => requiredCompounds[Number(ref)].every((c) => asked.has(c));
    const [best] = scenarioIndex.search(terms, { minScore: MIN_SCENARIO_SCORE, matchingAnyOf: vocabulary.isTopic, accepting: withItsCompounds, limit: 1 });
    return best && { scenario: scenarios[Number(best.ref)], score: best.score };
  }

  function triggeredScenario(terms: QueryTerm[]): Scenario | undefined {
    const present = new Set(terms.map((t) => t.term));
    const fired = triggers.filter((t) => t.terms.length > 0 && t.terms.every((s) => present.has(s)));
    fired.sort((a, b) => Number(b.scenario.urgent) - Number(a.scenario.urgent) || b.terms.length - a.terms.length);
    return fired[0]?.scenario;
  }

  /** The question is about this policy: it uses more of the policy's topic words than off-topic ones. */
  function inScope(terms: QueryTerm[]): boolean {
    const topic = terms.filter((t) => vocabulary.isTopic(t.term)).length;
    const offTopic = terms.filter((t) => vocabulary.isOffTopic(t.term)).length;
    return topic > offTopic;
  }

  /** A lookup of an address or credential whose only policy word is the thing looked up; "what's
   * the number for the LADO?" or "the email for reporting a concern" name more and are answered. */
  function isLookup(question: string, terms: QueryTerm[]): boolean {
    return LOOKUP.test(question) && terms.filter((t) => vocabulary.isTopic(t.term)).length <= 1;
  }

  /** The clauses matching a topic term, best first: the few citeClauses can use (it adds at most MAX_CITED). */
  function bestClauses(terms: QueryTerm[]): TermHit[] {
    return clauseIndex.search(terms, { minScore: MIN_CLAUSE_SCORE, matchingAnyOf: vocabulary.isTopic, limit: MAX_CITED });
  }

  function citeClauses(first: string[], topScore: number, clauseHits: TermHit[]): CitedClause[] {
    const ids = [...first];
    for (const { ref: id } of clauseHits) {
      if (ids.length >= Math.max(MAX_CITED, first.length)) break;
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.map((id, rank) => ({ id, score: round(Math.max(topScore, 1) * (1 - rank * 0.1)) }));
  }

  type Outcome = Omit<Answer, 'question' | 'reviewNotice'>;

  /** Every answer carries the question (bounded) and the review notice, whatever decided it. */
  function respond(question: string, outcome: Outcome): Answer {
    return { question: question.slice(0, MAX_QUESTION_CHARS), ...outcome, reviewNotice: reviewNotice(now()) };
  }

  function notCovered(question: string): Answer {
    return respond(question, { answered: false, verdict: 'not-covered', summary: NOT_COVERED_SUMMARY, clauses: [], offerReport: false, urgent: false, nextSteps: [] });
  }

  function fromScenario(question: string, scenario: Scenario, score: number, clauseHits: TermHit[]): Answer {
    const { verdict, summary } = verdictFor(question, scenario);
    return respond(question, {
      answered: true,
      verdict,
      summary,
      clauses: citeClauses(scenario.clauses, score, clauseHits),
      offerReport: scenario.offerReport,
      urgent: scenario.urgent,
      nextSteps: scenario.nextSteps,
    });
  }

  function fromClauses(question: string, summary: string, clauses: CitedClause[]): Answer {
    return respond(question, { answered: true, verdict: 'info', summary, clauses, offerReport: false, urgent: false, nextSteps: [] });
  }

  /** `words` are the question's words (questionWords), split once for everything that reads them. */
  function answerUnsafe(question: string, words: string[]): Answer {
    const reference = parseClauseReference(question);
    const referenced = reference ? clausesById.get(reference) : undefined;
    if (referenced && words.length <= 8) {
      return fromClauses(question, `Clause ${referenced.label} (${referenced.heading}): ${withLeadIn(referenced)}`, [{ id: referenced.id, score: 10 }]);
    }
    const terms = queryTerms(words);
    const triggered = triggeredScenario(terms);
    if (triggered) return fromScenario(question, triggered, 10, bestClauses(terms));
    if (!inScope(terms) || isLookup(question, terms)) return notCovered(question);
    const clauseHits = bestClauses(terms);
    const best = bestScenario(terms);
    if (best) return fromScenario(question, best.scenario, best.score, clauseHits);
    const [closest] = clauseHits;
    if (!closest) return notCovered(question);
    const clause = clausesById.get(closest.ref)!;
    const summary = `The policy has no specific guidance on exactly this, but clause ${clause.label} (${clause.heading}) is the closest: ${firstSentence(clause)}`;
    return fromClauses(question, summary, citeClauses([clause.id], closest.score, clauseHits));
  }

  // Answer each scenario's first phrasing at start-up so the first staff questions don't pay for
  // the JIT warming up (measured in CPU time: start-up ~70 → ~140 ms, the dev set's first pass
  // ~55 → ~10 ms).
  for (const s of scenarios) answerUnsafe(s.questions[0], questionWords(s.questions[0]));

  const concerns = compileConcernSignals(data.concernSignals);
  const whenDeclined = scenarios.find((s) => s.id === data.concernSignals.whenDeclined)!;

  return {
    document,
    clauseById: (id) => clausesById.get(String(id).replace(/^§/, '').trim()),
    answer(question) {
      const text = typeof question === 'string' ? question : '';
      try {
        const words = questionWords(text);
        return withConcernNet(answerUnsafe(text, words), concerns.describesConcern(words), () => fromScenario(text, whenDeclined, 1, []));
      } catch {
        // Defensive: a bug here must still give the person an honest answer, never a crash.
        return notCovered(text);
      }
    },
  };
}

/** The scenario's verdict as an answer to this question's wording. */
function verdictFor(question: string, scenario: Scenario): { verdict: Answer['verdict']; summary: string } {
  const { verdict, summary } = scenario;
  // "Who can set up a school account?" asks who, not whether: "it depends" would not answer it.
  if (verdict === 'conditional' && WHO_OR_WHICH.test(question)) return { verdict: 'info', summary };
  if (verdict !== 'yes' && verdict !== 'no') return { verdict, summary };
  // "Who does it apply to?", "Which phone do I use?" ask for information: a bare yes or no would not answer them.
  if (WH_QUESTION.test(question)) return { verdict: 'info', summary };
  const text = question.slice(0, MAX_QUESTION_CHARS);
  if (NEGATED_PERMISSION.test(text) || (verdict === 'no' && asksToPutRight(text, summary))) {
    const flipped = verdict === 'yes' ? 'no' : 'yes';
    return { verdict: flipped, summary: summary.replace(/^(Yes|No)\b/, flipped === 'yes' ? 'Yes' : 'No') };
  }
  return { verdict, summary };
}

/**
 * "Should I take the photos down?" about something the policy forbids asks for the remedy: yes.
 * Unless the scenario's own advice forbids that very action ("should I delete the abusive
 * messages?" — "No — keep them. Don't delete…"): then its no already answers the question.
 */
function asksToPutRight(question: string, summary: string): boolean {
  const match = PUT_RIGHT.exec(question);
  const action = match && PUT_RIGHT_ACTION.exec(match[0].slice(match[1].length))?.[0];
  if (!action) return false;
  return !new RegExp(`\\b(don['’]t|do not|never|not)\\s+(\\w+\\s+)?${action.split(/\\s+/)[0]}`, 'i').test(summary);
}

/** Documents arrive as prepared stems; lunr's own pipeline would filter them a second time. */
function usePreparedTokens(builder: lunr.Builder): void {
  builder.pipeline.reset();
  builder.searchPipeline.reset();
}

/** A clause as it must be read: "should not" lead-ins stay attached (2.4.6–2.4.8). */
function withLeadIn(clause: Clause): string {
  return (clause.leadIn ? `${clause.leadIn} ${clause.text}` : clause.text).replace(/\s+/g, ' ');
}

function firstSentence(clause: Clause): string {
  const text = withLeadIn(clause);
  const match = /^(.{20,400}?[.!?])(\s|$)/.exec(text);
  return match ? match[1] : text.slice(0, 400);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
