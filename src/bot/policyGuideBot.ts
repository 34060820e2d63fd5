import { CardFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { renderHelpCard } from '../cards/help';
import type { AnswerEngine } from '../policy/engine';
import { answerQuestion } from './answerQuestion';
import type { ConcernReporting } from './concernReporting';

export interface PolicyGuideBotDeps {
  engine: AnswerEngine;
  reporting: ConcernReporting;
  /** For deep links into the app's tabs. */
  teamsAppId: string;
}

const HELP = /^\s*(help|\?|what can you do\??|hi|hello)\s*[.!]?\s*$/i;

/** Routes Teams activities to the domain; builds nothing itself but the reply. */
export class PolicyGuideBot extends TeamsActivityHandler {
  constructor(private readonly deps: PolicyGuideBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      // While a concern report is in progress in this chat, every message is an answer to it.
      if (await this.deps.reporting.continueReport(context)) return next();
      await this.onText(context, messageText(context));
      await next();
    });
  }

  private async onText(context: TurnContext, text: string): Promise<void> {
    if (/^report( a concern)?$/i.test(text)) return this.deps.reporting.start(context);
    if (text === '' || HELP.test(text)) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderHelpCard({ policyTitle: this.deps.engine.document.meta.title }))] });
      return;
    }
    const { attachment } = answerQuestion(this.deps, text);
    await context.sendActivity({ attachments: [attachment] });
  }
}

/** The typed text without the bot's @mention (channels and group chats put "<at>PolicyGuide</at>" in it). */
function messageText(context: TurnContext): string {
  const activity = context.activity;
  const text = typeof activity.text === 'string' ? (TurnContext.removeRecipientMention(activity) ?? activity.text) : '';
  return text.replace(/\u00a0/g, ' ').trim();
}
