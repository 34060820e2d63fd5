import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding package.json, policy-data/ and src/: found from this module's own folder, so the
 * same code works run from source (src/, tsx and ts-jest) and from the bundle (dist/app.js).
 */
export const APP_ROOT = findAppRoot(__dirname);

function findAppRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
