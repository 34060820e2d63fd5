import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Attachment,
} from 'botbuilder';
import { renderClauseCard } from '../cards/clause';
import { renderHelpCard } from '../cards/help';
import { renderWelcomeCard } from '../cards/welcome';
import type { Logger } from '../log';
import type { AnswerEngine } from '../policy/engine';
import type { FeedbackStore } from '../policy/feedback';
import { reviewNotice } from '../policy/review-notice';
import { MAX_QUESTION_CHARS } from '../policy/tokenise';
import { recordAnswerFeedback } from './answerFeedback';
import { answerQuestion } from './answerQuestion';
import { answerConcernCardAction, type ConcernCardActionDeps } from './concernCardActions';
import { setUpDslChannel, type DslChannelSetupDeps } from './dslChannelSetup';
import { isCardSubmit, readCardAction } from './cardActions';
import type { ConcernReporting } from './concernReporting';
import { readTextCommand } from './textCommands';
import type { WelcomeOnce } from './welcomeOnce';

export interface PolicyGuideBotDeps {
  engine: AnswerEngine;
  feedback: FeedbackStore;
  /** Where `report` and the Report a concern button go: the private reporting dialog. */
  reporting: ConcernReporting;
  /** For deep links into the app's tabs. */
  teamsAppId: string;
  schoolName: string;
  logger: Logger;
  /** The DSL side: alert card actions and `setup dsl`. */
  concerns: ConcernCardActionDeps & DslChannelSetupDeps;
  /** Conversations already greeted (persisted, so a restart does not greet again). */
  welcomed: WelcomeOnce;
}

// A question longer than the engine reads would be answered from its first part only: say so
// instead, and keep the way to report open, since a long message may describe a concern.
export const TOO_LONG_REPLY =
  `That message is longer than I can answer well (my limit is ${MAX_QUESTION_CHARS.toLocaleString('en-GB')} characters). ` +
  'Please ask your question in a sentence or two. If you are worried about a child, type **report** or tell the DSL in person now.';

/** Routes Teams activities to the domain and sends the card for the result; no rules live here. */
export class PolicyGuideBot extends TeamsActivityHandler {
  constructor(private readonly deps: PolicyGuideBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      // While a concern report is in progress in this chat, every message is an answer to it.
      if (await this.deps.reporting.continueReport(context)) return next();
      if (isCardSubmit(context.activity.value)) await this.onCardAction(context);
      else await this.onText(context, messageText(context));
      await next();
    });
    // Teams announces an install twice (installationUpdate and conversationUpdate): one welcome.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
  }

  private get policyTitle(): string {
    return this.deps.engine.document.meta.title;
  }

  private async onText(context: TurnContext, text: string): Promise<void> {
    const command = readTextCommand(text);
    switch (command.kind) {
      case 'help':
        return this.sendCard(context, CardFactory.adaptiveCard(renderHelpCard({ policyTitle: this.policyTitle })));
      case 'report':
        return this.deps.reporting.start(context);
      case 'setup-dsl':
        return setUpDslChannel(context, this.deps.concerns);
      case 'clause':
        return this.showClause(context, command.reference);
      case 'question': {
        if (command.text.length > MAX_QUESTION_CHARS) {
          await context.sendActivity(TOO_LONG_REPLY);
          return;
        }
        const { attachment, answer } = answerQuestion(this.deps, command.text);
        // What was decided, never what was asked: the question can name a child.
        this.deps.logger.info({ verdict: answer.verdict, clauses: answer.clauses.map((c) => c.id), urgent: answer.urgent }, 'answered');
        if (!answer.answered) this.deps.feedback.recordNotCovered(answer.question);
        return this.sendCard(context, attachment);
      }
    }
  }

  /** Universal Actions (Action.Execute) of the DSL alert cards. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // Every Universal Action this bot sends is on a concern card; an unknown verb gets that handler's
    // "not recognised" card rather than botbuilder's 501.
    return answerConcernCardAction(context, invoke, this.deps.concerns);
  }

  private async onCardAction(context: TurnContext): Promise<void> {
    const action = readCardAction(context.activity.value);
    if (!action || action.action === 'help') {
      return this.sendCard(context, CardFactory.adaptiveCard(renderHelpCard({ policyTitle: this.policyTitle })));
    }
    if (action.action === 'report') return this.deps.reporting.start(context);
    if (action.action === 'ask') return this.onText(context, action.question);
    const { question, verdict, helpful, comment, cardId } = action;
    return recordAnswerFeedback(context, { question, verdict, helpful, comment, cardId }, this.deps);
  }

  private async showClause(context: TurnContext, reference: string): Promise<void> {
    const { engine } = this.deps;
    const clause = engine.clauseById(reference);
    if (!clause) {
      await context.sendActivity(unknownClauseReply(reference, engine));
      return;
    }
    const samePrintedNumber = engine.document.clauses.find((c) => c.label === clause.id && c.id !== clause.id);
    const card = renderClauseCard({
      clause,
      samePrintedNumber,
      policyTitle: this.policyTitle,
      reviewNotice: reviewNotice(engine.document.meta, new Date()),
      teamsAppId: this.deps.teamsAppId,
    });
    return this.sendCard(context, CardFactory.adaptiveCard(card));
  }

  private async welcome(context: TurnContext): Promise<void> {
    if (!this.deps.welcomed.first(context.activity.conversation?.id ?? '')) return;
    await this.sendCard(context, CardFactory.adaptiveCard(renderWelcomeCard({ schoolName: this.deps.schoolName, policyTitle: this.policyTitle })));
  }

  private async sendCard(context: TurnContext, attachment: Attachment): Promise<void> {
    await context.sendActivity({ attachments: [attachment] });
  }
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * The typed text without the bot's @mention (channels and group chats put "<at>PolicyGuide</at>" in
 * it). Teams sends formatted messages as HTML ("<p>…</p>", "&nbsp;"): the question is the plain text.
 */
function messageText(context: TurnContext): string {
  const activity = context.activity;
  const text = typeof activity.text === 'string' ? (TurnContext.removeRecipientMention(activity) ?? activity.text) : '';
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]{1,200}>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_, name: string) => ENTITIES[name])
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

function unknownClauseReply(reference: string, engine: AnswerEngine): string {
  const inSubsection = engine.document.clauses.filter((c) => c.subsection === reference);
  if (inSubsection.length > 0) {
    return `Section ${reference} (${inSubsection[0].heading}) has clauses ${inSubsection.map((c) => c.id).join(', ')}. Type one of them to read it.`;
  }
  return `I can't find clause ${reference} in the ${engine.document.meta.title}. Clause numbers look like 2.6.2; or ask your question in words.`;
}
