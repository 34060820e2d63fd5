import type { Activity } from 'botbuilder';
import { CHANNEL_SET } from '../../src/bot/dslChannelSetup';
import { cardSubmit, channelMention, personalMessage, STAFF } from '../support/activities';
import { cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { DSL, inDslChannel, SAFEGUARDING_ENV } from '../support/dslActivities';

/** Everything an activity shows: its text and its cards' text. */
const shown = (activity: Partial<Activity>) => [activity.text ?? '', ...(activity.attachments ?? []).map((a) => cardText(a.content))].join('\n');

describe('`report` typed in a channel', () => {
  let server: TestServer;
  let connector: FakeConnector;
  beforeEach(async () => {
    [server, connector] = await Promise.all([
      startTestServer({ env: SAFEGUARDING_ENV, options: { concerns: { delivery: { pollMs: 100, retryDelayMs: 100, maxRetryDelayMs: 400, sendTimeoutMs: 2_000 } } } }),
      startFakeConnector(),
    ]);
  });
  afterEach(async () => {
    await server.close();
    await connector.close();
  });

  const inChannel = (text: string) => ({ ...channelMention(text), serviceUrl: connector.serviceUrl });

  it('says only "I\'ve messaged you privately" there; the report runs 1:1 and its DSL alert carries none of what was written', async () => {
    expect(shown((await postActivity(server.url, inDslChannel('setup dsl', DSL, connector.serviceUrl)))[0])).toBe(CHANNEL_SET);

    const channelReplies = await postActivity(server.url, inChannel('report'));
    expect(channelReplies).toHaveLength(1);
    expect(channelReplies[0].text).toBe("I've messaged you privately.");
    expect(channelReplies[0].attachments ?? []).toEqual([]);

    // A 1:1 chat was opened with the person who asked, in their tenant, and the first question went there.
    const [created] = connector.created();
    expect(created.body).toMatchObject({ isGroup: false, members: [{ id: STAFF.id, aadObjectId: STAFF.aadObjectId }] });
    expect(created.body.tenantId).toBeTruthy();
    const privateId = created.createdId!;
    const firstQuestion = connector.posted().filter((r) => r.conversationId === privateId);
    expect(firstQuestion).toHaveLength(1);
    expect(shown(firstQuestion[0].body)).toContain('What kind of concern is it?');

    // The reporter answers in that 1:1 chat.
    const privately = async (reply: string | Record<string, unknown>) => {
      const activity = typeof reply === 'string' ? personalMessage(reply) : cardSubmit(reply);
      const replies = await postActivity(server.url, { ...activity, serviceUrl: connector.serviceUrl, conversation: { ...activity.conversation!, id: privateId } });
      return replies.map(shown).join('\n');
    };
    const secret = 'Pupil J said an older boy asked her for photos on Snapchat.';
    await privately({ concernStep: 'category', category: 'grooming-or-exploitation' });
    await privately({ concernStep: 'spokenToDsl', answer: 'yes' });
    await privately(secret);
    await privately({ concernStep: 'when', date: '2026-11-30', time: '12:30' });
    await privately('Snapchat');
    await privately('Pupil J (Year 6)');
    expect(await privately('Told her I would pass it on.')).toContain(secret);
    const recorded = await privately('confirm');
    const reference = /WLS-\d{4}-\d{4}/.exec(recorded)![0];

    // The alert reaches the DSL channel with the reference; nothing posted there carries the reporter's words.
    await connector.waitFor((r) => r.method === 'POST' && r.conversationId === '19:general@thread.tacv2' && JSON.stringify(cardOf(r) ?? {}).includes(reference));
    const channelPosts = connector.posted().filter((r) => r.conversationId === '19:general@thread.tacv2');
    for (const post of channelPosts) {
      expect(JSON.stringify(post.body)).not.toContain('Snapchat');
      expect(JSON.stringify(post.body)).not.toContain('Pupil J');
    }
  });

  it('says it could not message privately, and how to report in person, when Teams refuses the 1:1 chat', async () => {
    connector.plan({ status: 403 });
    const replies = await postActivity(server.url, inChannel('report'));
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain("I couldn't open a private chat with you");
    expect(shown(replies[0])).toContain('How to report a concern');
    expect(shown(replies[0])).not.toContain('What kind of concern is it?');
  });
});
