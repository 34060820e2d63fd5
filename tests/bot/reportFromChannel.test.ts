import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { cardSubmit, channelMention, personalMessage, STAFF } from '../support/activities';
import { cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';

/**
 * The Teams connector, emulated at the protocol level (the only mock): records the conversations
 * the bot opens and the activities it posts to them.
 */
interface RecordingConnector {
  url: string;
  created: { members?: { id: string; aadObjectId?: string }[]; isGroup?: boolean; tenantId?: string }[];
  posted: { conversationId: string; activity: Partial<Activity> }[];
  /** Answer "create conversation" with this HTTP status (default 201). */
  createStatus: number;
  close(): Promise<void>;
}

async function startRecordingConnector(): Promise<RecordingConnector> {
  const recorder = { created: [], posted: [], createStatus: 201 } as unknown as RecordingConnector;
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const json = body ? JSON.parse(body) : {};
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const path = (req.url ?? '').replace(/^\/_connector/, '');
      if (req.method === 'POST' && path === '/v3/conversations') {
        recorder.created.push(json);
        if (recorder.createStatus >= 400) return reply(recorder.createStatus, { error: { code: 'Forbidden', message: 'bot not installed' } });
        return reply(201, { id: `a:private-${json.members?.[0]?.id}` });
      }
      const post = /^\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/.exec(path);
      if (req.method === 'POST' && post) {
        recorder.posted.push({ conversationId: decodeURIComponent(post[1]!), activity: json });
        return reply(200, { id: `activity-${++n}` });
      }
      return reply(404, { error: { code: 'NotFound', message: path } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_connector`;
  recorder.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return recorder;
}

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
