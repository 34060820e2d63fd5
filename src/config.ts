import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Environment → typed configuration, validated once at start. A mistake stops the process with
 * one clear line (ConfigError) rather than failing later, in front of a member of staff.
 * Variable names follow the Agents/Teams Toolkit conventions (env/.env.*).
 */

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface Config {
  port: number;
  nodeEnv: string;
  /** Holds policyguide.db, the one SQLite file of the app. */
  dataDir: string;
  /** No appId = local / Agents Playground mode: inbound requests are not authenticated. */
  bot: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType: BotAppType;
    /**
     * Where channel tokens come from, under botbuilder's own setting names
     * (ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer). Unset = the public
     * Azure Bot Service; set for another cloud, or for tests that sign their own tokens.
     */
    channelOpenIdMetadataUrl?: string;
    channelTokenIssuer?: string;
  };
  /** The Teams app id (TEAMS_APP_ID) for deep links; falls back to the bot id, then a local placeholder. */
  teamsAppId?: string;
  safeguarding: {
    /** AAD object ids of the DSL and deputies. */
    dslUserIds: string[];
    headteacherUserId?: string;
    chairOfGovernorsUserId?: string;
    fallbackUserId?: string;
    escalateUrgentMinutes: number;
    escalateOtherMinutes: number;
    /** A half-finished report untouched this many days is deleted, free text and all (DRAFT_RETENTION_DAYS). */
    draftRetentionDays: number;
  };
  tab: { aadClientId?: string; tenantId?: string; jwksUrl?: string; issuer?: string };
  /** Where Teams reaches this bot (BOT_ENDPOINT). */
  publicBaseUrl: string;
  schoolName: string;
}

export const DATABASE_FILE_NAME = 'policyguide.db';

/** Local-only id for deep links when neither TEAMS_APP_ID nor BOT_ID is set (Playground). */
const LOCAL_TEAMS_APP_ID = '00000000-0000-0000-0000-000000000000';

/** The app id that deep links into the app's tabs name. */
export function deepLinkAppId(config: Pick<Config, 'teamsAppId' | 'bot'>): string {
  return config.teamsAppId ?? config.bot.appId ?? LOCAL_TEAMS_APP_ID;
}

// Empty strings count as unset: the Toolkit's env files leave unknown values blank ("BOT_ID=").
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());
const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : Number(v)),
    z.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
  );
const url = z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional());

const EnvSchema = z.object({
  PORT: wholeNumber(3978, 1, 65535),
  NODE_ENV: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('development')),
  DATA_DIR: optionalText,
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  SECRET_BOT_PASSWORD: optionalText,
  BOT_TENANT_ID: optionalText,
  ToBotFromChannelOpenIdMetadataUrl: url,
  ToBotFromChannelTokenIssuer: optionalText,
  BOT_TYPE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  TEAMS_APP_ID: optionalText,
  DSL_USER_IDS: optionalText,
  HEADTEACHER_USER_ID: optionalText,
  CHAIR_OF_GOVERNORS_USER_ID: optionalText,
  ESCALATION_FALLBACK_USER_ID: optionalText,
  ESCALATE_URGENT_MINUTES: wholeNumber(10, 1, 24 * 60),
  ESCALATE_OTHER_MINUTES: wholeNumber(60, 1, 7 * 24 * 60),
  DRAFT_RETENTION_DAYS: wholeNumber(30, 1, 365),
  TAB_AAD_CLIENT_ID: optionalText,
  AAD_APP_CLIENT_ID: optionalText,
  AAD_APP_TENANT_ID: optionalText,
  TAB_JWKS_URL: url,
  TAB_ISSUER: optionalText,
  BOT_ENDPOINT: url,
  SCHOOL_NAME: optionalText,
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name}=${JSON.stringify(env[name] ?? '')} ${issue.message}`);
  }
  const e = parsed.data;
  const appPassword = e.BOT_PASSWORD ?? e.SECRET_BOT_PASSWORD;
  if (e.NODE_ENV === 'production' && !e.BOT_ID) {
    throw new ConfigError('Invalid configuration: NODE_ENV=production needs BOT_ID (and BOT_PASSWORD) so Teams requests are authenticated');
  }
  if (e.NODE_ENV === 'production' && e.BOT_TYPE !== 'UserAssignedMSI' && !appPassword) {
    throw new ConfigError('Invalid configuration: NODE_ENV=production needs BOT_PASSWORD (or SECRET_BOT_PASSWORD) for BOT_ID');
  }
  if (!e.ToBotFromChannelOpenIdMetadataUrl !== !e.ToBotFromChannelTokenIssuer) {
    throw new ConfigError('Invalid configuration: ToBotFromChannelOpenIdMetadataUrl and ToBotFromChannelTokenIssuer go together (set both or neither)');
  }
  if (e.BOT_TYPE !== 'MultiTenant' && e.BOT_ID && !e.BOT_TENANT_ID) {
    throw new ConfigError(`Invalid configuration: BOT_TYPE=${e.BOT_TYPE} needs BOT_TENANT_ID`);
  }
  return {
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    dataDir: resolve(e.DATA_DIR ?? './data'),
    bot: {
      appId: e.BOT_ID,
      appPassword,
      tenantId: e.BOT_TENANT_ID,
      appType: e.BOT_TYPE,
      channelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      channelTokenIssuer: e.ToBotFromChannelTokenIssuer,
    },
    teamsAppId: e.TEAMS_APP_ID,
    safeguarding: {
      dslUserIds: (e.DSL_USER_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      headteacherUserId: e.HEADTEACHER_USER_ID,
      chairOfGovernorsUserId: e.CHAIR_OF_GOVERNORS_USER_ID,
      fallbackUserId: e.ESCALATION_FALLBACK_USER_ID,
      escalateUrgentMinutes: e.ESCALATE_URGENT_MINUTES,
      escalateOtherMinutes: e.ESCALATE_OTHER_MINUTES,
      draftRetentionDays: e.DRAFT_RETENTION_DAYS,
    },
    tab: { aadClientId: e.TAB_AAD_CLIENT_ID ?? e.AAD_APP_CLIENT_ID, tenantId: e.AAD_APP_TENANT_ID, jwksUrl: e.TAB_JWKS_URL, issuer: e.TAB_ISSUER },
    publicBaseUrl: (e.BOT_ENDPOINT ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    schoolName: e.SCHOOL_NAME ?? 'West Lodge School',
  };
}
