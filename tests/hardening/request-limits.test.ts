import { TOO_LONG_REPLY } from '../../src/bot/policyGuideBot';
import { personalMessage } from '../support/activities';
import { postActivity, postRaw, startTestServer, type TestServer } from '../support/bot-http';

const INTERNALS = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/;

describe('request limits on POST /api/messages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('refuses a body over 256 kB with 413 and no internals, then keeps answering', async () => {
    const res = await postRaw(server.url, JSON.stringify({ ...personalMessage('x'.repeat(300_000)), deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(413);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
    expect(await postActivity(server.url, personalMessage('can I friend a parent?'))).toHaveLength(1);
  });

  it('answers broken JSON with 400 and no internals', async () => {
    const res = await postRaw(server.url, '{"type": "message", "text": "can I');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  });

  it('answers a question over 2,000 characters with a friendly reply that keeps the way to report open', async () => {
    const replies = await postActivity(server.url, personalMessage(`can I friend a parent? ${'I really need to know. '.repeat(100)}`));
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe(TOO_LONG_REPLY);
    expect(replies[0].text).toMatch(/sentence or two/);
    expect(replies[0].text).toMatch(/report/);
  });

  it('still answers a question just under the limit', async () => {
    const question = `can I friend a parent on Facebook? ${'please '.repeat(270)}`.slice(0, 1990);
    const replies = await postActivity(server.url, personalMessage(question));
    expect(JSON.stringify(replies)).toContain('2.6.2');
  });
});
