import { join } from 'node:path';
import { startPlayground, type RunningPlayground } from '../../scripts/playground';
import { startTestServer, type TestServer } from './bot-http';
import { launchChromium, type LaunchedBrowser } from './chromium';

/** The Playground's default user (Alex Wilber), made a DSL as `npm start` does. */
const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';

export interface PlaygroundSession {
  bot: TestServer;
  playground: RunningPlayground;
  chromium: LaunchedBrowser;
  close(): Promise<void>;
}

/** The bot, the Agents Playground in front of it (both on free ports) and headless Chromium to drive it. */
export async function startPlaygroundSession(): Promise<PlaygroundSession> {
  const bot = await startTestServer({ env: { DSL_USER_IDS: PLAYGROUND_USER } });
  let playground: RunningPlayground | undefined;
  let chromium: LaunchedBrowser | undefined;
  const close = async () => {
    await chromium?.close();
    await playground?.stop();
    await bot.close();
  };
  try {
    playground = await startPlayground({
      botEndpoint: `${bot.url}/api/messages`,
      port: 0,
      logFile: join(bot.dataDir, 'm365agentsplayground.log'),
      startTimeoutMs: 90_000,
    });
    chromium = await launchChromium();
  } catch (error) {
    await close(); // nothing left running to keep jest from exiting
    throw error;
  }
  return { bot, playground, chromium, close };
}
