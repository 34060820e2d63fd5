import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { openDatabase } from '../../src/db/database';
import { loadAnswerEngine, type AnswerEngine } from '../../src/policy/engine';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { concernOperations } from '../../src/tab/concernOperations';
import { registerTabRoutes } from '../../src/tab/routes';
import type { TabAuthConfig } from '../../src/tab/tabAuth';

export interface TabTestServer {
  url: string;
  store: SqliteReportStore;
  config: TabAuthConfig;
  close(): Promise<void>;
}

/** Local development: no Microsoft credentials at all. */
export function localConfig(overrides: Partial<TabAuthConfig> = {}): TabAuthConfig {
  return {
    nodeEnv: 'development',
    bot: {},
    safeguarding: { dslUserIds: [] },
    tab: {},
    publicBaseUrl: 'http://localhost:3978',
    ...overrides,
  };
}

let sharedEngine: AnswerEngine | undefined;

/** A real restify server with the tab routes and a real SQLite report store in a temp dir, on a free loopback port. */
export async function startTabServer(options: { engine?: AnswerEngine; config?: TabAuthConfig } = {}): Promise<TabTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-tab-'));
  const db = openDatabase(join(dir, 'policyguide.db'), reportMigrations);
  const store = new SqliteReportStore(db, { escalation: { urgentMinutes: 10, otherMinutes: 60 } });
  const config = options.config ?? localConfig();
  const server = restify.createServer({ handleUncaughtExceptions: false });
  sharedEngine ??= options.engine ?? loadAnswerEngine();
  registerTabRoutes(server, { engine: options.engine ?? sharedEngine, config, concerns: concernOperations(store) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    config,
    close: () =>
      new Promise<void>((resolve) => server.close(() => resolve())).then(() => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
