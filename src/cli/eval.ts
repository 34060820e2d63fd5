/**
 * npm run eval -- <gold.jsonl> [--timing]
 * Answers every gold question in-process and prints the metrics of ../shared/eval/score.mjs
 * as one JSON line (VERBOSE=1 lists the misses). --timing adds a second line: index build
 * time and the time to answer the whole set.
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
  const started = performance.now();
  const answers = gold.map((g) => engine.answer(g.q));
  const answerMs = performance.now() - started;
  const { metrics, misses } = scoreAnswers(gold, answers);
  if (process.env.VERBOSE) misses.forEach((m) => console.log(`  ${m}`));
  console.log(JSON.stringify(metrics));
  if (args.includes('--timing')) {
    console.log(JSON.stringify({ loadAndIndexMs: Math.round(buildMs), answerAllMs: Math.round(answerMs * 10) / 10, perQuestionMs: Math.round((answerMs / gold.length) * 100) / 100 }));
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`eval: ${(err as Error).message}`);
  process.exitCode = 1;
}
