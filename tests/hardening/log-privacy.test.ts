import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { cardSubmit, personalMessage, STAFF } from '../support/activities';
import { postActivity } from '../support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { DSL, eventually, inDslChannel, SAFEGUARDING_ENV } from '../support/dslActivities';
import { freePort } from '../support/freePort';

/**
 * The log output of a whole report, from `report` to the DSL alert delivered, as an operator
 * would collect it (the real bot process, every level), holds none of what the reporter typed
 * and no names of pupils, parents or staff.
 */

const root = join(__dirname, '..', '..');
const REPORTER = { ...STAFF, id: '29:log-privacy-reporter', name: 'Morgan Quillfeather', aadObjectId: '44444444-4444-4444-4444-444444444444' };
const SECRETS = {
  whatHappened: 'Jamie Smith in Year 4 showed me a video of Alex Jones crying, filmed at 10 Elm Road',
  where: 'Snapchat group called Elm Road Gang',
  who: 'Jamie Smith (pupil), Alex Jones (pupil), Mrs Patel (parent)',
  actions: 'Phoned Mrs Patel on 07700 900123',
};
// Every fragment a log line must never contain.
const NEVER_LOGGED = ['Jamie', 'Smith', 'Alex Jones', 'Elm Road', 'Patel', '07700', 'crying', 'Snapchat group', 'Morgan', 'Quillfeather'];


describe('logs of a full report flow', () => {
  let dataDir: string;
  let connector: FakeConnector;
  let bot: ChildProcess;
  let output = '';
  let reference = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pg-log-privacy-'));
    connector = await startFakeConnector();
    const port = await freePort();
    // node itself with tsx's loader (src/server.ts, which `npm run bot` runs built), so killing this pid stops the bot.
    bot = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'server.ts')], {
      cwd: root,
      env: { ...process.env, ...SAFEGUARDING_ENV, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'trace' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok, 60_000);

    await postActivity(url, inDslChannel('setup dsl', DSL, connector.serviceUrl));
    const say = (reply: string | Record<string, unknown>) => {
      const activity: Partial<Activity> = typeof reply === 'string' ? personalMessage(reply, REPORTER) : cardSubmit(reply, REPORTER);
      return postActivity(url, { ...activity, serviceUrl: connector.serviceUrl, conversation: { ...activity.conversation!, id: `a:personal-${REPORTER.id}` } });
    };
    await say('report');
    await say({ concernStep: 'category', category: 'cyberbullying' });
    await say(SECRETS.whatHappened);
    await say({ concernStep: 'when', date: '2026-11-30', time: '19:45' });
    await say(SECRETS.where);
    await say({ concernStep: 'peopleInvolved', answer: SECRETS.who });
    await say({ concernStep: 'actionsTaken', answer: SECRETS.actions });
    const recorded = JSON.stringify(await say({ concernStep: 'review', action: 'confirm' }));
    reference = /WLS-\d{4}-\d{4}/.exec(recorded)![0];
    const alert = await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference), 60_000);
    // The alert itself carries the details to the DSL (that is its job), so the flow really ran.
    expect(JSON.stringify(cardOf(alert))).toContain(reference);
    // Logged by reference: recorded, then delivered by the outbox worker.
    await eventually(() => output.split('\n').filter((l) => l.includes(reference)).length >= 2, 30_000);
  }, 180_000);

  afterAll(async () => {
    if (bot.exitCode === null) {
      const exited = new Promise((resolve) => bot.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
    }
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('were written: the report and its delivery are logged by reference', () => {
    expect(output.split('\n').filter((l) => l.includes(reference)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(NEVER_LOGGED)('never contain "%s"', (fragment) => {
    const lines = output.split('\n').filter((l) => l.toLowerCase().includes(fragment.toLowerCase()));
    expect(lines).toEqual([]);
  });
});
