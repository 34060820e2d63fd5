import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/**
 * A stand-in for the Bot Framework token service at the network edge: an OpenID metadata document
 * and a JWKS endpoint on localhost, and a signer for tokens as the Teams channel sends them. The
 * bot validates with botbuilder's own code, pointed here through botbuilder's own settings
 * (ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer).
 */
export interface BotFrameworkIssuer {
  metadataUrl: string;
  issuer: string;
  /** A channel token for `audience` (the bot's app id), valid for an hour unless `options` say otherwise. */
  sign(audience: string, serviceUrl: string, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export interface SignOptions {
  /** Seconds since the epoch; default now + 1 h. */
  expiresAt?: number;
  /** Sign with a key the JWKS does not publish, under the published key id (a forged signature). */
  forged?: boolean;
  /** Claims to add or override. */
  claims?: JWTPayload;
}

const KEY_ID = 'policyguide-test-key';

export async function startBotFrameworkIssuer(): Promise<BotFrameworkIssuer> {
  const published = await generateKeyPair('RS256');
  const forger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(published.publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
  let base = '';
  const server: Server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openidconfiguration'
        ? { issuer: `${base}/issuer`, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/keys'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    issuer,
    async sign(audience, serviceUrl, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ serviceurl: serviceUrl, ...options.claims })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(now - 60)
        .setNotBefore(now - 60)
        .setExpirationTime(options.expiresAt ?? now + 3600)
        .sign(options.forged ? forger.privateKey : published.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
