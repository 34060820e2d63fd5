import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personalMessage } from '../support/activities';
import { startBotFrameworkIssuer, type BotFrameworkIssuer, type SignOptions } from '../support/bot-framework-issuer';
import { startTestServer, type TestServer } from '../support/bot-http';

/**
 * With BOT_ID and a password configured (as in Teams), only requests carrying a valid Bot
 * Framework token from the channel reach the bot. Tokens are signed here against a local OpenID
 * metadata + JWKS endpoint that botbuilder's own validation is pointed at through its own settings.
 */

const APP_ID = '6d3a1b52-0a4f-4c8e-9d1e-5f1b2c3d4e5f';
// Not covered by the policy, so the bot stores it for the policy owner when it runs: a refused
// request that ran the bot anyway would show up as a stored row.
const QUESTION = 'what is for lunch in the canteen today?';

describe('a Teams deployment (BOT_ID and password set)', () => {
  let issuer: BotFrameworkIssuer;
  let server: TestServer;
  const activity = personalMessage(QUESTION);
  const serviceUrl = activity.serviceUrl!;

  beforeAll(async () => {
    // botbuilder's token validation prints each refusal (with the public key) to the console.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    issuer = await startBotFrameworkIssuer();
    server = await startTestServer({
      env: {
        BOT_ID: APP_ID,
        BOT_PASSWORD: 'not-a-real-secret',
        ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
        ToBotFromChannelTokenIssuer: issuer.issuer,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await issuer.close();
    jest.restoreAllMocks();
  });

  async function post(authorization?: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
    });
    return { status: res.status, text: await res.text() };
  }

  const token = (audience = APP_ID, options: SignOptions = {}, url = serviceUrl) => issuer.sign(audience, url, options).then((t) => `Bearer ${t}`);
  const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

  it('answers a request with a valid channel token (and stores the unanswered question)', async () => {
    const before = storedRows(server);
    const res = await post(await token());
    expect(res.status).toBe(200);
    expect(res.text).toContain('"activities":[{');
    expect(storedRows(server)).not.toEqual(before);
  });

  it.each([
    ['no token', async () => undefined],
    ['an expired token', () => token(APP_ID, { expiresAt: anHourAgo() })],
    ['a token for another bot (wrong audience)', () => token('00000000-1111-2222-3333-444444444444')],
    ['a token with a forged signature', () => token(APP_ID, { forged: true })],
    ['a token for another service URL', () => token(APP_ID, {}, 'https://elsewhere.example/')],
    ['a header that is not a token', async () => 'Bearer not.a.token'],
    ['a token under another scheme', async () => (await token()).replace('Bearer', 'Basic')],
  ])('refuses %s with 401, runs nothing and says nothing about why', async (_what, authorization) => {
    const before = storedRows(server);
    const res = await post(await authorization());
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('activities'); // the bot did not answer
    expect(res.text).not.toMatch(/expired|signature|audience|AppId|ServiceUrl|jwt|\n\s+at /i);
    expect(storedRows(server)).toEqual(before); // nothing stored
  });
});

describe('a production start without credentials', () => {
  it('refuses to start: exit code 1, one clear line, nothing listening', () => {
    const port = 39_000 + Math.floor(Math.random() * 1000);
    const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), BOT_ID: '', BOT_PASSWORD: '', SECRET_BOT_PASSWORD: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'policyguide-prod-')) };
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'src/server.ts'], { cwd: join(__dirname, '../..'), env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    const errorLines = result.stderr.split('\n').filter((l) => l.trim() && !/DEP0111|trace-deprecation/.test(l));
    expect(errorLines).toEqual([expect.stringContaining('NODE_ENV=production needs BOT_ID')]);
    expect(result.stdout).not.toMatch(/listening/);
  }, 90_000);
});

/** Row counts of every table in the app's database: a refused request must change none. */
function storedRows(server: TestServer): Record<string, number> {
  const db = server.app.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}
