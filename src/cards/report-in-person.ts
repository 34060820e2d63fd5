import template from './report-in-person.json';
import { expandCard, type AdaptiveCardJson } from './template';

/** How to report a concern in person: the answer to `report` until reports can be taken in chat. */
export function renderReportInPersonCard(): AdaptiveCardJson {
  return expandCard(template, {});
}
