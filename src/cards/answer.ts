import type { Answer, Clause, Verdict } from '../policy/types';
import template from './answer.json';
import { clauseView } from './clause-view';
import { policyClauseLink } from './deepLinks';
import { expandCard, questionForData, SharedCards, withSubmitContext, type AdaptiveCardJson } from './template';

export interface AnswerCardData {
  answer: Answer;
  /** The cited clauses, resolved, in the answer's order. */
  clauses: Clause[];
  policyTitle: string;
  /** For the "Read the full section" deep link into the Policy tab. */
  teamsAppId: string;
  /** Travels back with a rating, so each card is rated once. */
  cardId: string;
  /** Already rated: the card without its Helpful / Not helpful buttons. */
  rated?: boolean;
}

/** The verdict's colour is its container style (a coloured band); the text stays default for contrast. */
interface VerdictLine {
  label: string;
  style: 'good' | 'attention' | 'warning' | 'accent' | 'emphasis';
}

const VERDICT_LINES: Record<Verdict, VerdictLine> = {
  yes: { label: 'Yes', style: 'good' },
  no: { label: 'No', style: 'attention' },
  conditional: { label: 'It depends', style: 'warning' },
  report: { label: 'Report this to the DSL', style: 'attention' },
  info: { label: 'What the policy says', style: 'accent' },
  'not-covered': { label: 'Not covered by this policy', style: 'emphasis' },
};

export function verdictLine(answer: Pick<Answer, 'verdict' | 'urgent'>): VerdictLine {
  if (answer.urgent) return { label: 'Urgent: tell the DSL now', style: 'attention' };
  return VERDICT_LINES[answer.verdict];
}

// Many questions get the same answer, and expanding the card (verdict, summary, next steps, clauses,
// buttons) was the largest part of a turn (profiled: docs/performance.md). Cards are kept per answer
// and set of buttons, never per question; a few hundred distinct answers exist for one policy.
const MAX_CACHED_CARDS = 512;
const cards = new SharedCards(MAX_CACHED_CARDS);
// A clause stands in the key for its text: one number per clause object, so another policy's
// clause with the same id (a reloaded policy, tests) never shows a cached text.
const clauseKeys = new WeakMap<Clause, number>();
let nextClauseKey = 0;
const clauseKey = (clause: Clause) => {
  let key = clauseKeys.get(clause);
  if (key === undefined) clauseKeys.set(clause, (key = nextClauseKey++));
  return key;
};

/**
 * The answer card: expanded once per distinct answer and shared, deep-frozen, between replies; each
 * reply's buttons then carry its own question and card id in their submit data.
 */
export function renderAnswerCard({ answer, clauses, policyTitle, teamsAppId, cardId, rated = false }: AnswerCardData): AdaptiveCardJson {
  const sectionUrl = clauses.length > 0 ? policyClauseLink(teamsAppId, clauses[0].id) : '';
  // The question is a value in the submit data, never part of a template.
  return withSubmitContext(sharedCard(answer, clauses, policyTitle, sectionUrl, rated), { question: questionForData(answer.question), cardId });
}

function sharedCard(answer: Answer, clauses: Clause[], policyTitle: string, sectionUrl: string, rated: boolean): Readonly<AdaptiveCardJson> {
  const line = verdictLine(answer);
  // Everything the card shows or sends back, and nothing from the question.
  const key = JSON.stringify([answer.verdict, line.label, answer.summary, answer.nextSteps, clauses.map(clauseKey), policyTitle, answer.reviewNotice, answer.offerReport, sectionUrl, rated]);
  return cards.get(key, () =>
    expandCard(template, {
      verdict: answer.verdict,
      verdictLabel: line.label,
      verdictStyle: line.style,
      summary: answer.summary,
      nextSteps: answer.nextSteps.map((step) => ({ step: `• ${step}` })),
      clausesHeading: clauses.length === 1 ? 'Policy clause' : 'Policy clauses',
      clauses: clauses.map(clauseView),
      policyTitle,
      reviewNotice: answer.reviewNotice,
      offerReport: answer.offerReport,
      sectionUrl,
      rated,
    }),
  );
}
