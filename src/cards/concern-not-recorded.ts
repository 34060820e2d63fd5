import template from './concern-not-recorded.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernNotRecordedCardData {
  /** The correlation id in the server log, so the failure can be found without logging the report. */
  errorId: string;
}

export function renderConcernNotRecordedCard(data: ConcernNotRecordedCardData): AdaptiveCardJson {
  return expandCard(template, data);
}
