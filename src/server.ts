import { join } from 'node:path';
import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import restify from 'restify';
import { ConcernReporting, ReportState } from './bot/concernReporting';
import { createConcernServices, type ConcernServices, type ConcernServicesOptions } from './bot/concernServices';
import { conversationReferenceMigrations } from './bot/conversationReferences';
import { PolicyGuideAdapter } from './bot/policyGuideAdapter';
import { ReusedClientsAuthentication } from './bot/reusedClients';
import { startDraftRetention } from './bot/draftRetention';
import { SqliteStorage, botStateMigrations } from './bot/sqliteStorage';
import { WelcomeOnce, welcomeMigrations } from './bot/welcomeOnce';
import { PolicyGuideBot } from './bot/policyGuideBot';
import { turnErrorHandler } from './bot/turnErrors';
import { ConfigError, DATABASE_FILE_NAME, deepLinkAppId, loadConfig, type Config } from './config';
import { openDatabase, type Db, type Migration } from './db/database';
import { log, type Logger } from './log';
import { loadAnswerEngine, type AnswerEngine } from './policy/engine';
import { createFeedbackStore, migrations as feedbackMigrations } from './policy/feedback';
import { reportMigrations } from './reports/sqliteReportStore';
import { registerTabRoutes } from './tab/routes';

export interface ServerOptions {
  /** Default: the policy in policy-data/. */
  engine?: AnswerEngine;
  logger?: Logger;
  /** Clock and retry timings for the safeguarding side (tests). */
  concerns?: ConcernServicesOptions;
}

export interface PolicyGuideServer {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: PolicyGuideBot;
  db: Db;
  engine: AnswerEngine;
  config: Config;
  /** Report store, conversation references, delivery worker and escalation scheduler. */
  concerns: ConcernServices;
  /** Resolves with the bound port (pass 0 for a free one). */
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
}

// Every module's schema changes, applied in order to the app's one SQLite file.
const MIGRATIONS: readonly Migration[] = [...feedbackMigrations, ...reportMigrations, ...conversationReferenceMigrations, ...botStateMigrations, ...welcomeMigrations];

export function createServer(config: Config, options: ServerOptions = {}): PolicyGuideServer {
  const logger = options.logger ?? log;
  const engine = options.engine ?? loadAnswerEngine();
  const db = openDatabase(join(config.dataDir, DATABASE_FILE_NAME), MIGRATIONS);
  const adapter = new PolicyGuideAdapter(botAuthentication(config));
  adapter.onTurnError = turnErrorHandler(logger);
  const concerns = createConcernServices(db, adapter, config, options.concerns);
  // Dialog state (a half-finished concern report) lives in the same SQLite file, so it survives a restart.
  const conversationState = new ReportState(new SqliteStorage(db));
  const reporting = new ConcernReporting({ store: concerns.store, conversationState, appId: config.bot.appId ?? '', logger });
  const bot = new PolicyGuideBot({
    engine,
    feedback: createFeedbackStore(db),
    reporting,
    teamsAppId: deepLinkAppId(config),
    schoolName: config.schoolName,
    logger,
    concerns,
    welcomed: new WelcomeOnce(db),
  });

  const server = restify.createServer({ name: 'policyguide' });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.post('/api/messages', adapter.messagesEndpoint((context) => bot.run(context), logger));
  registerTabRoutes(server, { engine, config, reports: concerns.store });
  server.get('/healthz', async (_req, res) => {
    db.prepare('SELECT 1').get();
    res.send(200, { status: 'ok' });
  });

  let draftRetention: { stop(): void } | undefined;
  return {
    server,
    adapter,
    bot,
    db,
    engine,
    config,
    concerns,
    listen(port = config.port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          server.removeListener('error', reject);
          concerns.start(); // outbox left unsent by a previous run goes out now
          draftRetention ??= startDraftRetention({ db, days: config.safeguarding.draftRetentionDays, logger });
          resolve((server.address() as { port: number }).port);
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      draftRetention?.stop();
      await concerns.stop();
      db.close();
    },
  };
}

/** With no BOT_ID the adapter accepts unauthenticated requests: local runs and the Agents Playground only. */
function botAuthentication(config: Config): ReusedClientsAuthentication {
  const { appId, appPassword, tenantId, appType, channelOpenIdMetadataUrl, channelTokenIssuer } = config.bot;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppTenantId: tenantId,
    MicrosoftAppType: appType,
  });
  return new ReusedClientsAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppTenantId: tenantId,
      ToBotFromChannelOpenIdMetadataUrl: channelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: channelTokenIssuer,
    },
    credentials,
  );
}

export async function main(): Promise<void> {
  let app: PolicyGuideServer;
  try {
    // createServer checks settings that only make sense together (tab sign-in needs a tenant…).
    app = createServer(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { config } = app;
  // Allegations about adults go to these people, not the DSL channel (policy 1.2.3, 2.1.5).
  const { headteacherUserId, chairOfGovernorsUserId } = config.safeguarding;
  if (!headteacherUserId || !chairOfGovernorsUserId) {
    log.warn('HEADTEACHER_USER_ID or CHAIR_OF_GOVERNORS_USER_ID is not set: an allegation about an adult waits for escalation to the fallback person');
  }
  const port = await app.listen();
  const mode = config.bot.appId ? `Teams app ${config.bot.appId}` : 'local mode, no authentication';
  log.info({ port }, `PolicyGuide bot listening on http://localhost:${port}/api/messages (${mode})`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
