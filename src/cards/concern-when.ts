import template from './concern-when.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernWhenCardData {
  progress: string;
  /** YYYY-MM-DD, prefilled (today, or the earlier answer). */
  date: string;
  /** HH:MM or "". */
  time: string;
  /** YYYY-MM-DD: a concern cannot have happened in the future. */
  today: string;
  error: string;
}

export function renderConcernWhenCard(data: ConcernWhenCardData): AdaptiveCardJson {
  return expandCard(template, data);
}
