import {
  CardFactory,
  CloudAdapterBase,
  ConversationState,
  TurnContext,
  type ChannelAccount,
  type ConversationParameters,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogContext, DialogSet, DialogState } from 'botbuilder-dialogs';
import { renderReportInPersonCard } from '../cards/report-in-person';
import type { Logger } from '../log';
import type { Person } from '../reports/model';
import type { ReportConcernDeps, ReportConcernOptions } from './dialogs/reportConcernDialog';

export interface ConcernReportingDeps extends ReportConcernDeps {
  /** Conversation state on the bot's SQLite storage: a half-finished report survives a restart. */
  conversationState: ReportState;
  /** The bot's Microsoft app id ("" in local/Playground mode), needed to open a 1:1 chat. */
  appId: string;
  logger: Logger;
}

export const MESSAGED_PRIVATELY = "I've messaged you privately.";
export const COULD_NOT_MESSAGE_PRIVATELY = "I couldn't open a private chat with you. Please open a chat with me (PolicyGuide) and type report, or report in person:";
export const REPORT_FORM_CLOSED =
  'That report form is no longer open: it was sent or cancelled. Type report to start a new one. If you are worried about a child, speak to the DSL in person.';

/**
 * Staff-facing reporting: starts the concern dialog in the reporter's 1:1 chat (moving there when
 * asked in a group chat or channel, where only "I've messaged you privately" is said) and feeds it
 * the reporter's answers until it ends.
 */
export class ConcernReporting {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private reportDialogs?: ReportDialogs;
  private readonly turnsInProgress = new Map<string, Promise<void>>();

  constructor(private readonly deps: ConcernReportingDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
  }

  /** `report` typed, chosen from the command menu, or an answer card's Report button. */
  async start(context: TurnContext): Promise<void> {
    const reporter = reporterOf(context);
    if (isPersonalChat(context)) {
      await this.begin(context, reporter);
      return;
    }
    // Safeguarding details never belong in a shared conversation (DESIGN.md §5).
    const opened = await this.inPrivateChat(context, (privateContext) => this.begin(privateContext, reporter));
    if (opened) await context.sendActivity(MESSAGED_PRIVATELY);
    else await context.sendActivity({ text: COULD_NOT_MESSAGE_PRIVATELY, attachments: [CardFactory.adaptiveCard(renderReportInPersonCard())] });
  }

  /**
   * Gives the turn to a report in progress in this conversation. Also answers a button pressed on
   * the card of a report that has ended, which would otherwise read as an empty message.
   * False when the turn has nothing to do with a report.
   */
  async continueReport(context: TurnContext): Promise<boolean> {
    return this.oneTurnAtATime(context, async () => {
      // Most messages are questions, in chats where nothing is stored (see persist): one read tells
      // them so, without loading state. Otherwise the stored dialog stack says whether a report is open.
      const state = (await this.deps.conversationState.isStored(context)) ? await this.dialogState.get(context) : undefined;
      if (!state?.dialogStack?.length) {
        if (!isConcernCardSubmit(context.activity.value)) return false;
        await context.sendActivity(REPORT_FORM_CLOSED);
        return true;
      }
      const { set, HANDED_BACK } = this.dialogs();
      const dc = await set.createContext(context);
      await dc.continueDialog();
      await this.persist(dc);
      return context.turnState.get(HANDED_BACK) !== true;
    });
  }

  private async begin(context: TurnContext, reporter: Person): Promise<void> {
    await this.oneTurnAtATime(context, async () => {
      const { set, REPORT_CONCERN_DIALOG } = this.dialogs();
      const dc = await set.createContext(context);
      await dc.cancelAllDialogs();
      await dc.beginDialog(REPORT_CONCERN_DIALOG, { reporter } satisfies ReportConcernOptions);
      await this.persist(dc);
    });
  }

  /** Saves an open report's state; once the report has ended (sent or cancelled) the conversation keeps none. */
  private async persist(dc: DialogContext): Promise<void> {
    if (dc.stack.length > 0) await this.deps.conversationState.saveChanges(dc.context);
    else await this.deps.conversationState.delete(dc.context);
  }

  /**
   * The report dialog, loaded on the first report turn rather than at start-up: botbuilder-dialogs
   * brings every prompt and the Microsoft text recognizers (~5 MB of code), which a bot that is
   * only asked questions never runs. `require`, not `import()`, so jest loads it and the bundle
   * (scripts/build.ts) runs it only when called.
   */
  private dialogs(): ReportDialogs {
    if (!this.reportDialogs) {
      const { DialogSet } = require('botbuilder-dialogs') as typeof import('botbuilder-dialogs');
      const { ReportConcernDialog, HANDED_BACK, REPORT_CONCERN_DIALOG } = require('./dialogs/reportConcernDialog') as typeof import('./dialogs/reportConcernDialog');
      const set = new DialogSet(this.dialogState).add(new ReportConcernDialog(this.deps));
      this.reportDialogs = { set, HANDED_BACK, REPORT_CONCERN_DIALOG };
    }
    return this.reportDialogs;
  }

  /**
   * Runs one report turn at a time per conversation. A double-pressed "Confirm and send" arrives as
   * two requests at once: without this both would read the same dialog state and record the
   * concern twice; with it the second sees the report already sent.
   */
  private async oneTurnAtATime<T>(context: TurnContext, turn: () => Promise<T>): Promise<T> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id}`;
    const previous = this.turnsInProgress.get(key) ?? Promise.resolve();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const mine = previous.then(() => finished);
    this.turnsInProgress.set(key, mine);
    await previous;
    try {
      return await turn();
    } finally {
      done();
      if (this.turnsInProgress.get(key) === mine) this.turnsInProgress.delete(key);
    }
  }

  /** Opens (or reopens: Teams returns the existing one) the 1:1 chat with the person who wrote. */
  private async inPrivateChat(context: TurnContext, logic: (privateContext: TurnContext) => Promise<void>): Promise<boolean> {
    const { activity } = context;
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const member: ChannelAccount = { id: activity.from.id, name: activity.from.name, aadObjectId: activity.from.aadObjectId };
    const parameters = {
      isGroup: false,
      bot: activity.recipient,
      members: [member],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    const adapter = context.adapter as CloudAdapterBase;
    // The audience this turn was authenticated for (the Bot Framework's, from Teams); the connector's default otherwise.
    const audience = context.turnState.get<string>(adapter.OAuthScopeKey);
    try {
      await adapter.createConversationAsync(this.deps.appId, activity.channelId, activity.serviceUrl, audience, parameters, logic);
      return true;
    } catch (error) {
      this.deps.logger.error({ errorName: (error as Error)?.name, conversationType: activity.conversation?.conversationType }, 'could not open a private chat for a concern report');
      return false;
    }
  }
}

/**
 * Conversation state that can say whether anything is stored for a conversation with one read of
 * its storage, without loading it (botbuilder's load also computes a change hash on every turn).
 */
export class ReportState extends ConversationState {
  async isStored(context: TurnContext): Promise<boolean> {
    const key = this.getStorageKey(context);
    return key !== undefined && (await this.storage.read([key]))[key] !== undefined;
  }
}

interface ReportDialogs {
  set: DialogSet;
  HANDED_BACK: symbol;
  REPORT_CONCERN_DIALOG: string;
}

/** Teams says "personal"; a client that names no type (Bot Framework Emulator) is 1:1 unless it says group. */
function isPersonalChat(context: TurnContext): boolean {
  const conversation = context.activity.conversation;
  return conversation?.conversationType === 'personal' || (!conversation?.conversationType && !conversation?.isGroup);
}

function isConcernCardSubmit(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'concernStep' in value;
}

/** The reporter as Teams identifies them: the AAD object id where Teams sends one. */
function reporterOf(context: TurnContext): Person {
  const { from } = context.activity;
  return { userId: from.aadObjectId || from.id, name: from.name?.trim() || 'Unknown member of staff' };
}
