import { buildServer } from '../scripts/build';
import { startBundledServer } from '../scripts/bundledServer';

/**
 * Cold start to first answer, as an administrator sees it after `npm run bot`: builds once (npm run
 * build: not timed, as `npm run bot` builds before it starts the server), then `count` times spawns
 * `node dist/server.js` (what `npm run bot` runs after its build, without npm's own ~0.3 s) with a
 * fresh empty DATA_DIR (database created and migrated) and times it to the first 200 from POST
 * /api/messages carrying the bot's answer to `question`. Sorted, fastest first.
 */
export async function measureColdStarts(question: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  await buildServer();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = await startBundledServer(question, { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'development' });
    times.push(server.firstAnswerMs);
    await server.stop('SIGKILL');
  }
  return times.sort((a, b) => a - b);
}
