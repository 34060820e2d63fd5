import type { Db, Migration } from '../db/database';

export const welcomeMigrations: readonly Migration[] = [
  {
    name: 'bot-welcome-1',
    sql: `CREATE TABLE bot_welcomes (
      conversation_id TEXT PRIMARY KEY,
      welcomed_at TEXT NOT NULL
    )`,
  },
];

/**
 * Remembers in the app's SQLite file the conversations already welcomed: Teams sends both an
 * installationUpdate and a conversationUpdate for one install, and may send them again later; a
 * person should get one welcome card, not one per event, per restart or per server instance.
 * The insert is the check, so two instances racing on one install still welcome once.
 */
export class WelcomeOnce {
  private readonly insert;

  constructor(db: Db, private readonly now: () => Date = () => new Date()) {
    this.insert = db.prepare('INSERT OR IGNORE INTO bot_welcomes (conversation_id, welcomed_at) VALUES (?, ?)');
  }

  /** True the first time a conversation is seen. */
  first(conversationId: string): boolean {
    return this.insert.run(conversationId, this.now().toISOString()).changes === 1;
  }
}
