import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, writeWithoutWaitingForDisk } from '../../src/db/database';

describe('the SQLite database file', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pg-db-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across reopen and applies each migration once', () => {
    const file = join(dir, 'nested', 'policyguide.sqlite');
    const migrations = [{ name: '001-notes', sql: 'CREATE TABLE notes (body TEXT)' }];
    const first = openDatabase(file, migrations);
    first.prepare('INSERT INTO notes VALUES (?)').run('kept');
    first.close();

    const second = openDatabase(file, [...migrations, { name: '002-more', sql: 'ALTER TABLE notes ADD COLUMN n INTEGER' }]);
    expect(second.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'kept' }]);
    expect(second.pragma('journal_mode', { simple: true })).toBe('wal');
    second.close();
  });

  it('a write that skips the fsync (feedback) is kept across reopen, and later writes (reports) are fully synced again', () => {
    const file = join(dir, 'policyguide.db');
    const db = openDatabase(file, [{ name: '001-notes', sql: 'CREATE TABLE notes (body TEXT)' }]);
    const FULL = 2;
    writeWithoutWaitingForDisk(db, () => db.prepare('INSERT INTO notes VALUES (?)').run('feedback'));
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    // inside a transaction the write simply joins it
    db.transaction(() => writeWithoutWaitingForDisk(db, () => db.prepare('INSERT INTO notes VALUES (?)').run('in a transaction')))();
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    db.close();
    const reopened = openDatabase(file);
    expect(reopened.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'feedback' }, { body: 'in a transaction' }]);
    reopened.close();
  });
});
