import type { Frame, Page } from 'playwright-core';
import { draft } from '../reports/support/reportFixtures';
import { seriousViolations } from '../support/axe';
import { refreshScreenshot } from '../support/screenshots';
import { browserAvailable, launchChromium, type LaunchedBrowser } from '../support/chromium';
import { startTestIdentityProvider, type TestIdentityProvider } from '../support/identityProvider';
import { openInTeams, TEAMS_HOST_BROWSER_ARGS } from '../support/teamsHost';
import { ssoEnv, startTabServer, type TabTestServer } from './tabServer';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
jest.setTimeout(120_000);

const DSL = { oid: 'aad-dsl-0001', name: 'Dee Lead' };
const TEACHER = { oid: 'aad-teacher-0002', name: 'Tom Teacher' };

describeInBrowser('Concerns tab in Chromium, inside a stand-in Teams host', () => {
  let idp: TestIdentityProvider;
  let server: TabTestServer;
  let chromium: LaunchedBrowser;
  const refs: Record<'bullying' | 'images' | 'closed', string> = { bullying: '', images: '', closed: '' };

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    server = await startTabServer(ssoEnv(idp, [DSL.oid]));
    refs.closed = (await server.store.createReport(draft({ whatHappened: 'An old matter, since resolved.' }))).reference;
    await server.store.close(refs.closed, { userId: DSL.oid, name: DSL.name }, 'Resolved with parents.');
    refs.bullying = (await server.store.createReport(draft({ whatHappened: 'Messages calling a Year 5 pupil names.' }))).reference;
    refs.images = (await server.store.createReport(draft({ category: 'indecent-images', whatHappened: 'A pupil showed an image on a phone.' }))).reference;
    chromium = await launchChromium(TEAMS_HOST_BROWSER_ARGS);
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await idp?.close();
  });

  async function openAs(person: { oid: string; name: string }, page?: Page): Promise<{ page: Page; frame: Frame }> {
    page ??= await chromium.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const { frame } = await openInTeams(page, `${server.url}/tabs/concerns.html`, { token: await idp.token(person), userObjectId: person.oid });
    return { page, frame };
  }
  const rowRefs = (frame: Frame) => frame.$$eval('table.concerns tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));

  test('a DSL sees open concerns, filters them, opens one (audited) and acknowledges it', async () => {
    const { page, frame } = await openAs(DSL);
    await frame.waitForSelector('table.concerns tbody tr');
    expect(await frame.textContent('#viewer')).toBe(`Signed in as ${DSL.name}`);
    expect(await rowRefs(frame)).toEqual([refs.images, refs.bullying]);
    expect(await frame.textContent('table.concerns tbody')).toMatch(/not yet \((under a minute|\d+ minutes?)\)/);
    await refreshScreenshot((await page.$('#tab'))!, 'concerns-tab.png');

    await frame.selectOption('#filter-status', 'all');
    expect((await rowRefs(frame)).sort()).toEqual([refs.bullying, refs.closed, refs.images].sort());
    await frame.selectOption('#filter-urgency', 'urgent');
    expect(await rowRefs(frame)).toEqual([refs.images]);
    await frame.selectOption('#filter-urgency', 'all');
    await frame.selectOption('#filter-category', 'cyberbullying');
    expect((await rowRefs(frame)).sort()).toEqual([refs.bullying, refs.closed].sort());
    await frame.selectOption('#filter-age', 'older');
    expect(await rowRefs(frame)).toEqual([]);
    await frame.selectOption('#filter-age', 'any');
    await frame.selectOption('#filter-status', 'not-closed');

    await frame.click(`a[href="#${refs.bullying}"]`);
    await frame.waitForSelector('#concern-heading');
    expect(await frame.textContent('.details')).toContain('Messages calling a Year 5 pupil names.');
    expect(await frame.textContent('.chronology')).toContain(`Opened the details — ${DSL.name}`);

    await frame.click('button:text("Acknowledge")');
    await frame.waitForSelector('.chronology li:has-text("Acknowledged")');
    expect(await frame.textContent('#content')).toContain('Saved.');
    expect((await server.store.findReport(refs.bullying))?.status).toBe('acknowledged');
    expect((await server.store.auditTrail(refs.bullying)).map((e) => [e.action, e.actor.name])).toEqual([
      ['created', 'Sam Teacher'], ['viewed-details', DSL.name], ['acknowledged', DSL.name],
    ]);
    await page.close();
  });

  test('a DSL adds a note and closes a concern from the keyboard alone', async () => {
    const { page, frame } = await openAs(DSL);
    await frame.waitForSelector(`a[href="#${refs.images}"]`);
    await frame.focus(`a[href="#${refs.images}"]`);
    await page.keyboard.press('Enter');
    await frame.waitForSelector('#concern-heading');
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('concern-heading');
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        if (await frame.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('#action-note');
    await page.keyboard.type('Police informed; device secured in the office safe.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await frame.waitForSelector('.chronology li:has-text("Police informed")');
    await tabTo('#action-outcome');
    await page.keyboard.type('Referred to the police and LADO.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await frame.waitForSelector('.chronology li:has-text("Closed")');
    expect(await server.store.findReport(refs.images)).toMatchObject({ status: 'closed', outcome: 'Referred to the police and LADO.' });
    await page.close();
  });

  test('the printable view keeps the details and chronology and drops the controls', async () => {
    const { page, frame } = await openAs(DSL);
    await frame.waitForSelector('table.concerns');
    await frame.evaluate((ref) => { location.hash = ref; }, refs.bullying);
    await frame.waitForSelector('#concern-heading');
    await page.emulateMedia({ media: 'print' });
    const visible = (selector: string) => frame.$eval(selector, (e) => getComputedStyle(e).display !== 'none');
    expect(await visible('.details')).toBe(true);
    expect(await visible('.chronology')).toBe(true);
    expect(await visible('.print-only')).toBe(true);
    expect(await visible('.actions')).toBe(false);
    await page.close();
  });

  test('a signed-in teacher who is not a DSL sees a refusal and no concern', async () => {
    const { page, frame } = await openAs(TEACHER);
    await frame.waitForSelector('#status.error');
    expect(await frame.textContent('#status')).toMatch(/Only the Designated Safeguarding Leads/);
    const text = await frame.textContent('body');
    for (const ref of Object.values(refs)) expect(text).not.toContain(ref);
    await page.close();
  });

  test('opened outside Teams (no sign-in) it asks to be opened in Teams and shows nothing', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${server.url}/tabs/concerns.html`);
    await page.waitForSelector('#status.error', { timeout: 30_000 });
    expect(await page.textContent('#status')).toMatch(/open this tab in Microsoft Teams/i);
    expect(await page.$('table')).toBeNull();
    await page.close();
  });

  test('the channel tab configuration page enables Save and points the tab at the Concerns page', async () => {
    const page = await chromium.browser.newPage();
    const host = await openInTeams(page, `${server.url}/tabs/concerns-config.html`, { frameContext: 'settings' });
    await host.frame.waitForSelector('#config-status:has-text("Select Save")');
    expect(await host.calls()).toContainEqual({ func: 'settings.setValidityState', args: [true] });
    await host.sendToTab('settings.save', [{}]);
    await page.waitForFunction(() => (window as unknown as { teamsCalls: Array<{ func: string }> }).teamsCalls.some((c) => c.func === 'settings.save.success'));
    const saved = (await host.calls()).find((c) => c.func === 'settings.setSettings');
    expect(saved?.args[0]).toMatchObject({ contentUrl: `${server.url}/tabs/concerns.html`, entityId: 'concerns' });
    await page.close();
  });

  test('list and concern pages have no serious or critical accessibility violations (axe-core)', async () => {
    const { page, frame } = await openAs(DSL);
    await frame.waitForSelector('table.concerns tbody tr');
    expect(await seriousViolations(frame)).toEqual([]);
    await frame.evaluate((ref) => { location.hash = ref; }, refs.bullying);
    await frame.waitForSelector('#concern-heading');
    expect(await seriousViolations(frame)).toEqual([]);
    await page.close();
  });

  test('Refresh shows a concern reported while the tab was open', async () => {
    const { page, frame } = await openAs(DSL);
    await frame.waitForSelector('table.concerns tbody tr');
    const late = (await server.store.createReport(draft({ category: 'radicalisation', whatHappened: 'Reported while the list was open.' }))).reference;
    expect(await rowRefs(frame)).not.toContain(late);
    await frame.click('button:text("Refresh")');
    await frame.waitForSelector(`a[href="#${late}"]`);
    expect((await rowRefs(frame))[0]).toBe(late);
    await page.close();
  });

  test('inside Teams, a failed sign-in says so instead of showing anything', async () => {
    const page = await chromium.browser.newPage();
    const { frame } = await openInTeams(page, `${server.url}/tabs/concerns.html`, { userObjectId: DSL.oid }); // host refuses the token
    await frame.waitForSelector('#status.error', { timeout: 30_000 });
    expect(await frame.textContent('#status')).toMatch(/Teams could not sign you in/);
    expect(await frame.$('table')).toBeNull();
    await page.close();
  });
});
