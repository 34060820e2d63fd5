import type { Clause } from '../policy/types';
import template from './clause.json';
import { clauseView } from './clause-view';
import { policyClauseLink } from './deepLinks';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ClauseCardData {
  clause: Clause;
  /** Another clause printed with this clause's number (the document prints 4.1.2 as "3.1.2"). */
  samePrintedNumber?: Clause;
  policyTitle: string;
  reviewNotice: string;
  teamsAppId: string;
}

export function renderClauseCard({ clause, samePrintedNumber, policyTitle, reviewNotice, teamsAppId }: ClauseCardData): AdaptiveCardJson {
  const view = clauseView(clause, 0);
  const misprintNote = samePrintedNumber
    ? `The printed policy also numbers a clause in section ${samePrintedNumber.section} "${samePrintedNumber.label}" (${samePrintedNumber.heading}); type ${samePrintedNumber.id} to read that one.`
    : '';
  return expandCard(template, {
    label: clause.label,
    heading: clause.heading,
    section: view.section,
    text: view.text,
    misprintNote,
    policyTitle,
    reviewNotice,
    sectionUrl: policyClauseLink(teamsAppId, clause.id),
  });
}
