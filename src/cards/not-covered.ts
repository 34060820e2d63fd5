import template from './not-covered.json';
import { expandCard, questionForData, SharedCards, withSubmitContext, type AdaptiveCardJson } from './template';

export interface NotCoveredCardData {
  question: string;
  policyTitle: string;
  /** The policy owner as printed in the policy (e.g. "Computing Co-ordinator – Mr Peebles"), if known. */
  policyOwner?: string;
  reviewNotice: string;
}

// The card is the same for every question the policy does not cover (one per policy and review
// notice), so it is expanded once; only the buttons' submit data carries the question.
const cards = new SharedCards(16);

export function renderNotCoveredCard({ question, policyTitle, policyOwner, reviewNotice }: NotCoveredCardData): AdaptiveCardJson {
  const card = cards.get(JSON.stringify([policyTitle, policyOwner, reviewNotice]), () => {
    // The printed reviewer reads "Computing Co-ordinator – Mr Peebles": show only the name after the role.
    const owner = policyOwner?.split(/\s[–-]\s/).pop()?.trim();
    return expandCard(template, { policyTitle, ownerSuffix: owner ? ` (${owner})` : '', reviewNotice });
  });
  return withSubmitContext(card, { question: questionForData(question) });
}
