import type { TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { log } from '../log';
import type { ReportStore } from '../reports/reportStore';
import type { ConversationReferences } from './conversationReferences';

export interface DslChannelSetupDeps {
  references: ConversationReferences;
  store: Pick<ReportStore, 'retryNow'>;
  /** Read on every call: a DSL removed from configuration can no longer move the alerts. */
  safeguarding: () => Config['safeguarding'];
}

export const DSL_ONLY = 'Sorry, only a Designated Safeguarding Lead can choose where safeguarding alerts are posted.';
export const CHANNEL_ONLY =
  'Please type "setup dsl" in a standard channel of the safeguarding team, so alerts are posted there (bots are not reliably supported in private channels).';
export const CHANNEL_SET =
  'Done: new safeguarding concerns will be posted in this channel. The alerts show no details of the concern; DSLs open them with View details.';

/** `setup dsl`, typed by a DSL in the safeguarding team's channel (with or without @mention). */
export async function setUpDslChannel(context: TurnContext, deps: DslChannelSetupDeps): Promise<void> {
  const { activity } = context;
  const userId = activity.from?.aadObjectId;
  if (!userId || !deps.safeguarding().dslUserIds.includes(userId)) {
    await context.sendActivity(DSL_ONLY);
    return;
  }
  if (activity.conversation?.conversationType !== 'channel') {
    await context.sendActivity(CHANNEL_ONLY);
    return;
  }
  deps.references.setDslChannel(activity, { userId, name: activity.from.name ?? '' });
  // Alerts that were waiting for a channel (backing off) go now, not at their next retry.
  const waiting = await deps.store.retryNow('dsl-channel');
  log.info({ teamId: (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id, waiting }, 'DSL channel set');
  await context.sendActivity(CHANNEL_SET);
}
