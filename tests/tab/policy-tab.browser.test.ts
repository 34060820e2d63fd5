import type { Page } from 'playwright-core';
import { loadAnswerEngine } from '../../src/policy/engine';
import { seriousViolations } from '../support/axe';
import { refreshScreenshot } from '../support/screenshots';
import { browserAvailable, launchChromium, type LaunchedBrowser } from '../support/chromium';
import { openInTeams, TEAMS_HOST_BROWSER_ARGS } from '../support/teamsHost';
import { startTabServer, type TabTestServer } from './tabServer';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
jest.setTimeout(90_000);

describeInBrowser('Policy tab in Chromium', () => {
  let server: TabTestServer;
  let chromium: LaunchedBrowser;
  const engine = loadAnswerEngine();

  beforeAll(async () => {
    server = await startTabServer();
    chromium = await launchChromium(TEAMS_HOST_BROWSER_ARGS);
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function openPolicy(hash = '', viewport = { width: 1024, height: 800 }): Promise<Page> {
    const page = await chromium.browser.newPage({ viewport });
    await page.goto(`${server.url}/tabs/policy.html${hash}`);
    await page.waitForSelector('#policy .clause');
    return page;
  }

  async function highlightedClause(page: Page): Promise<{ id: string; inView: boolean; focused: boolean } | null> {
    return page.evaluate(() => {
      const c = document.querySelector('.clause.is-highlighted');
      if (!c) return null;
      const r = c.getBoundingClientRect();
      return { id: c.id, inView: r.top >= -1 && r.top < window.innerHeight, focused: document.activeElement === c };
    });
  }

  test('shows the whole policy by section with the overdue-review banner, in an ordinary browser', async () => {
    const page = await openPolicy();
    const sections = await page.$$eval('#policy h2', (hs) => hs.map((h) => h.textContent));
    expect(sections).toEqual([
      'Section 1: Introduction',
      'Section 2: Safer Social Media Practice in Schools',
      'Section 3: Using social media on behalf of West Lodge School',
      'Section 4: Link with other policies',
    ]);
    expect(await page.$$eval('#policy .clause', (cs) => cs.length)).toBe(engine.document.clauses.length);
    const banner = await page.textContent('#review-banner');
    expect(banner).toContain('last reviewed in September 2021');
    expect(banner).toContain('due for review in September 2022');
    expect(await page.isVisible('#review-banner')).toBe(true);
    // "Should not" lead-ins stay with the clauses they govern, or 2.4.6 reads as permission.
    expect(await page.textContent('[id="2.4.6"]')).toContain('should not');
    await page.close();
  });

  test('search gives the bot engine\'s verdict and clauses, and a cited clause link jumps to it', async () => {
    const page = await openPolicy();
    const question = 'can I accept a friend request from a parent?';
    const expected = engine.answer(question);
    await page.fill('#search-input', question);
    await page.click('#search-form button');
    await page.waitForSelector('#search-result .answer');
    expect(await page.textContent('#search-result .summary')).toBe(expected.summary);
    expect(await page.textContent('#search-result .verdict')).toBe('It depends');
    expect(expected.verdict).toBe('conditional');
    const cited = await page.$$eval('#search-result .cited a', (as) => as.map((a) => a.getAttribute('href')));
    expect(cited).toEqual(expected.clauses.map((c) => `#${c.id}`));
    await refreshScreenshot(page, 'policy-tab.png');
    await page.click(`#search-result .cited a[href="#${expected.clauses[0].id}"]`);
    await page.waitForSelector('.clause.is-highlighted');
    expect(await highlightedClause(page)).toEqual({ id: expected.clauses[0].id, inView: true, focused: true });
    await page.close();
  });

  test('a #2.6.2 link opens the policy at clause 2.6.2, highlighted', async () => {
    const page = await openPolicy('#2.6.2');
    await page.waitForSelector('.clause.is-highlighted');
    expect(await highlightedClause(page)).toEqual({ id: '2.6.2', inView: true, focused: true });
    await page.close();
  });

  test('inside Teams, the answer card\'s deep link (subEntityId 2.6.2) scrolls to and highlights clause 2.6.2', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1024, height: 900 } });
    const { frame, calls } = await openInTeams(page, `${server.url}/tabs/policy.html`, { subEntityId: '2.6.2' });
    await frame.waitForSelector('.clause.is-highlighted', { timeout: 30_000 });
    const highlighted = await frame.evaluate(() => {
      const c = document.querySelector('.clause.is-highlighted')!;
      const r = c.getBoundingClientRect();
      return { id: c.id, inView: r.top >= -1 && r.top < window.innerHeight };
    });
    expect(highlighted).toEqual({ id: '2.6.2', inView: true });
    expect((await calls()).map((c) => c.func)).toEqual(expect.arrayContaining(['initialize', 'getContext']));
    await page.close();
  });

  test('a page outside the Microsoft 365 hosts cannot frame the tab', async () => {
    const page = await chromium.browser.newPage();
    const evil = 'https://evil.example/frame.html';
    await page.route(evil, (route) => route.fulfill({ contentType: 'text/html', body: `<iframe src="${server.url}/tabs/policy.html"></iframe>` }));
    // The server answers, but the browser refuses to show the answer inside the other site's page.
    const [response] = await Promise.all([page.waitForResponse(`${server.url}/tabs/policy.html`), page.goto(evil)]);
    expect(response.status()).toBe(200);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForLoadState();
    expect(frame.url()).toMatch(/^chrome-error:/);
    await page.close();
  });

  test('works from the keyboard: skip link, search by Enter, then follow a cited clause', async () => {
    const page = await openPolicy();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the policy');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('can I use my own phone to take photos on a school trip?');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search-result .cited a');
    // Tab past the Search button to the first cited clause, then follow it.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => !!document.activeElement?.closest('#search-result .cited'))) break;
    }
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(href).toMatch(/^#\d/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.clause.is-highlighted');
    expect((await highlightedClause(page))?.id).toBe(href!.slice(1));
    expect((await highlightedClause(page))?.focused).toBe(true);
    await page.close();
  });

  test('is readable on a phone: nothing wider than the screen', async () => {
    const page = await openPolicy('', { width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  test('has no serious or critical accessibility violations (axe-core), before and after a search', async () => {
    const page = await openPolicy();
    await page.fill('#search-input', 'a pupil sent me a message on Instagram');
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('#search-result .answer');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
