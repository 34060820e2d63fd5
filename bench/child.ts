import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { SERVER_BUNDLE_OPTIONS } from '../scripts/build';
import { APP_ROOT } from '../src/appRoot';

export interface RunningTarget {
  url: string;
  pid: number;
  /** Resident set size of the child right now, read from /proc (Linux). */
  rssMb(): number;
  /** CPU time (user + system) the child has used so far, read from /proc (Linux). */
  cpuMs(): number;
  stop(): Promise<void>;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

const bundles = new Map<string, Promise<string>>();

/**
 * Every target is bundled as `npm run build` bundles the server (one minified file, run by plain
 * node), so PolicyGuide runs as deployed and the floors run under the same conditions; built once
 * per bench process into dist/bench/.
 */
function bundled(script: string): Promise<string> {
  let bundle = bundles.get(script);
  if (!bundle) {
    const outfile = join(APP_ROOT, 'dist/bench', basename(script).replace(/\.ts$/, '.js'));
    bundle = build({ ...SERVER_BUNDLE_OPTIONS, sourcemap: false, entryPoints: [script], outfile }).then(() => outfile);
    bundles.set(script, bundle);
  }
  return bundle;
}

/**
 * Starts `node <bundle of script>` and waits for the script's ready line (targets/ready.ts). The
 * child is node itself, so its pid is the server's.
 */
export async function startTarget(script: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<RunningTarget> {
  const child = spawn(process.execPath, [...nodeArgs, await bundled(script)], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${stderr}`));
    };
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = readyPort(line);
      if (port === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const pid = child.pid!;
      resolve({ url: `http://127.0.0.1:${port}`, pid, rssMb: () => rssMb(pid), cpuMs: () => cpuMs(pid), stop: () => stop(child), kill: () => stop(child, 'SIGKILL') });
    });
  });
}

function readyPort(line: string): number | undefined {
  try {
    const parsed = JSON.parse(line) as { ready?: boolean; port?: number };
    return parsed.ready ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

const CLOCK_TICKS_PER_SEC = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC) * 1000;
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    // A target that ignores SIGTERM still must not outlive the benchmark.
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
