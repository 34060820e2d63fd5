import { z } from 'zod';
import type { Answer } from './types';

/**
 * The safety net behind the scenarios. Scenario phrasings cover the concerns someone thought of;
 * staff describe new ones in their own words every day ("a pupil let slip she meets a man from a
 * game"), and an answer without the Report button is the worst mistake this product can make.
 * So a question whose words show a concern always offers reporting, whatever answered it.
 * The word lists live in policy-data/concern-signals.json; how they combine is here.
 */

const words = z.array(z.string().regex(/^[a-z0-9#]+( [a-z0-9#]+)*\*?$/, 'lower-case words as the tokeniser writes them, optionally ending in *')).min(1);

export const ConcernSignalFileSchema = z.strictObject({
  _comment: z.string().optional(),
  /** The scenario that answers a concern the engine would otherwise decline as not covered. */
  whenDeclined: z.string(),
  /** A child: pupil, girl, "year 6"… */
  child: words,
  /** Another adult who could be in contact with a child: colleague, coach, stranger, "someone"… */
  adult: words,
  /** Private contact: messaging, DMs, numbers, lifts home, gifts… */
  contact: words,
  /** Harm on its own: abuse, grooming, self-harm, threats, exploitation, radicalisation, sexual… */
  harm: words,
  /** Secrecy: "not to tell", "keep it between them"… */
  secrecy: words,
  /** Someone passing on what a child said or did: "told me", "confided", "let slip"… */
  disclosure: words,
  /** The person asking is uneasy: worried, uneasy, cagey, creepy… */
  worry: words,
  /** Asking what a word means ("what counts as grooming?"): information, not a concern. */
  definition: words,
  /** Openings of a question about staff's own permitted practice ("can teachers email pupils?"). */
  permission: words,
});
export type ConcernSignalFile = z.infer<typeof ConcernSignalFileSchema>;

type Signal = Exclude<keyof ConcernSignalFile, '_comment' | 'whenDeclined'>;

const TELL_DSL = 'If you are worried about a child, tell the DSL today — you can report it here.';

export interface ConcernSignals {
  /** The question, as questionWords splits it, describes a concern to report. */
  describesConcern(words: readonly string[]): boolean;
}

export function compileConcernSignals(file: ConcernSignalFile): ConcernSignals {
  const anywhere = (signal: Signal) => new RegExp(`(^| )(${file[signal].map(pattern).join('|')})( |$)`);
  const atStart = (signal: Signal) => new RegExp(`^(${file[signal].map(pattern).join('|')})( |$)`);
  const has = {
    child: anywhere('child'),
    // "I'm a new lunchtime supervisor", "as a TA": the person asking, not another adult.
    adult: new RegExp(`(?<!\\b(im|i am|as) (a|an|the)( new)?)${anywhere('adult').source}`),
    contact: anywhere('contact'),
    harm: anywhere('harm'),
    secrecy: anywhere('secrecy'),
    disclosure: anywhere('disclosure'),
    worry: anywhere('worry'),
    definition: anywhere('definition'),
    permission: atStart('permission'),
  };
  return {
    describesConcern(words) {
      const text = words.join(' ');
      const is = (signal: keyof typeof has) => has[signal].test(text);
      if (is('definition')) return false;
      // Harm or secrecy needs someone it happens to: "threats" alone may be a question about the policy.
      if (is('harm') && (is('child') || is('disclosure') || is('adult'))) return true;
      // "Can teachers email pupils?", "is it OK not to tell the head my niece is in my class?" ask
      // about staff's own practice; "the caretaker chats to a child on Snapchat" or "I'm uneasy
      // about how a colleague messages a boy" describes someone else's.
      if (is('permission')) return false;
      if (is('secrecy') && (is('child') || is('disclosure'))) return true;
      if (is('child') && is('adult') && is('contact')) return true;
      return is('worry') && is('child') && (is('contact') || is('adult'));
    },
  };
}

/** A word-list entry as a regular expression over the tokeniser's words. */
function pattern(entry: string): string {
  return entry.replace(/\*$/, '[a-z0-9]*').replace(/#/g, '[0-9]+');
}

/**
 * The answer with the safety net applied: an answered concern offers reporting (its verdict and
 * clauses stay, with a next step to tell the DSL unless one already says so); a declined one is
 * answered by `reportAnswer` instead, since "not covered" would leave a worried adult with no route.
 */
export function withConcernNet(answer: Answer, concern: boolean, reportAnswer: () => Answer): Answer {
  if (!concern || answer.offerReport) return answer;
  if (!answer.answered) return reportAnswer();
  const toldDsl = answer.nextSteps.some((step) => /\bDSL\b/.test(step));
  return { ...answer, offerReport: true, nextSteps: toldDsl ? answer.nextSteps : [...answer.nextSteps, TELL_DSL] };
}
