import type { Activity } from 'botbuilder';
import { cardSubmit, channelMention, personalMessage, STAFF } from '../support/activities';
import { cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector';

const cardTexts = (activity: Partial<Activity>) => (activity.attachments ?? []).map((a) => cardText(a.content)).join('\n');

describe('`report` typed in a channel', () => {
  let server: TestServer;
  let connector: RecordingConnector;
  beforeAll(async () => {
    [server, connector] = await Promise.all([startTestServer(), startRecordingConnector()]);
  });
  afterAll(async () => {
    await Promise.all([server.close(), connector.close()]);
  });

  it('says only "I\'ve messaged you privately" in the channel and runs the report in a 1:1 chat', async () => {
    const inChannel = await postActivity(server.url, { ...channelMention('report'), serviceUrl: connector.url });
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0].text).toBe("I've messaged you privately.");
    expect(inChannel[0].attachments ?? []).toEqual([]);

    // A 1:1 conversation was opened with the person who asked, in their tenant, and the first question went there.
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]).toMatchObject({ isGroup: false, members: [{ id: STAFF.id, aadObjectId: STAFF.aadObjectId }] });
    expect(connector.created[0].tenantId).toBeTruthy();
    const privateId = `a:private-${STAFF.id}`;
    expect(connector.posted.map((p) => p.conversationId)).toEqual([privateId]);
    expect(cardTexts(connector.posted[0].activity)).toContain('What kind of concern is it?');

    // The reporter answers in that 1:1 chat; the channel hears nothing more.
    const inPrivate = (activity: Partial<Activity>) => ({ ...activity, conversation: { ...activity.conversation!, id: privateId } });
    const next = await postActivity(server.url, inPrivate(cardSubmit({ concernStep: 'category', category: 'cyberbullying' })));
    expect(next.map(cardTexts).join('\n')).toContain('What happened?');
    const cancelled = await postActivity(server.url, inPrivate(personalMessage('cancel')));
    expect(cancelled.map(cardTexts).join('\n')).toContain('Report cancelled');
    expect(connector.posted).toHaveLength(1);
  });

  it('says it could not message privately, and how to report in person, when Teams refuses the 1:1 chat', async () => {
    connector.createStatus = 403;
    try {
      const inChannel = await postActivity(server.url, { ...channelMention('report'), serviceUrl: connector.url });
      expect(inChannel).toHaveLength(1);
      expect(inChannel[0].text).toContain("I couldn't open a private chat with you");
      expect(cardTexts(inChannel[0])).toContain('How to report a concern');
      expect(cardTexts(inChannel[0])).not.toContain('What kind of concern is it?');
    } finally {
      connector.createStatus = 201;
    }
  });
});
