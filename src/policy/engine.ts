import lunr from 'lunr';
import { parseClauseReference } from './clause-reference';
import { readPolicyData, type PolicyData, type Scenario } from './policy-data';
import { reviewNotice } from './review-notice';
import { contentStems, isStopWord, questionWords, stem, words } from './tokenise';
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

// Synonyms widen a search but must not outrank the words the person actually typed; generic
// school words ("school", "parent", "policy") may help rank but never carry a match alone.
const SYNONYM_BOOST = 0.5;
const GENERIC_BOOST = 0.3;
const MIN_SCENARIO_SCORE = 1.5;
const MIN_CLAUSE_SCORE = 1.5;
const MAX_CITED = 3;

interface QueryTerm {
  stem: string;
  boost: number;
  /** Positions of the question words this term stands for. */
  words: Set<number>;
}

interface Hit {
  score: number;
  /** Question words matched, and how many of them are topic words (not generic). */
  topicWords: number;
}

const NOT_COVERED_SUMMARY =
  "The school's social media policy doesn't cover that. It answers questions about social media, messaging, photos, devices and online conduct; for anything else, please ask the school office or your line manager.";

export function createAnswerEngine(data: PolicyData, options: EngineOptions = {}): AnswerEngine {
  const { document, scenarios, synonyms } = data;
  const now = options.now ?? (() => new Date());
  const clausesById = new Map(document.clauses.map((c) => [c.id, c]));
  const synonymStems = buildSynonymMap(synonyms.groups);
  const generic = new Set(synonyms.generic.flatMap(contentStems));
  const topicStems = new Set(
    [...scenarios.flatMap((s) => s.questions), ...synonyms.groups.flat()].flatMap(contentStems).filter((s) => !generic.has(s)),
  );
  const triggers = scenarios.flatMap((scenario) => scenario.triggers.map((t) => ({ scenario, stems: contentStems(t) })));

  const scenarioIndex = lunr(function () {
    this.ref('ref');
    this.field('text');
    scenarios.forEach((s, si) => s.questions.forEach((q, qi) => this.add({ ref: `${si}/${qi}`, text: indexText(q) })));
  });
  const clauseIndex = lunr(function () {
    this.ref('id');
    this.field('text');
    this.field('heading', { boost: 0.5 });
    document.clauses.forEach((c) => this.add({ id: c.id, text: indexText(c.text), heading: indexText(c.heading) }));
  });

  function buildTerms(question: string): QueryTerm[] {
    const terms = new Map<string, QueryTerm>();
    const add = (s: string, boost: number, word: number) => {
      const existing = terms.get(s);
      if (existing) {
        existing.boost = Math.max(existing.boost, boost);
        existing.words.add(word);
      } else terms.set(s, { stem: s, boost, words: new Set([word]) });
    };
    questionWords(question).forEach((w, i) => {
      if (isStopWord(w)) return;
      const s = stem(w);
      add(s, generic.has(s) ? GENERIC_BOOST : 1, i);
      for (const syn of synonymStems.get(s) ?? []) add(syn, generic.has(syn) ? GENERIC_BOOST : SYNONYM_BOOST, i);
    });
    return [...terms.values()];
  }

  function search(index: lunr.Index, terms: QueryTerm[], topicTerms: Set<string>): Map<string, Hit> {
    const hits = new Map<string, Hit>();
    if (terms.length === 0) return hits;
    const byStem = new Map(terms.map((t) => [t.stem, t]));
    const results = index.query((q) => {
      for (const t of terms) q.term(t.stem, { boost: t.boost, usePipeline: false });
    });
    for (const r of results) {
      const topic = new Set<number>();
      for (const matched of Object.keys(r.matchData.metadata)) {
        if (topicTerms.has(matched)) byStem.get(matched)?.words.forEach((w) => topic.add(w));
      }
      hits.set(r.ref, { score: r.score, topicWords: topic.size });
    }
    return hits;
  }

  function bestScenario(terms: QueryTerm[], topicTerms: Set<string>): { scenario: Scenario; hit: Hit } | undefined {
    let best: { scenario: Scenario; hit: Hit } | undefined;
    for (const [ref, hit] of search(scenarioIndex, terms, topicTerms)) {
      const scenario = scenarios[Number(ref.split('/')[0])];
      if (hit.topicWords > 0 && hit.score >= MIN_SCENARIO_SCORE && (!best || hit.score > best.hit.score)) best = { scenario, hit };
    }
    return best;
  }

  function triggeredScenario(terms: QueryTerm[]): Scenario | undefined {
    const present = new Set(terms.map((t) => t.stem));
    const fired = triggers.filter((t) => t.stems.length > 0 && t.stems.every((s) => present.has(s)));
    fired.sort((a, b) => Number(b.scenario.urgent) - Number(a.scenario.urgent) || b.stems.length - a.stems.length);
    return fired[0]?.scenario;
  }

  function citeClauses(first: string[], topScore: number, clauseHits: Map<string, Hit>): CitedClause[] {
    const ids = [...first];
    for (const [id, hit] of clauseHits) {
      if (ids.length >= Math.max(MAX_CITED, first.length)) break;
      if (!ids.includes(id) && hit.topicWords > 0 && hit.score >= MIN_CLAUSE_SCORE) ids.push(id);
    }
    return ids.map((id, rank) => ({ id, score: round(Math.max(topScore, 1) * (1 - rank * 0.1)) }));
  }

  function base(question: string): Pick<Answer, 'question' | 'reviewNotice'> {
    return { question: question.slice(0, 2000), reviewNotice: reviewNotice(document.meta, now()) };
  }

  function notCovered(question: string): Answer {
    return { ...base(question), answered: false, verdict: 'not-covered', summary: NOT_COVERED_SUMMARY, clauses: [], offerReport: false, urgent: false, nextSteps: [] };
  }

  function fromScenario(question: string, scenario: Scenario, score: number, clauseHits: Map<string, Hit>): Answer {
    return {
      ...base(question),
      answered: true,
      verdict: scenario.verdict,
      summary: scenario.summary,
      clauses: citeClauses(scenario.clauses, score, clauseHits),
      offerReport: scenario.offerReport,
      urgent: scenario.urgent,
      nextSteps: scenario.nextSteps,
    };
  }

  function fromClause(question: string, clause: Clause, score: number, clauseHits: Map<string, Hit>): Answer {
    return {
      ...base(question),
      answered: true,
      verdict: 'info',
      summary: `The policy has no specific guidance on exactly this, but clause ${clause.label} (${clause.heading}) is the closest: ${firstSentence(clause)}`,
      clauses: citeClauses([clause.id], score, clauseHits),
      offerReport: false,
      urgent: false,
      nextSteps: [],
    };
  }

  function answerUnsafe(question: string): Answer {
    const reference = parseClauseReference(question);
    const referenced = reference ? clausesById.get(reference) : undefined;
    if (referenced && questionWords(question).length <= 8) {
      return { ...fromClause(question, referenced, 10, new Map()), summary: `Clause ${referenced.label} (${referenced.heading}): ${firstSentence(referenced)}` };
    }
    const terms = buildTerms(question);
    const topicTerms = new Set(terms.map((t) => t.stem).filter((s) => topicStems.has(s)));
    const clauseHits = search(clauseIndex, terms, topicTerms);
    const triggered = triggeredScenario(terms);
    if (triggered) return fromScenario(question, triggered, 10, clauseHits);
    if (topicTerms.size === 0) return notCovered(question);
    const best = bestScenario(terms, topicTerms);
    if (best) return fromScenario(question, best.scenario, best.hit.score, clauseHits);
    const [topClause] = [...clauseHits].filter(([, h]) => h.topicWords > 0 && h.score >= MIN_CLAUSE_SCORE);
    if (topClause) return fromClause(question, clausesById.get(topClause[0])!, topClause[1].score, clauseHits);
    return notCovered(question);
  }

  return {
    document,
    clauseById: (id) => clausesById.get(String(id).replace(/^§/, '').trim()),
    answer(question) {
      const text = typeof question === 'string' ? question : '';
      try {
        return answerUnsafe(text);
      } catch {
        // Defensive: a bug here must still give the person an honest answer, never a crash.
        return notCovered(text);
      }
    },
  };
}

/** stem → stems of every other word in its synonym groups. */
function buildSynonymMap(groups: string[][]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const stems = [...new Set(group.flatMap(contentStems))];
    for (const s of stems) {
      const set = map.get(s) ?? new Set<string>();
      stems.forEach((other) => other !== s && set.add(other));
      map.set(s, set);
    }
  }
  return map;
}

/** Index text goes through the same tokeniser as questions; lunr's pipeline then drops stop words and stems. */
function indexText(text: string): string {
  return words(text).join(' ');
}

function firstSentence(clause: Clause): string {
  const text = clause.leadIn ? `${clause.leadIn} ${clause.text}` : clause.text;
  const match = /^(.{20,400}?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1] : text.slice(0, 400)).replace(/\s+/g, ' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
