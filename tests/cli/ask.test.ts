import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const ask = (args: string[], input = '') => spawnSync(tsx, [join(root, 'src/cli/ask.ts'), ...args], { cwd: root, input, encoding: 'utf8' });
const lines = (out: string) => out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

describe('the ask CLI (DESIGN.md §4 contract)', () => {
  it('--jsonl answers one JSON line per question, in order, and nothing else on stdout', () => {
    const input = ['{"q":"can I friend a parent?"}', '', 'not json', '{"q":"What\'s for lunch?"}', '{"q":"A pupil found my Instagram and messaged me"}'].join('\n');
    const run = ask(['--jsonl'], input);
    expect(run.status).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((a) => a.verdict)).toEqual(['conditional', 'not-covered', 'not-covered', 'report']);
    expect(out[0]).toMatchObject({ question: 'can I friend a parent?', answered: true, offerReport: false, urgent: false });
    expect(out[0].clauses[0]).toEqual({ id: '2.6.2', score: expect.any(Number) });
    expect(out[3].offerReport).toBe(true);
    expect(run.stderr).toMatch(/not a JSON object/);
  });

  it('answers a single question given as arguments', () => {
    const run = ask(['Can', 'I', 'share', 'my', 'login?']);
    expect(run.status).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ question: 'Can I share my login?', verdict: 'no' });
    expect(out[0].clauses[0].id).toBe('2.4.1');
  });

  it('explains its usage when given no question', () => {
    const run = ask([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/usage/);
  });
});
