/**
 * The ask contract (DESIGN.md §4):
 *   npm run --silent ask -- --jsonl < questions.jsonl   one {"q": …} a line in, one answer a line out
 *   npm run --silent ask -- "can I friend a parent?"     one answer
 * stdout carries answers only; problems go to stderr.
 */
import { createInterface } from 'node:readline';
import { loadAnswerEngine, type AnswerEngine } from '../policy/engine';

/** The question in one input line; a broken line still gets an answer line so output stays aligned. */
function questionFromLine(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { q?: unknown }).q === 'string') return (parsed as { q: string }).q;
  } catch {
    // fall through: reported below
  }
  process.stderr.write(`ask: line is not a JSON object with a "q" string: ${line.slice(0, 80)}\n`);
  return '';
}

async function answerLines(engine: AnswerEngine): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    process.stdout.write(`${JSON.stringify(engine.answer(questionFromLine(line)))}\n`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const jsonl = args.includes('--jsonl');
  const question = args.filter((a) => a !== '--jsonl').join(' ');
  if (!jsonl && question.trim() === '') {
    process.stderr.write('usage: npm run --silent ask -- "question"   |   npm run --silent ask -- --jsonl < questions.jsonl\n');
    return 2;
  }
  const engine = loadAnswerEngine();
  if (jsonl) await answerLines(engine);
  else process.stdout.write(`${JSON.stringify(engine.answer(question))}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`ask: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
