import { Template } from 'adaptivecards-templating';
import { LRUCache } from 'lru-cache';

/** An Adaptive Card payload as sent in an attachment (schema 1.5, what Teams renders). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

// Parsing a template's ${…} expressions (an ANTLR grammar) cost more than everything else in a
// turn put together (profiled under load: docs/performance.md), so each template is parsed once.
// Reuse is safe: expand() only reads the parsed template and builds a new card each call.
const parsedTemplates = new WeakMap<object, Template>();

/**
 * Expands a JSON card template with adaptivecards-templating. User text only ever enters here as
 * data: a `${…}` typed by a person stays literal text, it is never evaluated.
 */
export function expandCard(template: object, data: object): AdaptiveCardJson {
  let parsed = parsedTemplates.get(template);
  if (!parsed) {
    parsed = new Template(template);
    parsedTemplates.set(template, parsed);
  }
  return parsed.expand({ $root: data }) as AdaptiveCardJson;
}

// Submit payloads stay small: the question travels back only as context for feedback and reports.
const QUESTION_IN_DATA_CHARS = 500;

export function questionForData(question: string): string {
  return question.slice(0, QUESTION_IN_DATA_CHARS);
}

/** A question that came back in submit data may have been cut to fit; this one surely was not. */
export function isWholeQuestion(questionFromData: string): boolean {
  return questionFromData.length < QUESTION_IN_DATA_CHARS;
}

/**
 * Cards expanded once per key and shared, deep-frozen, between replies; bounded, so the least used
 * are expanded again when needed. A key names everything the card shows, never who asked or what.
 */
export class SharedCards {
  private readonly cards;

  constructor(max: number) {
    this.cards = new LRUCache<string, Readonly<AdaptiveCardJson>>({ max });
  }

  get(key: string, expand: () => AdaptiveCardJson): Readonly<AdaptiveCardJson> {
    let card = this.cards.get(key);
    if (!card) {
      card = deepFreeze(expand());
      this.cards.set(key, card);
    }
    return card;
  }
}

interface CardAction {
  type: string;
  data?: object;
  card?: { actions?: readonly unknown[] };
}

/**
 * A shared card with `context` added to the submit data of its buttons (in a ShowCard's card too):
 * what differs between replies of one card, such as the question it answered, without expanding
 * its template again. The shared card itself is not changed.
 */
export function withSubmitContext(card: Readonly<AdaptiveCardJson>, context: object): AdaptiveCardJson {
  return { ...card, actions: card.actions && addToSubmitData(card.actions, context) };
}

function addToSubmitData(actions: readonly unknown[], context: object): unknown[] {
  return actions.map((item) => {
    const action = item as CardAction;
    if (action.type === 'Action.Submit') return { ...action, data: { ...action.data, ...context } };
    if (action.type === 'Action.ShowCard' && action.card?.actions) {
      return { ...action, card: { ...action.card, actions: addToSubmitData(action.card.actions, context) } };
    }
    return action;
  });
}

/** Freezes an expanded card part and everything in it, so one copy can be shared by many replies. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
