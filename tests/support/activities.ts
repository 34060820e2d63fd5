import type { Activity } from 'botbuilder';

/**
 * Teams-shaped activities as the Teams service (or the Agents Playground) posts them. The ids
 * imitate Teams' formats; `serviceUrl` points nowhere because tests use expectReplies.
 */
export const BOT = { id: '28:policyguide-bot', name: 'PolicyGuide' };
export const STAFF = { id: '29:staff-member', name: 'Sam Teacher', aadObjectId: '11111111-1111-1111-1111-111111111111' };
const TENANT = '99999999-9999-9999-9999-999999999999';
const SERVICE_URL = 'http://127.0.0.1:9/_connector';

let counter = 0;
const nextId = () => `test-activity-${++counter}`;

function base(conversation: Activity['conversation'], from = STAFF): Partial<Activity> {
  return {
    id: nextId(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    timestamp: new Date(),
    from,
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
  };
}

const personalConversation = (): Activity['conversation'] =>
  ({ id: `a:personal-${STAFF.id}`, conversationType: 'personal', tenantId: TENANT, isGroup: false }) as Activity['conversation'];

/** A message typed in the 1:1 chat with the bot. */
export function personalMessage(text: string, from = STAFF): Partial<Activity> {
  return { ...base(personalConversation(), from), type: 'message', text, textFormat: 'plain' };
}

/** A message in a team channel that @mentions the bot, as Teams sends it ("<at>PolicyGuide</at> text"). */
export function channelMention(text: string, from = STAFF): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base({ id: '19:general@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: TENANT, isGroup: true } as Activity['conversation'], from),
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } },
  };
}

/** An Adaptive Card Action.Submit: Teams posts a message whose `value` is the button's data merged with the card's inputs. */
export function cardSubmit(value: Record<string, unknown>, from = STAFF): Partial<Activity> {
  return { ...base(personalConversation(), from), type: 'message', value };
}

/** The bot installed in someone's personal scope. */
export function installationAdd(from = STAFF): Partial<Activity> {
  return { ...base(personalConversation(), from), type: 'installationUpdate', action: 'add' };
}

/** The bot added to a conversation (Teams also sends this on install). */
export function botAdded(from = STAFF): Partial<Activity> {
  return { ...base(personalConversation(), from), type: 'conversationUpdate', membersAdded: [BOT] };
}
