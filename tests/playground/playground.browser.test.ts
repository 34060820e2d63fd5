import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { verdictLine } from '../../src/cards/answer';
import { loadAnswerEngine } from '../../src/policy/engine';
import { browserAvailable } from '../support/chromium';
import { startPlaygroundSession, type PlaygroundSession } from '../support/playgroundSession';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
jest.setTimeout(180_000);

const QUESTION = 'can I friend a parent?';
/** The card the README shows (docs/playground-answer.png), refreshed with SCREENSHOTS=1. */
const SCREENSHOT = join(__dirname, '../../docs/playground-answer.png');

describeInBrowser('a member of staff chatting with PolicyGuide in the Agents Playground (headless Chromium)', () => {
  let session: PlaygroundSession;
  beforeAll(async () => { session = await startPlaygroundSession(); });
  afterAll(async () => { await session?.close(); });

  it('asks "can I friend a parent?" and sees the verdict with clause 2.6.2', async () => {
    const expected = loadAnswerEngine().answer(QUESTION);
    const page = await session.chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(session.playground.url);

    const messageBox = page.locator('[data-lexical-editor="true"]');
    await messageBox.waitFor({ timeout: 60_000 });
    await messageBox.click();
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');

    const answer = page.locator('.ac-adaptiveCard', { hasText: '2.6.2' }).last();
    await answer.waitFor({ timeout: 60_000 });
    const text = await answer.innerText();
    expect(text).toContain(verdictLine(expected).label);
    expect(text).toMatch(/2\.6\.2\s+Social contact/);
    expect(text).toContain('Helpful');

    if (process.env.SCREENSHOTS === '1') {
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
    await page.close();
  });
});
