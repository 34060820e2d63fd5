import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_ROOT } from '../src/appRoot';
import { personalMessage } from '../bench/questions';
import { freePort } from '../tests/support/freePort';

export interface BundledServer {
  url: string;
  /** From spawning the process to the first 200 from POST /api/messages carrying the answer. */
  firstAnswerMs: number;
  /** SIGTERM stops it as an administrator would (the code cache is written then, if it had none); SIGKILL does not. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

const GIVE_UP_MS = 60_000;
const POLL_EVERY_MS = 5;

/**
 * `node dist/server.js` (what `npm run bot` runs once it has built) in its own process, on a free
 * port with a fresh empty DATA_DIR (database created and migrated), ready once it has answered
 * `question` over POST /api/messages with expectReplies, so no connector is needed. Polled every
 * 5 ms, so firstAnswerMs is at most 5 ms late. `env` is the whole environment it gets.
 */
export async function startBundledServer(question: string, env: NodeJS.ProcessEnv): Promise<BundledServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-bundle-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(APP_ROOT, 'dist', 'server.js')], {
    cwd: APP_ROOT,
    env: { ...env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const body = personalMessage(question, 0, 0);
  while (performance.now() - started < GIVE_UP_MS) {
    if (child.exitCode !== null) break;
    if (await answered(url, body)) return { url, firstAnswerMs: performance.now() - started, stop };
    await sleep(POLL_EVERY_MS);
  }
  await stop('SIGKILL');
  throw new Error(`dist/server.js did not answer (exit code ${child.exitCode}):\n${stderr}`);
}

async function answered(url: string, body: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return res.status === 200 && (await res.text()).includes('"activities":[{');
  } catch {
    return false; // not listening yet
  }
}
