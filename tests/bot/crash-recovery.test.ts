import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL_SET } from '../../src/bot/dslChannelSetup';
import { DATABASE_FILE_NAME } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { draft } from '../reports/support/reportFixtures';
import { cardText, postActivity } from '../support/bot-http';
import { cardOf, startFakeConnector, type ConnectorRequest, type FakeConnector } from '../support/connector';
import { DSL, eventually, inDslChannel, mayRepeatLine, SAFEGUARDING_ENV } from '../support/dslActivities';
import { freePort } from '../support/freePort';

const root = join(__dirname, '..', '..');


/**
 * The real bot (src/server.ts, which `npm run bot` runs built) as a separate process, so it can be
 * killed with SIGKILL. Node itself, not the tsx CLI: that runs the server in a child of its own,
 * which a SIGKILL of the CLI leaves running.
 */
async function startBotProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'server.ts')], {
    cwd: root,
    env: { ...process.env, ...SAFEGUARDING_ENV, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok, 60_000);
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a concern survives kill -9 and a Teams outage', () => {
  let dataDir: string;
  let connector: FakeConnector | undefined;
  let bot: ChildProcess | undefined;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'pg-crash-')); });
  afterEach(async () => {
    if (bot && bot.exitCode === null) await kill9(bot);
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a concern recorded while Teams is down is alerted once after the bot is killed and restarted', async () => {
    const port = await freePort();
    connector = await startFakeConnector();
    const connectorPort = Number(new URL(connector.serviceUrl).port);
    bot = await startBotProcess(dataDir, port);
    const replies = await postActivity(`http://127.0.0.1:${port}`, inDslChannel('setup dsl', DSL, connector.serviceUrl));
    expect(replies.map((r) => r.text)).toEqual([CHANNEL_SET]);
    await connector.close(); // Teams is unreachable from now on

    // Recorded through the same SQLite file the bot uses (the dialog's path ends in this same call).
    const db = openDatabase(join(dataDir, DATABASE_FILE_NAME), reportMigrations);
    const store = new SqliteReportStore(db, { escalation: { urgentMinutes: 10, otherMinutes: 60 } });
    try {
      const { reference } = await store.createReport(draft());
      await eventually(async () => (await store.outboxFor(reference))[0]!.attempts >= 1, 60_000); // the bot tried and failed
      await kill9(bot);

      connector = await startFakeConnector(connectorPort); // Teams is back
      bot = await startBotProcess(dataDir, port);
      await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference), 60_000);
      await eventually(async () => (await store.outboxFor(reference))[0]!.sentAt, 30_000);
      const posted = connector.posted().filter((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference));
      expect(posted).toHaveLength(1);
      // Teams was unreachable, so nothing can have been posted before: the card does not say it may repeat one.
      expect(cardText(cardOf(posted[0]!)!)).not.toContain('may repeat');
      expect(await store.findReport(reference)).toMatchObject({ status: 'open' });
    } finally {
      db.close();
    }
  }, 180_000);

  it('killed after Teams received the alert but before it answered, the bot resends it after restart saying it may repeat the first', async () => {
    const port = await freePort();
    connector = await startFakeConnector();
    bot = await startBotProcess(dataDir, port);
    await postActivity(`http://127.0.0.1:${port}`, inDslChannel('setup dsl', DSL, connector.serviceUrl));
    connector.plan('hang'); // Teams takes the alert and does not answer: the bot cannot know it was posted

    const db = openDatabase(join(dataDir, DATABASE_FILE_NAME), reportMigrations);
    const store = new SqliteReportStore(db, { escalation: { urgentMinutes: 10, otherMinutes: 60 } });
    try {
      const { reference } = await store.createReport(draft());
      const alert = (r: ConnectorRequest) => r.method === 'POST' && JSON.stringify(cardOf(r) ?? {}).includes(reference);
      await connector.waitFor(alert, 60_000);
      await kill9(bot);

      bot = await startBotProcess(dataDir, port);
      // The killed bot's lease (send timeout 15 s + 30 s) runs out, then the alert goes again.
      await connector.waitFor((r) => alert(r) && r.answered === 201, 120_000);
      const alerts = connector.requests.filter(alert);
      expect(alerts.map((r) => r.answered)).toEqual(['hang', 201]);
      expect(alerts.map((r) => cardText(cardOf(r)!).includes(mayRepeatLine(reference)))).toEqual([false, true]);
      await eventually(async () => (await store.outboxFor(reference))[0]!.sentAt, 30_000);
      expect((await store.auditTrail(reference)).map((e) => [e.action, e.actor.name, e.note])).toEqual([
        ['created', 'Sam Teacher', undefined],
        ['send-interrupted', 'PolicyGuide', 'the alert (PolicyGuide stopped while sending it)'],
      ]);
    } finally {
      db.close();
    }
  }, 240_000);
});
