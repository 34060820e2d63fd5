import template from './concern-cancelled.json';
import { expandCard, type AdaptiveCardJson } from './template';

export function renderConcernCancelledCard(): AdaptiveCardJson {
  return expandCard(template, {});
}
