import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { purgeStaleDrafts, startDraftRetention } from '../../src/bot/draftRetention';
import { SqliteStorage, botStateMigrations } from '../../src/bot/sqliteStorage';
import { DATABASE_FILE_NAME } from '../../src/config';
import { openDatabase, type Db } from '../../src/db/database';
import { log } from '../../src/log';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { cardSubmit, personalMessage, STAFF } from '../support/activities';
import { cardsIn, cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { draft, escalation } from '../reports/support/reportFixtures';

/** Abandoned half-finished reports (free text about a child) do not stay in bot_state forever. */

const now = new Date('2026-12-01T09:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000).toISOString();

describe('purging abandoned report drafts from a real SQLite file', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policyguide-retention-'));
    db = openDatabase(join(dir, DATABASE_FILE_NAME), [...reportMigrations, ...botStateMigrations]);
    const storage = new SqliteStorage(db);
    await storage.write({
      'msteams/conversations/a:old/': { dialogState: { whatHappened: 'Details typed 31 days ago, never sent.' } },
      'msteams/conversations/a:fresh/': { dialogState: { whatHappened: 'Details typed yesterday.' } },
    });
    db.prepare('UPDATE bot_state SET updated_at = ? WHERE key = ?').run(daysAgo(31), 'msteams/conversations/a:old/');
    db.prepare('UPDATE bot_state SET updated_at = ? WHERE key = ?').run(daysAgo(1), 'msteams/conversations/a:fresh/');
    await new SqliteReportStore(db, { escalation, clock: () => new Date(daysAgo(400)) }).createReport(draft());
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const keys = () => (db.prepare('SELECT key FROM bot_state ORDER BY key').all() as { key: string }[]).map((r) => r.key);
  const counts = () => db.prepare('SELECT (SELECT COUNT(*) FROM concern_reports) AS reports, (SELECT COUNT(*) FROM concern_audit) AS audit, (SELECT COUNT(*) FROM concern_outbox) AS outbox').get();

  it('deletes state untouched for longer than the retention period and keeps the rest, reports included', () => {
    const before = counts();
    expect(purgeStaleDrafts(db, 30, now)).toBe(1);
    expect(keys()).toEqual(['msteams/conversations/a:fresh/']);
    expect(counts()).toEqual(before);
    expect(counts()).toEqual({ reports: 1, audit: 1, outbox: 1 });
    expect(purgeStaleDrafts(db, 30, now)).toBe(0);
  });

  it('purges as soon as it starts, before any daily run', () => {
    const retention = startDraftRetention({ db, days: 30, logger: log, now: () => now });
    try {
      expect(keys()).toEqual(['msteams/conversations/a:fresh/']);
    } finally {
      retention.stop();
    }
  });
});

describe('the bot and DRAFT_RETENTION_DAYS', () => {
  it('on start, forgets a report abandoned longer ago than the setting, and keeps a recent one going', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-retention-bot-'));
    const abandoned = { ...STAFF, id: '29:abandoned', aadObjectId: '22222222-2222-2222-2222-000000000001' };
    const recent = { ...STAFF, id: '29:recent', aadObjectId: '22222222-2222-2222-2222-000000000002' };
    const say = async (server: TestServer, who: typeof STAFF, reply: string | Record<string, unknown>) => {
      const activity = typeof reply === 'string' ? personalMessage(reply, who) : cardSubmit(reply, who);
      const replies: Partial<Activity>[] = await postActivity(server.url, { ...activity, conversation: { ...activity.conversation!, id: `a:personal-${who.id}` } });
      return [...replies.map((r) => r.text ?? ''), ...cardsIn(replies).map(cardText)].join('\n');
    };
    try {
      const first = await startTestServer({ env: { DATA_DIR: dataDir } });
      for (const who of [abandoned, recent]) {
        await say(first, who, 'report');
        await say(first, who, { concernStep: 'category', category: 'other' });
      }
      await first.close();
      const db = openDatabase(join(dataDir, DATABASE_FILE_NAME));
      db.prepare('UPDATE bot_state SET updated_at = ? WHERE key LIKE ?').run(new Date(Date.now() - 8 * 24 * 60 * 60_000).toISOString(), `%a:personal-${abandoned.id}%`);
      db.close();

      const second = await startTestServer({ env: { DATA_DIR: dataDir, DRAFT_RETENTION_DAYS: '7' } });
      try {
        expect(await say(second, abandoned, { concernStep: 'whatHappened', answer: 'Too late.' })).toContain('no longer open');
        expect(await say(second, recent, { concernStep: 'whatHappened', answer: 'Still going.' })).toContain('When did it happen?');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
