import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/db/database';
import type { ConcernDraft } from '../../../src/reports/model';
import { reportMigrations, SqliteReportStore } from '../../../src/reports/sqliteReportStore';

/** A settable clock: tests move time on instead of waiting. */
export function manualClock(start = '2026-12-01T09:00:00.000Z') {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.advanceMinutes = (minutes: number) => { now = new Date(now.getTime() + minutes * 60_000); };
  clock.advanceMs = (ms: number) => { now = new Date(now.getTime() + ms); };
  return clock;
}
export type ManualClock = ReturnType<typeof manualClock>;

export const escalation = { urgentMinutes: 10, otherMinutes: 60 };

/** A real SQLite file in a fresh temp dir, removed by `cleanup()`. */
export function tempReportStore(clock: ManualClock = manualClock()) {
  const dir = mkdtempSync(join(tmpdir(), 'pg-reports-'));
  const file = join(dir, 'policyguide.db');
  const db: Db = openDatabase(file, reportMigrations);
  const store = new SqliteReportStore(db, { escalation, clock });
  return { dir, file, db, store, clock, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export const reporter = { userId: 'aad-teacher-1', name: 'Sam Teacher' };

export function draft(overrides: Partial<ConcernDraft> = {}): ConcernDraft {
  return {
    category: 'cyberbullying',
    whatHappened: 'Year 5 pupil showed me messages calling her names in a group chat.',
    when: 'Today 08:40',
    where: 'WhatsApp group',
    peopleInvolved: 'Two pupils in Year 5',
    actionsTaken: 'Told her to keep the messages',
    reporter,
    ...overrides,
  };
}
