import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIRM, REPORT_DIALOG, reporter } from '../../bench/reporter';
import { startBundledServer, type BundledServer } from '../../scripts/bundledServer';
import { APP_ROOT } from '../../src/appRoot';
import { CODE_CACHE } from '../../src/bundleLoader';
import { personalMessage } from '../support/activities';
import { cardsIn, cardText, postActivity } from '../support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { DSL, inDslChannel, SAFEGUARDING_ENV } from '../support/dslActivities';

/**
 * What an administrator deploys: `npm run build`, then `node dist/server.js` (`npm run bot`) as its
 * own process with a fresh DATA_DIR. Everything the bundle might lose (files found from the app's
 * folder, modules loaded only when needed, the code cache) is used here as staff and DSLs use it.
 */
describe('the built server (npm run build, then node dist/server.js)', () => {
  let connector: FakeConnector;
  let server: BundledServer;
  let cacheWritten: number;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['--import', 'tsx', join(APP_ROOT, 'scripts/build.ts')], { cwd: APP_ROOT, encoding: 'utf8', timeout: 120_000 });
    if (build.status !== 0) throw new Error(`npm run build failed (${build.status}):\n${build.stdout}${build.stderr}`);
    cacheWritten = statSync(CODE_CACHE).mtimeMs;
    connector = await startFakeConnector();
    server = await startBundledServer('can I friend a parent?', { ...process.env, ...SAFEGUARDING_ENV, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await connector?.close();
  });

  it('answers a question with the policy clause it rests on', async () => {
    const [card] = cardsIn(await postActivity(server.url, personalMessage('can I friend a parent?')));
    expect(cardText(card)).toContain('2.6.2 Social contact');
  });

  it('says it is healthy', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the Policy tab page and its script with teams-js bundled in', async () => {
    const page = await fetch(`${server.url}/tabs/policy.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="policy.js"');
    const script = await fetch(`${server.url}/tabs/policy.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('getAuthToken');
  });

  it('takes a report through the dialog and alerts the DSL channel through the connector', async () => {
    await postActivity(server.url, inDslChannel('setup dsl', DSL, connector.serviceUrl));
    const say = reporter(server.url, connector.serviceUrl, 0, 'bundle-reporter', '33333333-3333-3333-3333');
    for (const step of REPORT_DIALOG) await say(step);
    const reference = /WLS-\d{4}-\d{4}/.exec(JSON.stringify(await say(CONFIRM)))?.[0];
    expect(reference).toBeDefined();
    const alert = await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference!), 30_000);
    expect(alert.conversationId).toBe('19:general@thread.tacv2'); // the channel where the DSL typed setup dsl
    expect(cardText(cardOf(alert))).toContain('Online bullying');
  });

  it('refuses a production start without credentials with one clear line', () => {
    const env = { ...process.env, NODE_ENV: 'production', BOT_ID: '', BOT_PASSWORD: '', SECRET_BOT_PASSWORD: '', LOG_LEVEL: 'silent' };
    const result = spawnSync(process.execPath, [join(APP_ROOT, 'dist/server.js')], { cwd: APP_ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('NODE_ENV=production needs BOT_ID');
  });

  it('started from the code cache the build wrote (a rejected cache is rewritten when the server stops)', async () => {
    await server.stop('SIGTERM');
    expect(statSync(CODE_CACHE).mtimeMs).toBe(cacheWritten);
  });
});
