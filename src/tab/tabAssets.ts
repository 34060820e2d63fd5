import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { buildSync } from 'esbuild';

/** A file the tab pages load, held in memory: the pages are small and never change while running. */
export interface TabAsset {
  contentType: string;
  body: Buffer;
}

const PAGES_DIR = join(__dirname, 'pages');
const CLIENT_DIR = join(__dirname, 'client');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

let cached: Map<string, TabAsset> | undefined;

/**
 * The pages (HTML, CSS) and their scripts, bundled with teams-js from node_modules by esbuild
 * at start-up: no build step to forget and no CDN at run time. A TypeScript error in a page
 * script stops start-up here rather than leaving a blank tab. Built once per process.
 */
export function tabAssets(): Map<string, TabAsset> {
  if (cached) return cached;
  const assets = new Map<string, TabAsset>();
  const pages = readdirSync(PAGES_DIR);
  for (const file of pages) {
    const type = CONTENT_TYPES[extname(file)];
    if (type) assets.set(file, { contentType: type, body: readFileSync(join(PAGES_DIR, file)) });
  }
  // Each page x.html loads x.js, bundled from client/x.ts with the modules it imports.
  const result = buildSync({
    entryPoints: pages.filter((f) => extname(f) === '.html').map((f) => join(CLIENT_DIR, `${basename(f, '.html')}.ts`)),
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  for (const out of result.outputFiles) {
    assets.set(basename(out.path), { contentType: CONTENT_TYPES['.js'], body: Buffer.from(out.contents) });
  }
  cached = assets;
  return assets;
}
