/**
 * npm run build: the server as one minified file, which `npm run bot` runs. Node then reads one file
 * instead of compiling TypeScript and resolving ~2,000 modules at every start (cold start to the
 * first answer: docs/performance.md). Writes
 *   dist/app.js (+ .map)  the bundle: src/server.ts and its dependencies
 *   dist/server.js        the start command: loads dist/app.js from V8's code cache (src/bundleLoader.ts)
 *   dist/app.js.cache     that cache, from a trial run that answers one question, which also proves
 *                         the bundle works before anyone relies on it
 * The tab page scripts are bundled too, to stop the build on a broken one: the server itself
 * bundles them on the first tab request.
 */
import { existsSync, rmSync } from 'node:fs';
import { build, type BuildOptions } from 'esbuild';
import { APP_ROOT } from '../src/appRoot';
import { CODE_CACHE, SERVER_BUNDLE } from '../src/bundleLoader';
import { tabAssets } from '../src/tab/tabAssets';
import { startBundledServer } from './bundledServer';

const common = { absWorkingDir: APP_ROOT, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' } as const;

/** How the server is bundled; the benchmark builds its targets the same way (bench/child.ts). */
export const SERVER_BUNDLE_OPTIONS = {
  ...common,
  bundle: true,
  // Half the bytes to read at each start. Stack frames in logs point into dist/app.js; the source
  // map turns them back into src/ lines (NODE_OPTIONS=--enable-source-maps; starts ~0.3 s slower).
  minify: true,
  sourcemap: true,
  // Native addons load their compiled .node file from their own folder; esbuild's API is only
  // needed for the tab scripts. dtrace-provider is restify's optional native dependency.
  external: ['better-sqlite3', 'esbuild', 'dtrace-provider'],
} satisfies BuildOptions;

export async function buildServer(): Promise<void> {
  await build({ ...SERVER_BUNDLE_OPTIONS, entryPoints: ['src/server.ts'], outfile: SERVER_BUNDLE });
  await build({ ...common, entryPoints: ['src/bundleLoader.ts'], outfile: 'dist/server.js', bundle: true });
  await tabAssets();
  await writeCodeCache();
}

/** Answers one question from the new bundle in local mode (no credentials), then stops it: the loader writes the cache as it exits. */
async function writeCodeCache(): Promise<void> {
  rmSync(CODE_CACHE, { force: true });
  // Only what changes V8's compilation is passed on: a cache made under other V8 flags would be rejected.
  const server = await startBundledServer('can I friend a parent?', { NODE_OPTIONS: process.env.NODE_OPTIONS, LOG_LEVEL: 'silent' });
  await server.stop('SIGTERM');
  if (!existsSync(CODE_CACHE)) throw new Error('dist/server.js stopped without writing its code cache');
}

if (require.main === module) {
  buildServer().catch((error: Error) => {
    // esbuild has already printed its own errors in full.
    console.error(`npm run build: ${error.message}`);
    process.exit(1);
  });
}
