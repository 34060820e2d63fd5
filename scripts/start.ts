/**
 * npm start: the bot and the Microsoft 365 Agents Playground together, on this computer, with no
 * Microsoft account. Defaults come from env/.env.playground (a variable set in the shell wins).
 * Ctrl-C stops both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvFile } from '../src/cli/env-file';
import { ConfigError, loadConfig } from '../src/config';
import { createServer } from '../src/server';
import { PLAYGROUND_PORT, startPlayground } from './playground';

async function main(): Promise<void> {
  const env = { ...readEnvFile(join(__dirname, '../env/.env.playground')), ...process.env };
  const config = loadConfig(env);
  if (config.bot.appId) {
    throw new ConfigError('npm start is for the Agents Playground, which cannot sign requests: unset BOT_ID (or use `npm run bot` for Teams)');
  }
  const bot = createServer(config);
  const botPort = await bot.listen(config.port).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new ConfigError(`port ${config.port} is in use (another PolicyGuide?): stop it, or run PORT=<other> npm start`);
    throw error;
  });

  // The Playground writes its errors (a bad .m365agentsplayground.yml…) to this file, not to the terminal.
  const playgroundLog = join(config.dataDir, 'm365agentsplayground.log');
  const playground = await startPlayground({
    botEndpoint: `http://localhost:${botPort}/api/messages`,
    port: Number(process.env.PLAYGROUND_PORT ?? PLAYGROUND_PORT),
    logFile: playgroundLog,
  }).catch(async (error: Error) => {
    await bot.close();
    throw error;
  });

  process.stdout.write(
    `\nPolicyGuide is running (bot on http://localhost:${botPort}, data in ${config.dataDir}).\n` +
      `Open ${playground.url} in your browser to chat with it. Ctrl-C stops both.\n\n`,
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await playground.stop();
    await bot.close();
    process.exit(code);
  };
  // `on`, not `once`: a second Ctrl-C while stopping must not kill the process mid-stop.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Ctrl-C reaches the Playground too (same process group), and it exits 0 on its own: that is a normal stop.
  void playground.exited.then((code) => {
    if (code === 0 || code === null) return void stop(0);
    process.stderr.write(`The Agents Playground stopped (code ${code}); stopping the bot.\n${errorLines(playgroundLog)}`);
    void stop(1);
  });
}

/** The Playground's error lines from its log, to show why it stopped. */
function errorLines(logFile: string): string {
  if (!existsSync(logFile)) return '';
  const lines = readFileSync(logFile, 'utf8').split('\n').filter((line) => line.startsWith('error '));
  return lines.slice(-5).map((line) => `  ${line}\n`).join('');
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
