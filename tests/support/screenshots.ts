import { join } from 'node:path';
import type { ElementHandle, Page } from 'playwright-core';

/** `SCREENSHOTS=1 npm test` refreshes the pictures in docs/ that the README shows. */
export async function refreshScreenshot(target: Page | ElementHandle, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await target.screenshot({ path: join(__dirname, '../../docs', name) });
}
