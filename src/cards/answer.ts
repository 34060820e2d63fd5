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

interface VerdictLine {
  label: string;
  color: 'Good' | 'Attention' | 'Warning' | 'Accent' | 'Default';
  style: 'good' | 'attention' | 'warning' | 'accent' | 'emphasis';
}

const VERDICT_LINES: Record<Verdict, VerdictLine> = {
  yes: { label: 'Yes', color: 'Good', style: 'good' },
  no: { label: 'No', color: 'Attention', style: 'attention' },
  conditional: { label: 'It depends', color: 'Warning', style: 'warning' },
  report: { label: 'Report this to the DSL', color: 'Attention', style: 'attention' },
  info: { label: 'What the policy says', color: 'Accent', style: 'accent' },
  'not-covered': { label: 'Not covered by this policy', color: 'Default', style: 'emphasis' },
};

export function verdictLine(answer: Pick<Answer, 'verdict' | 'urgent'>): VerdictLine {
  if (answer.urgent) return { label: 'Urgent: tell the DSL now', color: 'Attention', style: 'attention' };
  return VERDICT_LINES[answer.verdict];
}

export function renderAnswerCard({ answer, clauses, policyTitle, teamsAppId }: AnswerCardData): AdaptiveCardJson {
  const line = verdictLine(answer);
  return expandCard(template, {
    verdictLabel: line.label,
    verdictColor: line.color,
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
