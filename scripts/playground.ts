/**
 * The Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) as a child process: a web page
 * that looks like Teams and posts Teams-shaped activities to the bot, offline, with no Microsoft account.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const PLAYGROUND_CONFIG = join(__dirname, '../.m365agentsplayground.yml');
/** The Playground's usual port; it falls back to a random free one when this is taken. */
export const PLAYGROUND_PORT = 56150;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages */
  botEndpoint: string;
  /** 0 = any free port. */
  port?: number;
  /** Each line the Playground prints (it logs the activities it relays). */
  onLine?: (line: string) => void;
  /** Where it writes its log file (default: its own ./devTools/ under the working directory). */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  port: number;
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code when the Playground stops for any reason. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const LISTENING = /Listening on (\d+)/;

export function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [cli, '-e', options.botEndpoint, '-c', 'msteams', '--dt', '-p', String(options.port ?? PLAYGROUND_PORT)];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      // Without this it tries to open a browser (xdg-open) and exits when there is none.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
      ...(options.logFile ? { M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise((resolve, reject) => {
    let started = false;
    const recent: string[] = [];
    const timer = setTimeout(() => fail(new Error(`the Agents Playground did not start within ${(options.startTimeoutMs ?? 60_000) / 1000} s`)), options.startTimeoutMs ?? 60_000);
    const fail = (error: Error) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}${recent.length ? `\n${recent.join('\n')}` : ''}`));
    };
    const read = (line: string) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.onLine?.(line);
      const match = !started && LISTENING.exec(line);
      if (!match) return;
      started = true;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({
        port,
        url: `http://localhost:${port}`,
        child,
        exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    createInterface({ input: child.stdout! }).on('line', read);
    createInterface({ input: child.stderr! }).on('line', read);
    child.once('error', fail);
    void exited.then((code) => fail(new Error(`the Agents Playground exited (code ${code}) before it was ready`)));
  });
}
