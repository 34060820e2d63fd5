import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAnswerEngine } from '../../src/policy/engine';
import { startTabServer, type TabTestServer } from './tabServer';

describe('Policy tab API and headers over HTTP', () => {
  let server: TabTestServer;
  const engine = loadAnswerEngine();

  beforeAll(async () => {
    server = await startTabServer();
  });
  afterAll(() => server?.close());

  test('search answers exactly as the bot engine does (verdict, summary, clauses) for the held-out questions', async () => {
    const questions = readFileSync(join(__dirname, '../policy/heldout.jsonl'), 'utf8')
      .split('\n').filter(Boolean).slice(0, 40).map((l) => (JSON.parse(l) as { q: string }).q);
    for (const q of questions) {
      const response = await fetch(`${server.url}/api/policy/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(engine.answer(q));
    }
  });

  test('a search with no words is a clear 400, and hostile or huge queries still get an answer', async () => {
    const empty = await fetch(`${server.url}/api/policy/search?q=%20%20`);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/type a question/i);
    for (const q of ['what about: photos', 'parent^', '+', '*', '%', 'photo '.repeat(1_000), '<script>alert(1)</script>']) {
      const response = await fetch(`${server.url}/api/policy/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect((await response.json()).verdict).toBeDefined();
    }
  });

  test('the policy comes whole, in document order, with the overdue review notice', async () => {
    const body = await (await fetch(`${server.url}/api/policy`)).json();
    expect(body.clauses.map((c: { id: string }) => c.id)).toEqual(engine.document.clauses.map((c) => c.id));
    expect(body.meta.reviewedDate).toBe('September 2021');
    expect(body.reviewNotice).toContain('due for review in September 2022');
  });

  test('pages and API carry a CSP that only Teams and Microsoft 365 may frame, with no inline scripts', async () => {
    for (const [path, status] of [['/tabs/policy.html', 200], ['/tabs/policy.js', 200], ['/api/policy', 200], ['/tabs/missing.html', 404], ['/api/concerns', 403]] as const) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(status);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives.get('frame-ancestors')?.sort()).toEqual([
        'https://*.cloud.microsoft', 'https://*.microsoft365.com', 'https://*.office.com', 'https://*.teams.microsoft.com',
        'https://outlook.office.com', 'https://outlook.office365.com', 'https://teams.microsoft.com',
      ]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  test('pages have no inline scripts and load teams-js from this server, not a CDN', async () => {
    const html = await (await fetch(`${server.url}/tabs/policy.html`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
    const script = await (await fetch(`${server.url}/tabs/policy.js`)).text();
    expect(script).toContain('getAuthToken'); // teams-js is bundled in
  });

  test('unknown files are 404, and paths cannot climb out of the tab folder', async () => {
    expect((await fetch(`${server.url}/tabs/nope.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/tabs/..%2Froutes.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/tabs/..%2F..%2Fconfig.ts`)).status).toBe(404);
  });
});
