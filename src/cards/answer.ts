import { LRUCache } from 'lru-cache';
import type { Answer, Clause, Verdict } from '../policy/types';
import actionsTemplate from './answer-actions.json';
import bodyTemplate from './answer-body.json';
import { clauseView } from './clause-view';
import { policyClauseLink } from './deepLinks';
import { deepFreeze, expandCard, questionForData, type AdaptiveCardJson } from './template';

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

// Many questions get the same answer, and expanding the card body (verdict, summary, next steps,
// clauses) was the largest part of a turn (profiled: docs/performance.md). Bodies are kept per
// answer, never per question; a few hundred distinct answers exist for one policy.
const MAX_CACHED_BODIES = 512;
const bodies = new LRUCache<string, Readonly<AdaptiveCardJson>>({ max: MAX_CACHED_BODIES });
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
 * The answer card: a body that depends only on the answer (expanded once per distinct answer and
 * shared, deep-frozen, between replies) and the buttons, expanded for each reply because their
 * data carries the question.
 */
export function renderAnswerCard({ answer, clauses, policyTitle, teamsAppId, cardId, rated = false }: AnswerCardData): AdaptiveCardJson {
  // The buttons' submit data, bound whole: the question is a value in it, never part of a template.
  const question = questionForData(answer.question);
  const feedback = (helpful: boolean) => ({ action: 'feedback', helpful, question, verdict: answer.verdict, cardId });
  const { actions } = expandCard(actionsTemplate, {
    offerReport: answer.offerReport,
    sectionUrl: clauses.length > 0 ? policyClauseLink(teamsAppId, clauses[0].id) : '',
    rated,
    reportData: { action: 'report', question },
    helpfulData: feedback(true),
    notHelpfulData: feedback(false),
  });
  return { ...answerBody(answer, clauses, policyTitle), actions };
}

function answerBody(answer: Answer, clauses: Clause[], policyTitle: string): Readonly<AdaptiveCardJson> {
  const line = verdictLine(answer);
  // Everything the body shows, and nothing from the question.
  const key = JSON.stringify([line.label, answer.summary, answer.nextSteps, clauses.map(clauseKey), policyTitle, answer.reviewNotice]);
  let body = bodies.get(key);
  if (!body) {
    body = deepFreeze(
      expandCard(bodyTemplate, {
        verdictLabel: line.label,
        verdictStyle: line.style,
        summary: answer.summary,
        nextSteps: answer.nextSteps.map((step) => ({ step: `• ${step}` })),
        clausesHeading: clauses.length === 1 ? 'Policy clause' : 'Policy clauses',
        clauses: clauses.map(clauseView),
        policyTitle,
        reviewNotice: answer.reviewNotice,
      }),
    );
    bodies.set(key, body);
  }
  return body;
}
