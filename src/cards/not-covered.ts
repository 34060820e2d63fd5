import template from './not-covered.json';
import { expandCard, questionForData, type AdaptiveCardJson } from './template';

export interface NotCoveredCardData {
  question: string;
  policyTitle: string;
  /** The policy owner as printed in the policy (e.g. "Computing Co-ordinator – Mr Peebles"), if known. */
  policyOwner?: string;
  reviewNotice: string;
}

export function renderNotCoveredCard({ question, policyTitle, policyOwner, reviewNotice }: NotCoveredCardData): AdaptiveCardJson {
  // The printed reviewer reads "Computing Co-ordinator – Mr Peebles": show only the name after the role.
  const owner = policyOwner?.split(/\s[–-]\s/).pop()?.trim();
  return expandCard(template, {
    question: questionForData(question),
    policyTitle,
    ownerSuffix: owner ? ` (${owner})` : '',
    reviewNotice,
  });
}
