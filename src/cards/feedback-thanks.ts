import template from './feedback-thanks.json';
import { expandCard, questionForData, type AdaptiveCardJson } from './template';

export interface FeedbackThanksCardData {
  helpful: boolean;
  question: string;
}

export function renderFeedbackThanksCard({ helpful, question }: FeedbackThanksCardData): AdaptiveCardJson {
  return expandCard(template, { helpful, question: questionForData(question) });
}
