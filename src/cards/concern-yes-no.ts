import template from './concern-yes-no.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernYesNoCardData {
  step: string;
  progress: string;
  /** Safety advice shown above the question, most important first. */
  warnings: string[];
  question: string;
  hint: string;
  error: string;
}

export function renderConcernYesNoCard({ warnings, ...data }: ConcernYesNoCardData): AdaptiveCardJson {
  return expandCard(template, { ...data, warnings: warnings.map((text) => ({ text })) });
}
