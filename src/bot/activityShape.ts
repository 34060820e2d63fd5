import { z } from 'zod';

/**
 * The fields this bot and botbuilder read from an incoming activity. Anything else posted to
 * /api/messages gets a clear 400 instead of a failure deep inside a turn. Other fields are let
 * through: the activity itself is passed on, never zod's (key-stripping) copy, and plain objects
 * are checked several times faster than loose ones, on every message.
 */
const Account = z.object({ id: z.string(), name: z.string().nullish(), aadObjectId: z.string().nullish() });

const UniversalAction = z.object({ action: z.object({ type: z.string() }) });

const ActivityShape = z.object({
  type: z.string().min(1),
  id: z.string().nullish(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: Account,
  recipient: Account,
  conversation: z.object({ id: z.string().min(1), conversationType: z.string().nullish(), tenantId: z.string().nullish() }),
  text: z.string().nullish(),
  entities: z.array(z.object({ type: z.string() })).nullish(),
  attachments: z.array(z.object({ contentType: z.string() })).nullish(),
  channelData: z.object({}).nullish(),
  membersAdded: z.array(Account).nullish(),
  deliveryMode: z.string().nullish(),
});

/** Undefined for an acceptable activity, else one line naming the first wrong field. */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object (an activity)';
  const result = ActivityShape.safeParse(body);
  if (result.success) return universalActionProblem(body as { type?: unknown; name?: unknown; value?: unknown });
  const issue = result.error.issues[0];
  return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
}

/** botbuilder reads value.action of a Universal Action invoke before any handler of ours runs. */
function universalActionProblem(activity: { type?: unknown; name?: unknown; value?: unknown }): string | undefined {
  if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action' || UniversalAction.safeParse(activity.value).success) return undefined;
  return 'value.action: an adaptiveCard/action invoke needs value.action, an object with a type';
}
