import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { renderConcernCancelledCard } from '../../cards/concern-cancelled';
import { renderConcernRecordedCard } from '../../cards/concern-recorded';
import type { Logger } from '../../log';
import { checkConcernDraft, guideFor, type ConcernReport, type Person } from '../../reports/model';
import type { ReportStore } from '../../reports/reportStore';
import { ConcernCardPrompt, recogniseAnswer, type ConcernPromptOptions, type PromptStep, type ReviewChoice } from './concernCardPrompt';
import { recipientFor, stepsFor, type ConcernAnswers, type ConcernStep } from './concernQuestions';

export const REPORT_CONCERN_DIALOG = 'reportConcern';
/** Set in turn state when the dialog ended without using the message, which the bot should then handle. */
export const HANDED_BACK = Symbol('reportConcern.handedBack');
const QUESTIONS = 'reportConcern.questions';
const REVIEW = 'reportConcern.review';
const PROMPT = 'reportConcern.prompt';

/** Every question the dialog can ask, in order; stepsFor(category) says which apply. */
const ALL_STEPS: ConcernStep[] = ['category', 'headIsSubject', 'spokenToDsl', 'whatHappened', 'when', 'where', 'peopleInvolved', 'actionsTaken'];

export interface ReportConcernOptions {
  /** Who is reporting, taken from Teams when the report started (never typed). */
  reporter: Person;
  /** Earlier answers, when the reporter chose Edit on the review. */
  answers?: ConcernAnswers;
  /** Set when saving failed: the review shows that nothing was recorded. */
  notRecordedId?: string;
  /**
   * Given when the report starts and kept in dialog state: a Confirm replayed after a crash between
   * the store's commit and the state save returns the report already recorded, not a second one.
   */
  draftId?: string;
}

export interface ReportConcernDeps {
  store: Pick<ReportStore, 'createReport'>;
  logger: Logger;
  now?: () => Date;
}

const CANCEL = /^\s*(cancel|stop)\s*[.!]*\s*$/i;

/**
 * A safeguarding concern, one question at a time, then a review. The report is stored only on
 * Confirm, and "recorded" is said only after the store has committed it (DESIGN.md §5). Cancel,
 * typed or pressed, works at every step; the answers so far live in dialog state (bot storage),
 * so a restart in the middle loses nothing.
 */
export class ReportConcernDialog extends ComponentDialog {
  constructor(private readonly deps: ReportConcernDeps) {
    super(REPORT_CONCERN_DIALOG);
    const now = deps.now ?? (() => new Date());
    this.addDialog(new ConcernCardPrompt(PROMPT, now));
    this.addDialog(new WaterfallDialog(QUESTIONS, [...ALL_STEPS.map((s) => this.ask(s)), this.toReview.bind(this)]));
    this.addDialog(new WaterfallDialog(REVIEW, [this.review.bind(this), this.decide.bind(this)]));
    this.initialDialogId = QUESTIONS;
  }

  protected async onBeginDialog(innerDc: DialogContext, options?: ReportConcernOptions): Promise<DialogTurnResult> {
    return super.onBeginDialog(innerDc, { ...options!, draftId: options?.draftId ?? randomUUID() });
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = innerDc.context;
    if (isCancel(activity)) {
      await innerDc.context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderConcernCancelledCard())] });
      return innerDc.cancelAllDialogs();
    }
    // Nothing has been said yet: a typed message that is not a kind of concern means the person
    // has moved on (Report pressed by mistake, or a question), so the bot treats it as usual.
    if (waitingFor(innerDc) === 'category' && !isCardValue(activity.value) && 'error' in recogniseAnswer('category', activity, new Date())) {
      innerDc.context.turnState.set(HANDED_BACK, true);
      return innerDc.cancelAllDialogs();
    }
    return super.onContinueDialog(innerDc);
  }

  /** A waterfall step that first keeps the previous answer, then asks `step` if it applies to the category chosen. */
  private ask(step: ConcernStep) {
    return async (wf: WaterfallStepContext<ReportConcernOptions>): Promise<DialogTurnResult> => {
      const answers = keepAnswer(wf);
      if (!stepsFor(answers.category).includes(step)) return wf.next();
      (wf.values as AnswerState).asking = step;
      return askWith(wf, { step, answers });
    };
  }

  private async toReview(wf: WaterfallStepContext<ReportConcernOptions>): Promise<DialogTurnResult> {
    const answers = keepAnswer(wf);
    const { reporter, draftId } = wf.options;
    return wf.replaceDialog(REVIEW, { reporter, answers, draftId } satisfies ReportConcernOptions);
  }

  private async review(wf: WaterfallStepContext<ReportConcernOptions>): Promise<DialogTurnResult> {
    const { answers = {}, notRecordedId } = wf.options;
    return askWith(wf, { step: 'review', answers, notRecordedId });
  }

  private async decide(wf: WaterfallStepContext<ReportConcernOptions>): Promise<DialogTurnResult> {
    const { reporter, answers = {}, draftId } = wf.options;
    if ((wf.result as ReviewChoice) === 'edit') return wf.replaceDialog(QUESTIONS, { reporter, answers, draftId } satisfies ReportConcernOptions);

    const check = checkConcernDraft({ ...onlyAsked(answers), reporter });
    if (!check.ok) {
      // Only reachable if the rules changed under a half-finished report: ask again from the top, answers kept.
      await wf.context.sendActivity(`Some answers need another look: ${check.problems.join(' ')}`);
      return wf.replaceDialog(QUESTIONS, { reporter, answers, draftId } satisfies ReportConcernOptions);
    }
    let report: ConcernReport;
    try {
      report = await this.deps.store.createReport(check.draft, draftId);
    } catch (error) {
      const notRecordedId = randomUUID().slice(0, 8);
      this.deps.logger.error({ correlationId: notRecordedId, errorName: (error as Error)?.name, category: check.draft.category }, 'concern NOT recorded: store failed');
      return wf.replaceDialog(REVIEW, { reporter, answers, notRecordedId, draftId } satisfies ReportConcernOptions);
    }
    this.deps.logger.info({ reference: report.reference, category: report.category, route: report.route }, 'concern recorded');
    await tellRecorded(wf.context, report, check.draft.spokenToDsl, this.deps.logger);
    return wf.endDialog(report.reference);
  }
}

function askWith(wf: WaterfallStepContext<ReportConcernOptions>, options: ConcernPromptOptions): Promise<DialogTurnResult> {
  return wf.prompt(PROMPT, options);
}

/** The waterfall's own memory: the answers so far and which question is waiting for its answer. */
interface AnswerState {
  answers?: ConcernAnswers;
  asking?: ConcernStep;
}

/** The answer to the question just asked, kept in the waterfall's answers. */
function keepAnswer(wf: WaterfallStepContext<ReportConcernOptions>): ConcernAnswers {
  const values = wf.values as AnswerState;
  values.answers ??= { ...wf.options.answers };
  if (values.asking && wf.result !== undefined) values.answers = { ...values.answers, [values.asking]: wf.result };
  values.asking = undefined;
  return values.answers;
}

/** Answers to questions that no longer apply (the category changed on Edit) are not sent. */
function onlyAsked(answers: ConcernAnswers): ConcernAnswers {
  const asked = new Set<string>(stepsFor(answers.category));
  return Object.fromEntries(Object.entries(answers).filter(([key]) => asked.has(key)));
}

async function tellRecorded(context: TurnContext, report: ConcernReport, spokenToDsl: boolean | undefined, logger: Logger): Promise<void> {
  const guide = guideFor(report.category);
  const card = renderConcernRecordedCard({
    reference: report.reference,
    categoryLabel: guide.label,
    recipientSentence: `sent to ${recipientFor({ category: report.category, headIsSubject: report.route === 'chair' })}.`,
    speakToDslNow: report.urgent && spokenToDsl === false,
    nextSteps: guide.nextSteps,
    clauses: guide.clauses,
  });
  try {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  } catch (error) {
    // The report is committed: the dialog must still end, or a retried Confirm would record it twice.
    logger.error({ reference: report.reference, errorName: (error as Error)?.name }, 'concern recorded but the confirmation could not be sent');
  }
}

/** The question being waited on: the prompt is the top of the component's stack. */
function waitingFor(innerDc: DialogContext): PromptStep | undefined {
  return (innerDc.activeDialog?.state as { options?: ConcernPromptOptions } | undefined)?.options?.step;
}

function isCardValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function isCancel(activity: Partial<Activity>): boolean {
  const value = activity.value as { action?: unknown } | undefined;
  if (value && typeof value === 'object' && value.action === 'cancel') return true;
  return typeof activity.text === 'string' && CANCEL.test(activity.text);
}
