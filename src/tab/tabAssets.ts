import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { APP_ROOT } from '../appRoot';

/** A file the tab pages load, held in memory: the pages are small and never change while running. */
export interface TabAsset {
  contentType: string;
  body: Buffer;
}

const PAGES_DIR = join(APP_ROOT, 'src/tab/pages');
const CLIENT_DIR = join(APP_ROOT, 'src/tab/client');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

let cached: Promise<Map<string, TabAsset>> | undefined;

/**
 * The pages (HTML, CSS) and their scripts, bundled with teams-js from node_modules by esbuild on the
 * first request for a tab file: no CDN at run time, and start-up (cold start to the first answer)
 * does not wait ~0.2 s for a bundle that staff may not open for hours. `npm run build` bundles them
 * too, so a broken page script fails the build. Built once per process; a failed build is retried
 * on the next request.
 */
export function tabAssets(): Promise<Map<string, TabAsset>> {
  cached ??= loadTabAssets().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function loadTabAssets(): Promise<Map<string, TabAsset>> {
  const assets = new Map<string, TabAsset>();
  const pages = await readdir(PAGES_DIR);
  for (const file of pages) {
    const type = CONTENT_TYPES[extname(file)];
    if (type) assets.set(file, { contentType: type, body: await readFile(join(PAGES_DIR, file)) });
  }
  for (const [name, body] of await bundlePageScripts(pages.filter((f) => extname(f) === '.html'))) {
    assets.set(name, { contentType: CONTENT_TYPES['.js'], body });
  }
  return assets;
}

/** Each page x.html loads x.js, bundled from client/x.ts with the modules it imports. */
async function bundlePageScripts(pages: string[]): Promise<Map<string, Buffer>> {
  // Required here, not imported at the top: the server's start-up never loads esbuild's API.
  const { build } = require('esbuild') as typeof import('esbuild');
  const result = await build({
    entryPoints: pages.map((f) => join(CLIENT_DIR, `${basename(f, '.html')}.ts`)),
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((out) => [basename(out.path), Buffer.from(out.contents)]));
}
