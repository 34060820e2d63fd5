/**
 * npm run package [-- --env dev]   → build/appPackage.dev.zip, ready to upload to Teams
 * Values come from env/.env.<env>; a missing value or a schema error stops with a clear message.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { AppPackageError, buildAppPackage } from './app-package';

const ROOT = join(__dirname, '../..');

function envNameFrom(args: string[]): string {
  const flag = args.indexOf('--env');
  if (flag === -1) return 'dev';
  const name = args[flag + 1];
  if (!name) throw new AppPackageError('usage: npm run package -- --env <name>   (reads env/.env.<name>)');
  return name;
}

async function main(): Promise<void> {
  const envName = envNameFrom(process.argv.slice(2));
  const { zip } = await buildAppPackage(envName);
  const outDir = process.env.APP_PACKAGE_OUT_DIR ?? join(ROOT, 'build');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(file, zip);
  const shown = relative(process.cwd(), file);
  process.stdout.write(`Teams app package: ${shown.startsWith('..') || isAbsolute(shown) ? file : shown}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`package: ${err instanceof AppPackageError ? err.message : String((err as Error).stack ?? err)}\n`);
  process.exitCode = 1;
});
