import template from './concern-question.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernQuestionCardData {
  /** The dialog step the answer belongs to: a Next pressed on an older card is recognised as stale. */
  step: string;
  progress: string;
  question: string;
  hint: string;
  /** The answer given before (when editing or re-asking), or "". */
  value: string;
  multiline: boolean;
  maxLength: number;
  required: boolean;
  error: string;
}

export function renderConcernQuestionCard(data: ConcernQuestionCardData): AdaptiveCardJson {
  return expandCard(template, { ...data, requiredMessage: `Please answer: ${data.question}` });
}
