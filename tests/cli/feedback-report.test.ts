import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { createFeedbackStore, migrations } from '../../src/policy/feedback';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

describe('npm run feedback-report', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pg-feedback-'));
    const db = openDatabase(join(dataDir, DATABASE_FILE_NAME), migrations);
    const store = createFeedbackStore(db);
    store.recordRating({ question: 'can I friend a parent?', verdict: 'conditional', helpful: true });
    store.recordRating({ question: 'can I use WhatsApp with parents?', verdict: 'no', helpful: false, comment: 'What about class groups?' });
    store.recordNotCovered("what's for lunch?");
    store.recordNotCovered("What's for lunch");
    store.recordNotCovered('when is sports day?');
    db.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (args: string[] = []) =>
    spawnSync(tsx, [join(root, 'src/cli/feedback-report.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

  it('prints counts, the not-helpful answers with comments and the most asked uncovered questions', () => {
    const out = run();
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Answers rated: 2 (1 helpful, 1 not helpful)');
    expect(out.stdout).toContain('Questions the policy did not cover: 3');
    expect(out.stdout).toMatch(/\[no\] "can I use WhatsApp with parents\?"\n\s+comment: "What about class groups\?"/);
    expect(out.stdout).toMatch(/2 × "what's for lunch\?"\n\s+1 × "when is sports day\?"/);
  });

  it('gives the same summary as JSON with --json', () => {
    const summary = JSON.parse(run(['--json']).stdout);
    expect(summary).toMatchObject({ ratings: 2, helpful: 1, notHelpful: 1, notCovered: 3 });
  });
});
