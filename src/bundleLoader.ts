import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';
import { APP_ROOT } from './appRoot';

/**
 * dist/server.js, what `npm run bot` runs (built by scripts/build.ts): starts the server bundle,
 * dist/app.js, from V8's code cache. Compiling the 8 MB bundle was a third of the time to the first
 * answer; with the bytecode V8 kept from the build's trial run (dist/app.js.cache) it is read
 * back instead. Node 22 has this built in (module.enableCompileCache); Node 20 needs vm.Script.
 */

export const SERVER_BUNDLE = join(APP_ROOT, 'dist', 'app.js');
export const CODE_CACHE = `${SERVER_BUNDLE}.cache`;

interface ServerModule {
  main(): Promise<void>;
}

export function loadServerBundle(): ServerModule {
  // Node maps stack frames through dist/app.js.map only for files its own loader compiled.
  if (process.sourceMapsEnabled) return require(SERVER_BUNDLE) as ServerModule;
  const cachedData = readIfPresent(CODE_CACHE);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(SERVER_BUNDLE, 'utf8')}\n})`;
  const script = new Script(wrapped, { filename: SERVER_BUNDLE, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  // A missing or stale cache (another Node version, a new bundle) is written as the process stops,
  // when it holds everything compiled so far, not just the top level.
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCodeCache(script));
  const module = { exports: {} as ServerModule };
  script.runInThisContext()(module.exports, createRequire(SERVER_BUNDLE), module, SERVER_BUNDLE, dirname(SERVER_BUNDLE));
  return module.exports;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written aside and renamed, so a server starting meanwhile never reads half a cache; a read-only dist/ just runs without one. */
function writeCodeCache(script: Script): void {
  const partial = `${CODE_CACHE}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, CODE_CACHE);
  } catch {
    // No cache: the next start compiles the bundle again, as without this loader.
    rmSync(partial, { force: true });
  }
}

if (require.main === module) void loadServerBundle().main();
