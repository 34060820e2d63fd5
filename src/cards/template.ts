import { Template } from 'adaptivecards-templating';

/** An Adaptive Card payload as sent in an attachment (schema 1.5, what Teams renders). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/**
 * Expands a JSON card template with adaptivecards-templating. User text only ever enters here as
 * data: a `${…}` typed by a person stays literal text, it is never evaluated.
 */
export function expandCard(template: object, data: object): AdaptiveCardJson {
  return new Template(template).expand({ $root: data }) as AdaptiveCardJson;
}

// Submit payloads stay small: the question travels back only as context for feedback and reports.
const QUESTION_IN_DATA_CHARS = 500;

export function questionForData(question: string): string {
  return question.slice(0, QUESTION_IN_DATA_CHARS);
}
