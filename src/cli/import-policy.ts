/**
 * npm run import-policy [-- <policy.txt> [<out.json>]]
 * Parses the policy text into policy-data/clauses.json and lists every repaired defect.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../policy/parse-policy';
import { DEFAULT_DATA_DIR } from '../policy/policy-data';

function defaultSource(): string {
  const txt = readdirSync(DEFAULT_DATA_DIR).filter((f) => f.endsWith('.txt')).sort();
  if (txt.length === 0) throw new Error(`no policy .txt file in ${DEFAULT_DATA_DIR}`);
  return join(DEFAULT_DATA_DIR, txt[txt.length - 1]);
}

function main(): number {
  const [source = defaultSource(), out = join(DEFAULT_DATA_DIR, 'clauses.json')] = process.argv.slice(2);
  const document = parsePolicy(readFileSync(source, 'utf8'));
  if (document.clauses.length === 0) {
    console.error(`${source}: no numbered clauses found; nothing written.`);
    return 1;
  }
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`${document.clauses.length} clauses from ${source} → ${out}`);
  for (const w of document.warnings) console.log(`warning: ${w}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`import-policy: ${(err as Error).message}`);
  process.exitCode = 1;
}
