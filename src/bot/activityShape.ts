import { z } from 'zod';

/**
 * The fields this bot and botbuilder read from an incoming activity. Anything else posted to
 * /api/messages gets a clear 400 instead of a failure deep inside a turn.
 */
const Account = z.looseObject({ id: z.string(), name: z.string().nullish(), aadObjectId: z.string().nullish() });

const UniversalAction = z.looseObject({ action: z.looseObject({ type: z.string() }) });

const ActivityShape = z.looseObject({
  type: z.string().min(1),
  id: z.string().nullish(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({ id: z.string().min(1), conversationType: z.string().nullish(), tenantId: z.string().nullish() }),
  text: z.string().nullish(),
  entities: z.array(z.looseObject({ type: z.string() })).nullish(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).nullish(),
  channelData: z.looseObject({}).nullish(),
  membersAdded: z.array(Account).nullish(),
  deliveryMode: z.string().nullish(),
}).refine(
  // botbuilder reads value.action of a Universal Action invoke before any handler of ours runs.
  (a) => a.type !== 'invoke' || a.name !== 'adaptiveCard/action' || UniversalAction.safeParse(a.value).success,
  { path: ['value', 'action'], message: 'an adaptiveCard/action invoke needs value.action, an object with a type' },
);

/** Undefined for an acceptable activity, else one line naming the first wrong field. */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object (an activity)';
  const result = ActivityShape.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
}
