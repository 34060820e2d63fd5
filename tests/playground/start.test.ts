import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../support/freePort';

const root = join(__dirname, '../..');
jest.setTimeout(120_000);


async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

describe('npm start (scripts/start.ts)', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'policyguide-start-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the bot and the Playground, says which page to open, and Ctrl-C stops both', async () => {
    const [botPort, playgroundPort] = [await freePort(), await freePort()];
    // As `npm start` runs it: node with tsx's loader, so Ctrl-C reaches the script itself (tsx's CLI
    // relays signals with a 30 ms deadline and exits 130 when a loaded machine misses it).
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir, BOT_ID: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the test can press Ctrl-C the way a terminal does: to every process in it.
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      const openLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => { if (line.startsWith('Open ')) resolve(line); });
        void exited.then((code) => reject(new Error(`npm start exited (${code}): ${stderr}`)));
      });
      expect(openLine).toBe(`Open http://localhost:${playgroundPort} in your browser to chat with it. Ctrl-C stops both.`);
      expect(await reachable(`http://localhost:${botPort}/healthz`)).toBe(true);
      expect(await reachable(`http://localhost:${playgroundPort}/`)).toBe(true);

      process.kill(-child.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/stopped \(code/);
      expect(await reachable(`http://localhost:${botPort}/healthz`)).toBe(false);
      expect(await reachable(`http://localhost:${playgroundPort}/`)).toBe(false);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
