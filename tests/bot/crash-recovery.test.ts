import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL_SET } from '../../src/bot/dslChannelSetup';
import { DATABASE_FILE_NAME } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { draft } from '../reports/support/reportFixtures';
import { postActivity } from '../support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { DSL, eventually, inDslChannel, SAFEGUARDING_ENV } from '../support/dslActivities';
import { freePort } from '../support/freePort';

const root = join(__dirname, '..', '..');


/** The real bot (src/server.ts, which `npm run bot` runs built) as a separate process, so it can be killed with SIGKILL. */
async function startBotProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'server.ts')], {
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
      expect(connector.posted().filter((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference))).toHaveLength(1);
      expect(await store.findReport(reference)).toMatchObject({ status: 'open' });
    } finally {
      db.close();
    }
  }, 180_000);
});
