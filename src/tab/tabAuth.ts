import type { IncomingMessage } from 'node:http';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ConfigError, type Config } from '../config';
import { log } from '../log';

/** The parts of the app configuration that decide who may use the tabs' API. */
export type TabAuthConfig = Pick<Config, 'nodeEnv' | 'bot' | 'safeguarding' | 'tab' | 'publicBaseUrl'>;

/** The person calling the API: their Entra ID object id (the id DSL_USER_IDS lists). */
export interface StaffIdentity {
  userId: string;
  name: string;
}

export type DslCheck =
  | { ok: true; person: StaffIdentity }
  /** 401: no identity (no, expired or forged token). 403: a known person who is not a DSL. */
  | { ok: false; status: 401 | 403 };

export interface TabAuth {
  /** Checked on every call against the configured DSL list: removing a DSL takes effect at once. Never throws. */
  requireDsl(req: IncomingMessage): Promise<DslCheck>;
}

/**
 * The Agents Playground's default user (Alex Wilber), whom `npm start` makes a DSL: the same
 * person in the bot and the tab while developing without a Microsoft account.
 */
export const LOCAL_DEVELOPER: StaffIdentity = { userId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber (local development)' };

/** A ConfigError: the server entry prints its one line and exits 1. */
export class TabAuthConfigError extends ConfigError {}

/**
 * Teams SSO tokens (from authentication.getAuthToken() in the tab) are Entra ID access tokens
 * for this app: verified here against the tenant's signing keys, audience, issuer and expiry.
 *
 * Without any Microsoft credentials (no BOT_ID, no tab client id) a local-development identity
 * is used instead, for requests from this machine only; a production configuration that would
 * enable it is refused at start.
 */
export function createTabAuth(config: TabAuthConfig): TabAuth {
  const { aadClientId } = config.tab;
  const isDsl = (userId: string) => config.safeguarding.dslUserIds.includes(userId);
  const localDevelopment = !config.bot.appId && !config.bot.appPassword && !aadClientId;
  if (localDevelopment && config.nodeEnv === 'production') {
    throw new TabAuthConfigError('Invalid configuration: NODE_ENV=production needs TAB_AAD_CLIENT_ID (or AAD_APP_CLIENT_ID) and AAD_APP_TENANT_ID for the Concerns tab; the local-development identity is for development only');
  }

  let identify: (req: IncomingMessage) => Promise<StaffIdentity | undefined>;
  if (localDevelopment) {
    identify = async (req) => (fromThisMachine(req) ? LOCAL_DEVELOPER : undefined);
  } else if (aadClientId) {
    identify = teamsSsoVerifier(config, aadClientId);
  } else {
    // A bot with Microsoft credentials but no SSO app for the tab: nobody can be identified.
    log.warn('Concerns tab disabled: set TAB_AAD_CLIENT_ID and AAD_APP_TENANT_ID to enable Teams sign-in');
    identify = async () => undefined;
  }

  return {
    async requireDsl(req) {
      const person = await identify(req).catch(() => undefined);
      if (!person) return { ok: false, status: 401 };
      if (!isDsl(person.userId)) {
        log.info({ event: 'tab-refused-non-dsl' }, 'a signed-in person who is not a DSL was refused the Concerns API');
        return { ok: false, status: 403 };
      }
      return { ok: true, person };
    },
  };
}

function teamsSsoVerifier(config: TabAuthConfig, clientId: string): (req: IncomingMessage) => Promise<StaffIdentity | undefined> {
  const tenantId = config.tab.tenantId ?? config.bot.tenantId;
  if (!tenantId) throw new TabAuthConfigError('Invalid configuration: TAB_AAD_CLIENT_ID needs AAD_APP_TENANT_ID (the school\'s tenant) to check who signed in');
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.tab.jwksUrl ?? `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`));
  // Teams asks for a token for the app's Application ID URI (webApplicationInfo.resource,
  // api://<host>/<client id>); v2 tokens carry the bare client id instead.
  const host = new URL(config.publicBaseUrl).host;
  const audience = [clientId, `api://${clientId}`, `api://${host}/${clientId}`];
  // v1 and v2 tokens name the same tenant differently.
  const issuer = config.tab.issuer ? [config.tab.issuer] : [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

  return async (req) => {
    const token = bearerToken(req);
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, keys, { audience, issuer, algorithms: ['RS256'], clockTolerance: 60, requiredClaims: ['exp', 'oid'] });
      if (payload.tid !== undefined && payload.tid !== tenantId) return undefined;
      const userId = String(payload.oid);
      const name = typeof payload.name === 'string' ? payload.name : typeof payload.preferred_username === 'string' ? payload.preferred_username : 'Unknown name';
      return { userId, name };
    } catch (error) {
      // Why a token failed helps an administrator; the caller only ever learns "401".
      log.info({ event: 'tab-token-refused', reason: (error as { code?: string }).code ?? 'invalid' }, 'a tab API token was refused');
      return undefined;
    }
  };
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header) : null;
  return match?.[1];
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOST_NAMES = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * A request made on this machine. A tunnel or reverse proxy (dev tunnels, ngrok) also connects
 * from loopback, so requests carrying forwarding headers or another Host are not local.
 */
function fromThisMachine(req: IncomingMessage): boolean {
  if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '')) return false;
  if (req.headers['x-forwarded-for'] || req.headers['x-forwarded-host'] || req.headers.forwarded || req.headers['x-original-host']) return false;
  return LOCAL_HOST_NAMES.test(req.headers.host ?? '');
}
