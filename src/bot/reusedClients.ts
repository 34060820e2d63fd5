import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

// Teams uses a handful of service URLs per region; without authentication (local runs) the caller
// chooses them, so the caches are bounded.
const MAX_CONNECTOR_CLIENTS = 16;
const MAX_USER_TOKEN_CLIENTS = 4;

/**
 * botbuilder's configuration-based authentication, unchanged in what it checks (every request's
 * token is validated as before), except that the Teams clients of incoming turns are reused.
 * CloudAdapter builds a new ConnectorClient and UserTokenClient (an Azure HTTP pipeline each) for
 * every turn, even when the replies travel back in the response; profiled under load that was ~10%
 * of the bot's CPU (docs/performance.md). The old BotFrameworkAdapter cached them the same way.
 *
 * Only incoming turns (authenticateRequest) share connector clients: proactive turns get theirs
 * from createConnectorFactory as before, fresh each time, because the proactive sender removes the
 * SDK's retry policy from its client's pipeline and that must never reach a shared client.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CONNECTOR_CLIENTS });
  private readonly userTokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: MAX_USER_TOKEN_CLIENTS });

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const { connectorFactory } = result;
    if (!connectorFactory) return result;
    const appId = appIdOf(result.claimsIdentity);
    // The same shape as botbuilder's ConnectorFactory: it is what the turn context holds under ConnectorFactoryKey.
    const reusing: ConnectorFactory = {
      create: (serviceUrl: string, audience?: string) => this.reuse(this.connectorClients, JSON.stringify([appId, serviceUrl, audience]), () => connectorFactory.create(serviceUrl, audience)),
    };
    return { ...result, connectorFactory: reusing };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // It depends only on the app id: the rest is the deployment's configuration.
    return this.reuse(this.userTokenClients, JSON.stringify([appIdOf(claimsIdentity)]), () => super.createUserTokenClient(claimsIdentity));
  }

  private reuse<T>(cache: LRUCache<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
    let client = cache.get(key);
    if (!client) {
      client = create();
      cache.set(key, client);
      // A failed creation (an invalid app id) is not remembered: the next turn tries again.
      client.catch(() => cache.delete(key));
    }
    return client;
  }
}

/** The app id botbuilder builds a turn's clients for: the token's audience, or its appid claim (the Emulator). */
function appIdOf(claimsIdentity: ClaimsIdentity): string | undefined {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? undefined;
}
