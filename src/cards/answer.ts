import type { Answer, Clause, Verdict } from '../policy/types';
import template from './answer.json';
import { clauseView } from './clause-view';
import { policyClauseLink } from './deepLinks';
import { expandCard, questionForData, type AdaptiveCardJson } from './template';

export interface AnswerCardData {
  answer: Answer;
  /** The cited clauses, resolved, in the answer's order. */
  clauses: Clause[];
  policyTitle: string;
  /** For the "Read the full section" deep link into the Policy tab. */
  teamsAppId: string;
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

export function renderAnswerCard({ answer, clauses, policyTitle, teamsAppId }: AnswerCardData): AdaptiveCardJson {
  const line = verdictLine(answer);
  return expandCard(template, {
    verdictLabel: line.label,
    verdictStyle: line.style,
    summary: answer.summary,
    nextSteps: answer.nextSteps.map((step) => ({ step: `• ${step}` })),
    clausesHeading: clauses.length === 1 ? 'Policy clause' : 'Policy clauses',
    clauses: clauses.map(clauseView),
    policyTitle,
    reviewNotice: answer.reviewNotice,
    offerReport: answer.offerReport,
    sectionUrl: clauses.length > 0 ? policyClauseLink(teamsAppId, clauses[0].id) : '',
    question: questionForData(answer.question),
    verdict: answer.verdict,
  });
}
