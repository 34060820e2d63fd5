import template from './concern-refused.json';
import { expandCard, type AdaptiveCardJson } from './template';

/** What someone who may not act on a concern sees after pressing one of its buttons: the reason, nothing of the concern. */
export function renderConcernRefusedCard({ reason }: { reason: string }): AdaptiveCardJson {
  return expandCard(template, { reason });
}
