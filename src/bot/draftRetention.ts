import type { Db } from '../db/database';
import type { Logger } from '../log';

const day = 24 * 60 * 60_000;

/**
 * Deletes bot state (conversation and dialog state) nobody has touched for `days` days. A report
 * abandoned half-way keeps the child's details in `bot_state`; after the retention period they go,
 * rather than sit there forever. Recorded reports live in their own tables and are never touched.
 * Returns how many conversations' state was deleted.
 */
export function purgeStaleDrafts(db: Db, days: number, now: Date = new Date()): number {
  const cutoff = new Date(now.getTime() - days * day).toISOString();
  return db.prepare('DELETE FROM bot_state WHERE updated_at < ?').run(cutoff).changes;
}

export interface DraftRetentionOptions {
  db: Db;
  /** DRAFT_RETENTION_DAYS */
  days: number;
  logger: Logger;
  now?: () => Date;
}

/** Purges at once, then daily, until stopped. The timer never keeps the process alive on its own. */
export function startDraftRetention({ db, days, logger, now = () => new Date() }: DraftRetentionOptions): { stop(): void } {
  const purge = () => {
    try {
      const deleted = purgeStaleDrafts(db, days, now());
      if (deleted > 0) logger.info({ deleted, days }, 'abandoned report drafts deleted');
    } catch (error) {
      logger.error({ errorName: (error as Error)?.name }, 'could not delete abandoned report drafts; will retry tomorrow');
    }
  };
  purge();
  const timer = setInterval(purge, day);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
