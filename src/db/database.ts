import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One named schema change. Names are recorded, so each module ships its own list and they compose. */
export interface Migration {
  name: string;
  sql: string;
}

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file in WAL mode and applies any migrations not yet applied,
 * each in its own transaction. `:memory:` is accepted for throwaway use.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = []): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // a report is confirmed only after it is on disk
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, migrations);
  return db;
}

/**
 * Runs one write without waiting for the disk (synchronous = NORMAL for its commit): for data a
 * power cut may lose, such as answer feedback, never for reports. In WAL mode the commit still
 * survives the process crashing, and the next FULL commit or checkpoint puts it on disk. Measured
 * (docs/performance.md): an fsync for every not-covered question held the event loop long enough
 * to cut the bot's throughput by about two thirds on this machine.
 */
export function writeWithoutWaitingForDisk<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  const previous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}

export function applyMigrations(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?');
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (applied.get(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.name, new Date().toISOString());
    })();
  }
}
