import { EXAMPLE_QUESTIONS } from './examples';
import { expandCard, type AdaptiveCardJson } from './template';
import template from './welcome.json';

export interface WelcomeCardData {
  schoolName: string;
  policyTitle: string;
}

export function renderWelcomeCard({ schoolName, policyTitle }: WelcomeCardData): AdaptiveCardJson {
  return expandCard(template, { schoolName, policyTitle, examples: EXAMPLE_QUESTIONS.slice(0, 3) });
}
