import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/**
 * A stand-in for Entra ID: a key pair generated for the test run and its public key served as a
 * JWKS on loopback, so the server verifies tokens exactly as it would Microsoft's.
 */
export interface TestIdentityProvider {
  jwksUrl: string;
  tenantId: string;
  clientId: string;
  issuer: string;
  /** A Teams SSO-shaped access token; options break one property at a time. */
  token(claims: { oid: string; name?: string } & JWTPayload, options?: { expired?: boolean; audience?: string; issuer?: string; foreignKey?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  const tenantId = '11111111-1111-1111-1111-111111111111';
  const clientId = '22222222-2222-2222-2222-222222222222';
  const issuer = `https://login.microsoftonline.com/${tenantId}/v2.0`;
  const kid = 'test-key-1';
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    tenantId,
    clientId,
    issuer,
    token(claims, options = {}) {
      const key: KeyLike = options.foreignKey ? foreign.privateKey : privateKey;
      return new SignJWT({ tid: tenantId, ver: '2.0', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? clientId)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expired ? -3600 : 3600))
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
