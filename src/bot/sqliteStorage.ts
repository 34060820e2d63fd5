import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { applyMigrations, type Db, type Migration } from '../db/database';

export const botStateMigrations: readonly Migration[] = [
  {
    name: 'bot-state-1',
    sql: `CREATE TABLE bot_state (
      key TEXT PRIMARY KEY,
      etag TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
  },
];

export class StorageConflictError extends Error {}

/**
 * botbuilder's Storage on the app's SQLite file, so conversation and dialog state (a half-finished
 * concern report) survive a restart. Optimistic concurrency as botbuilder's own stores: an item
 * written with the eTag it was read with replaces the stored one only if nobody wrote in between;
 * "*" or no eTag overwrites. A batch is one transaction: all of it is written or none.
 */
export class SqliteStorage implements Storage {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Db) {
    applyMigrations(db, botStateMigrations);
    this.select = db.prepare<[string], { etag: string; value: string }>('SELECT etag, value FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO bot_state (key, etag, value, updated_at) VALUES (@key, @etag, @value, @updatedAt)
       ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const updatedAt = new Date().toISOString();
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...value } = item ?? {};
        const stored = this.select.get(key);
        if (stored && eTag && eTag !== '*' && eTag !== stored.etag) {
          throw new StorageConflictError(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        this.upsert.run({ key, etag: randomUUID(), value: JSON.stringify(value), updatedAt });
      }
    })();
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => keys.forEach((key) => this.remove.run(key)))();
  }
}
