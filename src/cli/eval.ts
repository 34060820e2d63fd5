/**
 * npm run eval -- <gold.jsonl> [--timing]
 * Answers every gold question in-process and prints the metrics of ../shared/eval/score.mjs
 * as one JSON line (VERBOSE=1 lists the misses). --timing adds a second line: load and index
 * time (policy-data read, validated, indexed, warmed up), the first pass over the set, and the median of five more.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadAnswerEngine } from '../policy/engine';
import { scoreAnswers, type GoldQuestion } from '../policy/evaluate';

function main(): number {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run eval -- <gold.jsonl> [--timing]');
    return 2;
  }
  const gold = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldQuestion);
  const built = performance.now();
  const engine = loadAnswerEngine();
  const buildMs = performance.now() - built;
  const timePass = () => {
    const started = performance.now();
    const answers = gold.map((g) => engine.answer(g.q));
    return { answers, ms: performance.now() - started };
  };
  const first = timePass();
  const { metrics, misses } = scoreAnswers(gold, first.answers);
  if (process.env.VERBOSE) misses.forEach((m) => console.log(`  ${m}`));
  console.log(JSON.stringify(metrics));
  if (args.includes('--timing')) {
    // The first pass is what the first staff see after start; later passes show the steady state.
    const later = Array.from({ length: 5 }, () => timePass().ms).sort((a, b) => a - b);
    const ms = (n: number) => Math.round(n * 10) / 10;
    console.log(JSON.stringify({ loadAndIndexMs: ms(buildMs), firstPassMs: ms(first.ms), medianPassMs: ms(later[2]), questions: gold.length }));
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`eval: ${(err as Error).message}`);
  process.exitCode = 1;
}
