import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { personalMessage, REPO_ROOT } from './questions';
import { freePort } from '../tests/support/freePort';

const GIVE_UP_MS = 60_000;
const POLL_EVERY_MS = 5;

/**
 * Cold start to first answer, as an administrator sees it after `npm run bot`: from spawning
 * `tsx src/server.ts` (the command `npm run bot` runs, without npm's own ~0.3 s start) with a
 * fresh empty DATA_DIR (database created and migrated), to the first 200 from POST /api/messages
 * carrying the bot's answer to `question`. Polled every 5 ms, so the figure is at most 5 ms late.
 */
export async function measureColdStart(question: string): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
    stdio: 'ignore',
    detached: true, // its own process group: tsx runs the server in a grandchild
  });
  try {
    const body = personalMessage(question, 0, 0);
    while (performance.now() - started < GIVE_UP_MS) {
      if (child.exitCode !== null) throw new Error(`src/server.ts exited with ${child.exitCode} before answering`);
      if (await answered(port, body)) return performance.now() - started;
      await sleep(POLL_EVERY_MS);
    }
    throw new Error(`no answer within ${GIVE_UP_MS / 1000} s`);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function answered(port: number, body: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return res.status === 200 && (await res.text()).includes('"activities":[{');
  } catch {
    return false; // not listening yet
  }
}

