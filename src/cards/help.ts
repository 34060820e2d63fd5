import { EXAMPLE_QUESTIONS } from './examples';
import template from './help.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface HelpCardData {
  policyTitle: string;
}

export function renderHelpCard({ policyTitle }: HelpCardData): AdaptiveCardJson {
  return expandCard(template, { policyTitle, examples: EXAMPLE_QUESTIONS });
}
