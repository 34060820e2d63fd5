import { CardFactory, TurnContext, type Activity, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import { renderConcernEscalatedCard } from '../cards/concern-escalated';
import { renderDslAlertCard } from '../cards/dsl-alert';
import type { Config } from '../config';
import { handlerIdsFor } from '../reports/concernActions';
import { DeliveryError, parseRetryAfter, type SendAttempt, type SendMessage } from '../reports/deliveryWorker';
import type { ConcernReport } from '../reports/model';
import type { Audience, DeliveryReceipt, OutboxMessage, ReportStore } from '../reports/reportStore';
import type { ConversationReferences, StoredReference } from './conversationReferences';

export interface ProactiveSenderDeps {
  adapter: CloudAdapter;
  /** The bot's app id; "" in local mode (the Agents Playground accepts it). */
  appId: string;
  references: ConversationReferences;
  store: ReportStore;
  /** Read for every message: a change of Headteacher or DSLs applies to what is still pending. */
  safeguarding: () => Config['safeguarding'];
  /** For the alert card's deep link into the Concerns tab. */
  teamsAppId: string;
}

/**
 * The delivery worker's `send`: posts an outbox message to Teams. The DSL channel and known 1:1
 * chats are continued from stored conversation references; the Headteacher, Chair, fallback person
 * or reporter without one get a new 1:1 chat. Connector failures become DeliveryErrors (status and
 * Retry-After) so the worker reschedules them durably. Everything is read and rendered before
 * `attempt.posting()`, which comes right before the POST: after it, only Teams' answer remains.
 */
export function createProactiveSender(deps: ProactiveSenderDeps): SendMessage {
  return async (message, attempt) => {
    const report = await deps.store.findReport(message.reference);
    if (!report) throw new DeliveryError(`no concern ${message.reference} in the store`);
    try {
      return await deliver(deps, message, report, attempt);
    } catch (error) {
      throw asDeliveryError(error);
    }
  };
}

async function deliver(deps: ProactiveSenderDeps, message: OutboxMessage, report: ConcernReport, attempt: SendAttempt): Promise<DeliveryReceipt | void> {
  const roles = deps.safeguarding();
  const userId = recipientId(message.audience, report, roles);
  const reference = userId === undefined ? deps.references.dslChannel() : deps.references.personal(userId);
  if (message.audience === 'dsl-channel' && !reference) {
    throw new DeliveryError('The DSL channel is not set up yet: a DSL should type "setup dsl" in the safeguarding channel');
  }

  if (message.kind === 'alert-update') {
    const location = await deps.store.alertLocation(report.reference);
    if (!location || !reference) return; // nothing was posted that could be updated
    const where = { ...reference, conversation: { ...reference.conversation!, id: location.conversationId } };
    const update = { ...alertActivity(deps, report, roles, location.mayRepeat), id: location.activityId };
    // Replacing a card in place cannot show it twice, so an update is not recorded as a post.
    await continueIn(deps, where, async (context) => {
      await context.updateActivity(update);
    });
    return;
  }

  const activity = buildActivity(deps, message, report, roles);
  let receipt: DeliveryReceipt | undefined;
  const post = async (context: TurnContext) => {
    await attempt.posting();
    const response = await context.sendActivity(activity);
    if (response?.id && context.activity.conversation?.id) receipt = { conversationId: context.activity.conversation.id, activityId: response.id };
  };
  if (reference) await continueIn(deps, reference, post);
  else await openPersonalChat(deps, userId!, post);
  return message.kind === 'concern-alert' ? receipt : undefined;
}

/** Undefined means the DSL channel. */
function recipientId(audience: Audience, report: ConcernReport, roles: Config['safeguarding']): string | undefined {
  const configured = (id: string | undefined, setting: string) => {
    if (!id) throw new DeliveryError(`${setting} is not configured, so this message cannot be delivered`);
    return id;
  };
  switch (audience) {
    case 'dsl-channel':
      return undefined;
    case 'headteacher':
      return configured(roles.headteacherUserId, 'HEADTEACHER_USER_ID');
    case 'chair':
      return configured(roles.chairOfGovernorsUserId, 'CHAIR_OF_GOVERNORS_USER_ID');
    case 'fallback':
      return configured(roles.fallbackUserId, 'ESCALATION_FALLBACK_USER_ID');
    case 'reporter':
      return report.reporter.userId;
  }
}

function alertActivity(deps: ProactiveSenderDeps, report: ConcernReport, roles: Config['safeguarding'], mayRepeat: boolean): Partial<Activity> {
  const handlerIds = handlerIdsFor(report, roles);
  return { type: 'message', attachments: [CardFactory.adaptiveCard(renderDslAlertCard({ report, handlerIds, canAct: true, mayRepeat, teamsAppId: deps.teamsAppId }))] };
}

function buildActivity(deps: ProactiveSenderDeps, message: OutboxMessage, report: ConcernReport, roles: Config['safeguarding']): Partial<Activity> {
  const { mayRepeat } = message;
  switch (message.kind) {
    case 'concern-alert':
    case 'alert-update':
      return alertActivity(deps, report, roles, mayRepeat);
    case 'reminder': {
      const minutes = report.urgent ? roles.escalateUrgentMinutes : roles.escalateOtherMinutes;
      // In the channel the DSLs are @mentioned so Teams notifies them; a 1:1 reminder notifies anyway.
      const mentions = message.audience === 'dsl-channel' ? roles.dslUserIds.map((id) => ({ id, name: deps.references.nameOf(id) ?? 'DSL' })) : [];
      const card = renderDslAlertCard({ report, handlerIds: handlerIdsFor(report, roles), canAct: true, mayRepeat, reminder: { minutes, mentions }, teamsAppId: deps.teamsAppId });
      return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    }
    case 'fallback-alert':
      return { type: 'message', attachments: [CardFactory.adaptiveCard(renderConcernEscalatedCard({ report, mayRepeat }))] };
    case 'reporter-acknowledged':
      return reporterMessage(
        `Your safeguarding concern ${report.reference} has been acknowledged by ${whoHandles[report.route]}. Thank you for reporting it.`,
        report,
        mayRepeat,
      );
    case 'reporter-closed':
      return reporterMessage(
        `Your safeguarding concern ${report.reference} has been closed by ${whoHandles[report.route]}. If you have anything new to add, type report.`,
        report,
        mayRepeat,
      );
  }
}

function reporterMessage(text: string, report: ConcernReport, mayRepeat: boolean): Partial<Activity> {
  const repeat = mayRepeat ? `\n\nThis may repeat a message already sent to you about ${report.reference}: PolicyGuide was interrupted while sending it.` : '';
  return { type: 'message', text: `${text}${repeat}` };
}

const whoHandles: Record<ConcernReport['route'], string> = {
  dsl: 'the Designated Safeguarding Lead',
  headteacher: 'the Headteacher',
  chair: 'the Chair of Governors',
};

async function continueIn(deps: ProactiveSenderDeps, reference: StoredReference, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  await rethrowingFailures(logic, (run) => deps.adapter.continueConversationAsync(deps.appId, reference, run), deps.adapter);
}

/** Teams lets a bot open a 1:1 chat by AAD object id when the app is installed for that person. */
async function openPersonalChat(deps: ProactiveSenderDeps, userId: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  const endpoint = deps.references.anyServiceEndpoint();
  if (!endpoint) throw new DeliveryError('No Teams conversation is known yet, so a 1:1 chat cannot be opened');
  const parameters = {
    isGroup: false,
    bot: endpoint.bot,
    members: [{ id: userId }],
    tenantId: endpoint.tenantId,
    channelData: { tenant: { id: endpoint.tenantId } },
  } as ConversationParameters;
  // No audience: the adapter's authentication configuration supplies the Bot Framework's.
  const defaultAudience = undefined as unknown as string;
  const remembering = async (context: TurnContext) => {
    deps.references.rememberPersonalReference(userId, '', TurnContext.getConversationReference(context.activity));
    await logic(context);
  };
  await rethrowingFailures(
    remembering,
    (run) => deps.adapter.createConversationAsync(deps.appId, 'msteams', endpoint.serviceUrl, defaultAudience, parameters, run),
    deps.adapter,
  );
}

/**
 * Runs proactive logic so that a failure reaches the delivery worker. Left to the adapter, it would
 * go to onTurnError, which apologises into the conversation and swallows it: the worker would then
 * mark an undelivered alert as sent.
 */
async function rethrowingFailures(
  logic: (context: TurnContext) => Promise<void>,
  start: (run: (context: TurnContext) => Promise<void>) => Promise<void>,
  adapter: CloudAdapter,
): Promise<void> {
  let failure: unknown;
  await start(async (context) => {
    try {
      withoutSdkRetries(context, adapter);
      asNewMessage(context);
      await logic(context);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
}

function asNewMessage(context: TurnContext): void {
  // The adapter gives its synthetic "continue" activity an id, and botbuilder would send every
  // message as a reply to it; a proactive alert is a new message of its own.
  delete context.activity.id;
}

/**
 * The connector client retries 5xx and 429 itself (waiting out Retry-After inside one call). The
 * outbox retries durably instead, so the SDK's in-call retries are removed: otherwise a send the
 * worker has given up on could still complete later and post a duplicate alert.
 */

function withoutSdkRetries(context: TurnContext, adapter: CloudAdapter): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as
    | { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }
    | undefined;
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

// The connection was never made, so Teams cannot have received anything.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Connector errors (RestError) carry the HTTP status and headers; the worker needs status and Retry-After.
 * A DeliveryError tells the worker the message was not posted; anything else (a dropped connection)
 * leaves that unknown, and the retry says it may repeat the message.
 */
function asDeliveryError(error: unknown): unknown {
  if (error instanceof DeliveryError) return error;
  const failure = error as { statusCode?: number; code?: string; message?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  if (typeof failure?.code === 'string' && NEVER_SENT.has(failure.code)) return new DeliveryError(`Teams could not be reached (${failure.code})`);
  if (typeof failure?.statusCode !== 'number') return error;
  const retryAfter = failure.response?.headers?.get?.('retry-after');
  return new DeliveryError(`Teams answered ${failure.statusCode}`, failure.statusCode, parseRetryAfter(retryAfter, new Date()));
}
