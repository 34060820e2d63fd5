import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { renderConcernNotRecordedCard } from '../../cards/concern-not-recorded';
import { categoryGuides, concernCategories, concernDraftSchema, type ConcernCategory } from '../../reports/model';
import { isCategory, isTextStep, isYesNoStep, renderReviewCard, renderStepCard, schoolDate, type ConcernAnswers, type ConcernStep } from './concernQuestions';

export type ReviewChoice = 'confirm' | 'edit';
export type PromptStep = ConcernStep | 'review';

export interface ConcernPromptOptions extends PromptOptions {
  step: PromptStep;
  answers: ConcernAnswers;
  /** After a failed save: show that nothing was recorded (with this log correlation id) instead of the review. */
  notRecordedId?: string;
}

type Recognised = { value: string | boolean } | { error: string };

const CONFIRM = /^(confirm|send|yes|submit)\b/i;
const EDIT = /^(edit|change|back)\b/i;
const YES = /^(y|yes|yeah|yep|i have|done)\b/i;
const NO = /^(n|no|nope|not yet|i haven't|i have not)\b/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Asks one question of the concern report as an Adaptive Card and accepts the answer either from
 * the card's inputs (Action.Submit) or typed as a message. A wrong answer re-asks with the reason
 * on the card; nothing a person types or posts is thrown.
 */
export class ConcernCardPrompt extends Prompt<string | boolean> {
  constructor(
    dialogId: string,
    private readonly now: () => Date,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, state: { error?: string }, options: PromptOptions, isRetry: boolean): Promise<void> {
    const { step, answers, notRecordedId } = options as ConcernPromptOptions;
    const error = isRetry ? (state.error ?? '') : '';
    let card;
    if (step !== 'review') card = renderStepCard(step, answers, error, this.now());
    else if (notRecordedId && !isRetry) card = renderConcernNotRecordedCard({ errorId: notRecordedId });
    else card = renderReviewCard(answers as ConcernAnswers & { category: ConcernCategory }, error);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  protected async onRecognize(context: TurnContext, state: { error?: string }, options: PromptOptions): Promise<PromptRecognizerResult<string | boolean>> {
    const { step } = options as ConcernPromptOptions;
    const result = recogniseAnswer(step, context.activity, this.now());
    if ('error' in result) {
      state.error = result.error;
      return { succeeded: false };
    }
    return { succeeded: true, value: result.value };
  }
}

/** One step's answer from a card submit or a typed message. */
export function recogniseAnswer(step: PromptStep, activity: Partial<Activity>, now: Date): Recognised {
  const submitted = isRecord(activity.value) ? activity.value : undefined;
  const typed = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (carriesFile(activity)) {
    return {
      error:
        "Please don't send pictures or files here: nothing you attached has been kept. Describe what you saw in words. If it may be an indecent image of a child, don't send it anywhere: leave it where it is and tell the DSL.",
    };
  }
  if (submitted && submitted.concernStep !== step) {
    return { error: "That button belongs to an earlier card. Please answer the question on this card, or press Cancel to stop." };
  }
  if (!submitted && /^report$/i.test(typed)) {
    return { error: "You're already in the middle of a report. Please answer the question on this card, or type cancel to stop." };
  }
  if (step === 'review') return recogniseReview(submitted ? submitted.action : typed);
  if (step === 'category') return recogniseCategory(submitted ? submitted.category : typed);
  if (isYesNoStep(step)) return recogniseYesNo(submitted ? submitted.answer : typed);
  if (step === 'when') return submitted ? recogniseDateTime(submitted.date, submitted.time, now) : recogniseText('when', typed);
  if (isTextStep(step)) return recogniseText(step, submitted ? submitted.answer : typed);
  return { error: 'Please answer the question on this card.' };
}

function recogniseReview(raw: unknown): Recognised {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (CONFIRM.test(text)) return { value: 'confirm' satisfies ReviewChoice };
  if (EDIT.test(text)) return { value: 'edit' satisfies ReviewChoice };
  return { error: 'Please press Confirm and send, Edit or Cancel.' };
}

function recogniseCategory(raw: unknown): Recognised {
  if (isCategory(raw)) return { value: raw };
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  const byLabel = concernCategories.filter((c) => text.length >= 4 && categoryGuides[c].label.toLowerCase().includes(text));
  if (byLabel.length === 1) return { value: byLabel[0] };
  return { error: 'Please choose one of the kinds of concern on the card.' };
}

function recogniseYesNo(raw: unknown): Recognised {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (NO.test(text)) return { value: false };
  if (YES.test(text)) return { value: true };
  return { error: 'Please answer Yes or No.' };
}

function recogniseText(step: 'when' | 'whatHappened' | 'where' | 'peopleInvolved' | 'actionsTaken', raw: unknown): Recognised {
  const parsed = concernDraftSchema.shape[step].safeParse(typeof raw === 'string' ? raw : '');
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'Please answer the question.' };
}

function recogniseDateTime(date: unknown, time: unknown, now: Date): Recognised {
  if (typeof date !== 'string' || !isCalendarDate(date)) return { error: 'Please give the date it happened.' };
  if (date > schoolDate(now)) return { error: "That date is in the future. Please give the date it happened, or your best estimate." };
  const clock = typeof time === 'string' ? time.trim() : '';
  if (clock !== '' && !CLOCK_TIME.test(clock)) return { error: 'Please give the time as hours and minutes, or leave it blank.' };
  return { value: clock ? `${date} ${clock}` : date };
}

/** "2026-02-31" parses in JavaScript (as 3 March): only a date that reads back unchanged is real. */
function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** Teams adds a text/html copy of ordinary messages; anything else attached is a picture or a file. */
function carriesFile(activity: Partial<Activity>): boolean {
  return (activity.attachments ?? []).some((a) => a.contentType !== 'text/html');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
