import { Writable } from 'node:stream';
import pino from 'pino';
import { personalMessage } from '../support/activities';
import { postActivity, postRaw, startTestServer, type TestServer } from '../support/bot-http';
import { loadAnswerEngine } from '../../src/policy/engine';
import { TURN_ERROR_REPLY } from '../../src/bot/turnErrors';

describe('malformed requests to /api/messages', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server.close());

  const valid = personalMessage('can I friend a parent?');

  it.each([
    ['a body that is not JSON', '{"type": "message", "text": ', 'application/json'],
    ['plain text', 'hello bot', 'text/plain'],
    ['a JSON array', '[1, 2, 3]', 'application/json'],
    ['an activity with no type', JSON.stringify({ ...valid, type: undefined }), 'application/json'],
    ['text that is not a string', JSON.stringify({ ...valid, text: { evil: true } }), 'application/json'],
    ['a conversation that is a string', JSON.stringify({ ...valid, conversation: 'c1' }), 'application/json'],
    ['entities that are not a list', JSON.stringify({ ...valid, entities: 'mention' }), 'application/json'],
    ['membersAdded with numbers for ids', JSON.stringify({ ...valid, type: 'conversationUpdate', membersAdded: [{ id: 7 }] }), 'application/json'],
  ])('answers %s with a clear 400 JSON error, and keeps serving', async (_what, body, contentType) => {
    const res = await postRaw(server.url, body, contentType);
    expect(res.status).toBe(400);
    expect(typeof res.body).toBe('object');
    expect(JSON.stringify(res.body)).toMatch(/activity|JSON|body|content/i);
    const replies = await postActivity(server.url, personalMessage('can I friend a parent?'));
    expect(replies).toHaveLength(1);
  });

  it('names the wrong field', async () => {
    const res = await postRaw(server.url, JSON.stringify({ ...valid, text: 12 }));
    expect(res.body).toEqual({ error: 'Bad activity', detail: expect.stringContaining('text') });
  });
});

describe('a failure inside a turn', () => {
  let server: TestServer;
  const lines: string[] = [];
  const SECRET_QUESTION = 'my pupil Jamie Smith sent me a photo';

  beforeAll(async () => {
    const real = loadAnswerEngine();
    // Fault injection: an engine bug on one question (the real engine never throws).
    const engine = { ...real, document: real.document, clauseById: real.clauseById, answer: () => { throw new Error(`index broken for ${SECRET_QUESTION}`); } };
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    server = await startTestServer({ options: { engine, logger: pino({ level: 'info' }, sink) } });
  });
  afterAll(() => server.close());

  it('gets a polite apology with a reference and no internals; the log has the reference but not what was typed', async () => {
    const replies = await postActivity(server.url, personalMessage(SECRET_QUESTION));
    expect(replies).toHaveLength(1);
    const text = replies[0].text ?? '';
    expect(text).toContain(TURN_ERROR_REPLY);
    expect(text).not.toMatch(/index broken|Error|\n\s+at /);
    const reference = /Reference: ([0-9a-f]{8})/.exec(text)?.[1];
    expect(reference).toBeDefined();
    const log = lines.join('');
    expect(log).toContain(reference);
    expect(log).not.toContain('Jamie');
    expect(log).not.toContain('photo');
    // and the bot keeps answering
    expect(await postActivity(server.url, personalMessage('help'))).toHaveLength(1);
  });
});

describe('with a Teams app registration (BOT_ID set)', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ env: { BOT_ID: '5f1c0a4e-0000-4000-8000-000000000002', BOT_PASSWORD: 'not-a-real-secret' } }); });
  afterAll(() => server.close());

  it('refuses an activity that carries no Bot Framework token, and answers nothing', async () => {
    // botbuilder's CloudAdapter reports the refusal with console.error; keep test output clean.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await postRaw(server.url, JSON.stringify({ ...personalMessage('can I friend a parent?'), deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain('2.6.2');
    consoleError.mockRestore();
  });
});
