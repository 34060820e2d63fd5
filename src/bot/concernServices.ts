import type { CloudAdapter } from 'botbuilder';
import { deepLinkAppId, type Config } from '../config';
import type { Db } from '../db/database';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../reports/deliveryWorker';
import { EscalationScheduler } from '../reports/escalationScheduler';
import { systemClock, type Clock } from '../reports/reportStore';
import { SqliteReportStore } from '../reports/sqliteReportStore';
import { ConversationReferences, rememberPersonalChats } from './conversationReferences';
import { createProactiveSender } from './proactiveSender';

export interface ConcernServicesOptions {
  /** Tests move time on instead of waiting for deadlines and retries. */
  clock?: Clock;
  /** Tests shorten retry delays and timeouts. */
  delivery?: Pick<DeliveryWorkerOptions, 'pollMs' | 'sendTimeoutMs' | 'retryDelayMs' | 'maxRetryDelayMs'>;
  escalationCheckMs?: number;
}

export interface ConcernServices {
  store: SqliteReportStore;
  references: ConversationReferences;
  worker: DeliveryWorker;
  scheduler: EscalationScheduler;
  /** Who may act, read from configuration on every use. */
  safeguarding: () => Config['safeguarding'];
  /** For the alert card's deep link into the Concerns tab. */
  teamsAppId: string;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The safeguarding half of the server: the report store on the app's SQLite file, conversation
 * references (saved on every 1:1 turn), the delivery worker posting the outbox to Teams and the
 * escalation scheduler. Migrations: reportMigrations and conversationReferenceMigrations.
 */
export function createConcernServices(db: Db, adapter: CloudAdapter, config: Config, options: ConcernServicesOptions = {}): ConcernServices {
  const clock = options.clock ?? systemClock;
  const safeguarding = () => config.safeguarding;
  const escalation = { urgentMinutes: config.safeguarding.escalateUrgentMinutes, otherMinutes: config.safeguarding.escalateOtherMinutes };
  const references = new ConversationReferences(db);
  adapter.use(rememberPersonalChats(references));
  let worker: DeliveryWorker | undefined;
  const store = new SqliteReportStore(db, { escalation, clock, onQueued: () => worker?.wake() });
  const teamsAppId = deepLinkAppId(config);
  const send = createProactiveSender({ adapter, appId: config.bot.appId ?? '', references, store, safeguarding, teamsAppId });
  worker = new DeliveryWorker({ store, send, clock, ...options.delivery });
  const scheduler = new EscalationScheduler({ store, roles: safeguarding, escalation, clock, intervalMs: options.escalationCheckMs });
  return {
    store,
    references,
    worker,
    scheduler,
    safeguarding,
    teamsAppId,
    start() {
      worker!.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await worker!.stop();
    },
  };
}
