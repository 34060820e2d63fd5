import { loadAnswerEngine, type AnswerEngine } from '../../src/policy/engine';
import type { SqliteReportStore } from '../../src/reports/sqliteReportStore';
import type { Config } from '../../src/config';
import { startTestServer } from '../support/bot-http';
import type { TestIdentityProvider } from '../support/identityProvider';

export interface TabTestServer {
  url: string;
  store: SqliteReportStore;
  config: Config;
  close(): Promise<void>;
}

let engine: AnswerEngine | undefined;

/** The real app server (src/server.ts: bot, report store, tab routes) on a free port, temp DATA_DIR. */
export async function startTabServer(env: Record<string, string> = {}): Promise<TabTestServer> {
  engine ??= loadAnswerEngine();
  const server = await startTestServer({ env, options: { engine } });
  return { url: server.url, store: server.app.concerns.store, config: server.app.config, close: () => server.close() };
}

/** Environment for Teams sign-in against the test identity provider. */
export function ssoEnv(idp: TestIdentityProvider, dslUserIds: string[]): Record<string, string> {
  return {
    BOT_ID: 'bot-app-id',
    BOT_PASSWORD: 'not-a-real-secret',
    TAB_AAD_CLIENT_ID: idp.clientId,
    AAD_APP_TENANT_ID: idp.tenantId,
    TAB_JWKS_URL: idp.jwksUrl,
    DSL_USER_IDS: dslUserIds.join(','),
  };
}
