import type { Activity } from 'botbuilder';
import { channelMention, personalMessage, STAFF } from './activities';

/** People in the safeguarding tests; the environment below makes them DSL, Head, Chair and fallback. */
export const DSL = { id: '29:dsl-lead', name: 'Dee Lead', aadObjectId: 'aad-dsl-1' };
export const HEAD = { id: '29:head', name: 'Hana Head', aadObjectId: 'aad-head' };
export const CHAIR = { id: '29:chair', name: 'Chris Chair', aadObjectId: 'aad-chair' };
export const FALLBACK = { id: '29:deputy-head', name: 'Dana Deputy', aadObjectId: 'aad-fallback' };
export { STAFF };

export const SAFEGUARDING_ENV = {
  DSL_USER_IDS: DSL.aadObjectId,
  HEADTEACHER_USER_ID: HEAD.aadObjectId,
  CHAIR_OF_GOVERNORS_USER_ID: CHAIR.aadObjectId,
  ESCALATION_FALLBACK_USER_ID: FALLBACK.aadObjectId,
};

type Person = typeof DSL;

/** What an alert or reminder card sent again after an interrupted attempt says (src/cards/dsl-alert.json). */
export const mayRepeatLine = (reference: string) =>
  `This may repeat a card already posted for ${reference}: PolicyGuide was interrupted while sending it. Both cards show the same state and act on the same concern.`;

/** A channel message in the safeguarding team, @mentioning the bot or not (RSC lets the bot read both). */
export function inDslChannel(text: string, from: Person, serviceUrl: string, mention = true): Partial<Activity> {
  const activity = { ...channelMention(text, from), serviceUrl };
  return mention ? activity : { ...activity, text, entities: [] };
}

/** A 1:1 message: the bot saves this person's conversation reference. */
export function inPersonalChat(text: string, from: Person, serviceUrl: string): Partial<Activity> {
  return { ...personalMessage(text, from), serviceUrl };
}

/** An Action.Execute press on a card in the DSL channel, as Teams sends it (invoke adaptiveCard/action). */
export function cardExecute(verb: string, data: Record<string, unknown>, from: Person, serviceUrl: string): Partial<Activity> {
  const { text: _text, entities: _entities, ...base } = inDslChannel('', from, serviceUrl);
  return { ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

/** Real time plus an offset the test moves on, so deadlines pass without waiting. */
export function movableClock() {
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  clock.advanceMinutes = (minutes: number) => { offsetMs += minutes * 60_000; };
  return clock;
}

/** Waits for a condition that the server reaches asynchronously (generous timeout, no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
