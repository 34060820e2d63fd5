import template from './concern-recorded.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernRecordedCardData {
  reference: string;
  categoryLabel: string;
  /** "sent to the DSL team." / "sent privately to the Headteacher." */
  recipientSentence: string;
  /** An urgent concern whose reporter has not yet spoken to the DSL in person. */
  speakToDslNow: boolean;
  nextSteps: string[];
  /** Policy clause ids, e.g. ["2.8.3", "2.8.5"]. */
  clauses: string[];
}

export function renderConcernRecordedCard({ nextSteps, clauses, ...data }: ConcernRecordedCardData): AdaptiveCardJson {
  return expandCard(template, { ...data, nextSteps: nextSteps.map((step) => ({ step })), clauses: clauses.join(', ') });
}
