import template from './concern-review.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernReviewCardData {
  /** "the DSL team", "the Headteacher (privately)"… */
  recipient: string;
  answers: { label: string; value: string }[];
  error: string;
}

export function renderConcernReviewCard(data: ConcernReviewCardData): AdaptiveCardJson {
  return expandCard(template, data);
}
