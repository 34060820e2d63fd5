import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable } from '../support/chromium';
import { startPlaygroundSession, type PlaygroundSession } from '../support/playgroundSession';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
jest.setTimeout(180_000);

/** The DSL alert card after Acknowledge (README's Playground paragraph), refreshed with SCREENSHOTS=1. */
const SCREENSHOT = join(__dirname, '../../docs/playground-report.png');
const WAIT = { timeout: 60_000 };
const WHAT_HAPPENED = 'A Year 5 pupil showed me group-chat messages calling another pupil names.';

/** The newest card in the open conversation that contains `text`. */
function latestCard(page: Page, text: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard', { hasText: text }).last();
}

/** Answers one step of the report dialog: optionally types into its text box, then presses Next. */
async function answerStep(page: Page, step: string, answer?: string): Promise<void> {
  const card = latestCard(page, step);
  await card.waitFor(WAIT);
  if (answer !== undefined) await card.locator('textarea, input[type="text"]').first().fill(answer);
  await card.getByRole('button', { name: 'Next' }).click();
}

describeInBrowser('a DSL and a member of staff following a concern end to end in the Agents Playground (headless Chromium)', () => {
  let session: PlaygroundSession;
  beforeAll(async () => { session = await startPlaygroundSession(); });
  afterAll(async () => { await session?.close(); });

  it('sets up the Safeguarding channel, reports a concern in the 1:1 chat, and acknowledges the alert card', async () => {
    const page = await session.chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(session.playground.url);
    await page.locator('[data-lexical-editor="true"]').first().waitFor(WAIT);

    // 1. In the Safeguarding channel: "@PolicyGuide setup dsl" (the mention picked from the typeahead, as in Teams).
    await page.getByText('Safeguarding', { exact: true }).click();
    const newPost = page.getByRole('textbox').first();
    await newPost.waitFor(WAIT);
    await newPost.click();
    await page.keyboard.type('@Pol');
    await page.getByRole('menuitem', { name: 'PolicyGuide' }).click();
    await page.keyboard.type(' setup dsl');
    await page.getByRole('button', { name: 'Post' }).click();
    // (a paragraph in the conversation: the log panel quotes the same words in a span)
    await page.getByRole('paragraph').filter({ hasText: 'Done: new safeguarding concerns will be posted in this channel' }).waitFor(WAIT);

    // 2. In the 1:1 chat: "report", then one card per question up to Confirm and send.
    await page.getByText('Personal Chat', { exact: true }).click();
    const messageBox = page.locator('[data-lexical-editor="true"]').last();
    await messageBox.waitFor(WAIT);
    await messageBox.click();
    await page.keyboard.type('report');
    await page.keyboard.press('Enter');

    const category = latestCard(page, 'What kind of concern is it?');
    await category.waitFor(WAIT);
    await category.getByText('Online bullying', { exact: true }).click();
    await category.getByRole('button', { name: 'Next' }).click();
    await answerStep(page, 'What happened?', WHAT_HAPPENED);
    await answerStep(page, 'When did it happen?'); // the date is today's by default
    await answerStep(page, 'Where did it happen', 'WhatsApp class group');
    await answerStep(page, 'Who was involved?', 'Two Year 5 pupils');
    await answerStep(page, 'What have you done so far?', 'Kept screenshots the pupil showed me');

    const review = latestCard(page, 'Check your report');
    await review.waitFor(WAIT);
    expect(await review.innerText()).toContain(WHAT_HAPPENED);
    await review.getByRole('button', { name: 'Confirm and send' }).click();

    // 3. The reference, only once the report is committed.
    const recorded = latestCard(page, /WLS-\d{4}-\d{4}/);
    await recorded.waitFor(WAIT);
    const reference = /WLS-\d{4}-\d{4}/.exec(await recorded.innerText())![0];

    // 4. The alert card in the Safeguarding channel: reference and category, never what happened.
    await page.getByText('Safeguarding', { exact: true }).click();
    const alert = latestCard(page, `Safeguarding concern ${reference}`);
    await alert.waitFor(WAIT);
    const alertText = await alert.innerText();
    expect(alertText).toContain('Online bullying');
    expect(alertText).toContain('Open: not yet acknowledged');
    expect(alertText).not.toContain(WHAT_HAPPENED);
    expect(alertText).not.toContain('WhatsApp class group');

    // 5. Acknowledge (a Universal Action): the card refreshes in place.
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    const acknowledged = latestCard(page, /Acknowledged by Alex Wilber/);
    await acknowledged.waitFor(WAIT);
    expect(await acknowledged.innerText()).toContain(reference);

    if (process.env.SCREENSHOTS === '1') {
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
    await page.close();
  });
});
