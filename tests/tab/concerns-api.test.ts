import { draft } from '../reports/support/reportFixtures';
import { startTestIdentityProvider, type TestIdentityProvider } from '../support/identityProvider';
import { LOCAL_DEVELOPER, TabAuthConfigError } from '../../src/tab/tabAuth';
import { ssoEnv, startTabServer, type TabTestServer } from './tabServer';
import { request } from 'node:http';
import restify from 'restify';
import { loadConfig } from '../../src/config';
import { loadAnswerEngine } from '../../src/policy/engine';
import { registerTabRoutes } from '../../src/tab/routes';

const DSL = { oid: 'aad-dsl-0001', name: 'Dee Lead' };
const TEACHER = { oid: 'aad-teacher-0002', name: 'Tom Teacher' };

describe('Concerns API with Teams SSO tokens', () => {
  let idp: TestIdentityProvider;
  let server: TabTestServer;
  let reference: string;
  let headteacherReference: string;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    server = await startTabServer(ssoEnv(idp, [DSL.oid, 'aad-deputy-0003']));
    reference = (await server.store.createReport(draft({ whatHappened: 'Pupil X was sent messages calling her names.' }))).reference;
    headteacherReference = (await server.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: false, whatHappened: 'An adult at school messaged a pupil.' }))).reference;
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
  });

  const call = async (path: string, token?: string, init: { method?: string; body?: string; contentType?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
    const response = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
    return { status: response.status, text: await response.text() };
  };
  const post = (path: string, token: string, body?: unknown) => call(path, token, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

  test('without a valid DSL token every concerns call is refused and reveals nothing', async () => {
    const tokens: Array<[string, string | undefined, number]> = [
      ['no token', undefined, 401],
      ['expired', await idp.token(DSL, { expired: true }), 401],
      ['wrong audience', await idp.token(DSL, { audience: 'api://someone-else/33333333-3333-3333-3333-333333333333' }), 401],
      ['wrong issuer (another tenant)', await idp.token(DSL, { issuer: 'https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0' }), 401],
      ['signed by another key', await idp.token(DSL, { foreignKey: true }), 401],
      ['not a token', 'not.a.token', 401],
      ['a teacher who is not a DSL', await idp.token(TEACHER), 403],
    ];
    for (const [why, token, status] of tokens) {
      for (const [method, path] of [['GET', '/api/concerns'], ['GET', `/api/concerns/${reference}`], ['POST', `/api/concerns/${reference}/acknowledge`], ['POST', `/api/concerns/${reference}/note`]]) {
        const response = await call(path, token, { method, body: method === 'POST' ? JSON.stringify({ note: 'x' }) : undefined });
        expect({ why, path, status: response.status }).toEqual({ why, path, status });
        const body = JSON.parse(response.text);
        expect(Object.keys(body)).toEqual(['error']);
        expect(response.text).not.toContain(reference);
        expect(response.text).not.toMatch(/names|Sam Teacher|cyberbullying/i);
      }
    }
    // Nothing was changed or audited by any of those calls.
    const trail = await server.store.auditTrail(reference);
    expect(trail.map((e) => e.action)).toEqual(['created']);
  });

  test('a DSL lists the concerns, with no free text in the list and nothing routed to the Headteacher', async () => {
    const response = await call('/api/concerns', await idp.token(DSL));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body.viewer.name).toBe(DSL.name);
    expect(body.concerns.map((c: { reference: string }) => c.reference)).toEqual([reference]);
    expect(body.concerns[0]).toMatchObject({ categoryLabel: 'Online bullying', status: 'open', urgent: false });
    expect(response.text).not.toContain('calling her names');
    expect((await call(`/api/concerns/${headteacherReference}`, await idp.token(DSL))).status).toBe(404);
    expect((await post(`/api/concerns/${headteacherReference}/acknowledge`, await idp.token(DSL))).status).toBe(404);
  });

  test('a DSL opens a concern (audited), acknowledges, notes and closes it; refusals are clear', async () => {
    const token = await idp.token(DSL);
    const opened = await call(`/api/concerns/${reference}`, token);
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.text).details.whatHappened).toBe('Pupil X was sent messages calling her names.');
    expect(JSON.parse(opened.text).chronology.map((e: { action: string }) => e.action)).toEqual(['created', 'viewed-details']);

    const acknowledged = await post(`/api/concerns/${reference}/acknowledge`, token);
    expect(acknowledged.status).toBe(200);
    expect(JSON.parse(acknowledged.text).concern).toMatchObject({ status: 'acknowledged', acknowledgedBy: { userId: DSL.oid, name: DSL.name } });
    // The same code as the card: the alert card is refreshed for everyone and the reporter is told.
    const kinds = (await server.store.outboxFor(reference)).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['concern-alert', 'alert-update', 'reporter-acknowledged']));
    const again = await post(`/api/concerns/${reference}/acknowledge`, token);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text).error).toBe(`This concern was already acknowledged by ${DSL.name}.`);

    for (const [body, message] of [[{}, /write the note/i], [{ note: '   ' }, /write the note/i], [{ note: 'x'.repeat(2001) }, /too long/i], [{ note: 5 }, /must be text/i], [{ note: 'ok', extra: 1 }, /./]] as const) {
      const refused = await post(`/api/concerns/${reference}/note`, token, body);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text).error).toMatch(message);
    }
    expect((await call(`/api/concerns/${reference}/note`, token, { method: 'POST', body: '{"note": ' })).status).toBe(400);
    const noted = await post(`/api/concerns/${reference}/note`, token, { note: 'Spoke to parents.' });
    expect(noted.status).toBe(200);

    expect((await post(`/api/concerns/${reference}/close`, token, { outcome: '' })).status).toBe(400);
    const closed = await post(`/api/concerns/${reference}/close`, token, { outcome: 'Resolved with the class teacher.' });
    expect(closed.status).toBe(200);
    const body = JSON.parse(closed.text);
    expect(body.concern.status).toBe('closed');
    expect(body.chronology.map((e: { action: string; actor: { userId: string } }) => [e.action, e.actor.userId])).toEqual([
      ['created', 'aad-teacher-1'], ['viewed-details', DSL.oid], ['acknowledged', DSL.oid], ['noted', DSL.oid], ['closed', DSL.oid],
    ]);
    expect((await post(`/api/concerns/WLS-2026-9999/assign`, token)).status).toBe(404);
    expect((await call(`/api/concerns/..%2F..%2Fetc`, token)).status).toBe(404);
  });

  test('v1 tokens (sts.windows.net issuer, Application ID URI audience) from the same tenant are accepted', async () => {
    const v1 = await idp.token({ ...DSL, ver: '1.0' }, { issuer: `https://sts.windows.net/${idp.tenantId}/`, audience: `api://localhost:3978/${idp.clientId}` });
    expect((await call('/api/concerns', v1)).status).toBe(200);
    const otherHost = await idp.token(DSL, { audience: `api://elsewhere.example/${idp.clientId}` });
    expect((await call('/api/concerns', otherHost)).status).toBe(401);
  });

  test('a DSL removed from DSL_USER_IDS loses access on the next call (no cached status)', async () => {
    const token = await idp.token({ oid: 'aad-deputy-0003', name: 'Deputy' });
    expect((await call('/api/concerns', token)).status).toBe(200);
    server.config.safeguarding.dslUserIds.splice(server.config.safeguarding.dslUserIds.indexOf('aad-deputy-0003'), 1);
    expect((await call('/api/concerns', token)).status).toBe(403);
  });
});

describe('local-development identity', () => {
  test('works only from this machine, not through a tunnel or proxy', async () => {
    const server = await startTabServer({ DSL_USER_IDS: LOCAL_DEVELOPER.userId });
    try {
      expect((await fetch(`${server.url}/api/concerns`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/concerns`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(401);
      expect(await statusWithHost(server.url, '/api/concerns', 'policyguide.example.org')).toBe(401);
    } finally {
      await server.close();
    }
  });

  test('exists only when no Microsoft credentials are configured', async () => {
    const server = await startTabServer({ BOT_ID: 'bot-app-id', BOT_PASSWORD: 'not-a-real-secret', DSL_USER_IDS: LOCAL_DEVELOPER.userId });
    try {
      expect((await fetch(`${server.url}/api/concerns`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  test('a production configuration that would use it is refused at start', () => {
    const server = restify.createServer();
    // loadConfig already refuses production without BOT_ID; this guard holds even if that changes.
    const config = { ...loadConfig({ NODE_ENV: 'test' }), nodeEnv: 'production' };
    const start = () => registerTabRoutes(server, { engine: loadAnswerEngine(), config, reports: {} as never });
    expect(start).toThrow(TabAuthConfigError);
    expect(start).toThrow(/NODE_ENV=production needs TAB_AAD_CLIENT_ID/);
  });
});

/** fetch() may not set Host; a tunnel forwarding to localhost keeps the public one. */
function statusWithHost(base: string, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
