/**
 * npm run bench -- [--duration S] [--soak S] [--json] …   (see options.ts)
 * One run, one machine: the HTTP floor, the framework floor and PolicyGuide under the same load,
 * the answer engine in-process, cold start, memory over a soak, and report → DSL alert latency.
 * Progress goes to stderr; the table to stdout; with --json the last stdout line is the headline.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { measureAnswerLatency } from './answer-latency';
import { startTarget } from './child';
import { runLoad, type LoadResult } from './load';
import { parseOptions, UsageError, type BenchOptions } from './options';
import { readQuestions } from './questions';
import { headline, renderTable, type BenchFigures } from './report';

const WARM_UP_SEC = 2;

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** One target in its own child process: warmed up for a moment, then loaded and stopped. */
async function loadTarget(script: string, options: BenchOptions, questions: string[], expectReplies: boolean): Promise<LoadResult> {
  const target = await startTarget(script);
  try {
    const load = { connections: options.connections, questions, expectReplies };
    await runLoad(target.url, { ...load, durationSec: Math.min(WARM_UP_SEC, options.durationSec) });
    return await runLoad(target.url, { ...load, durationSec: options.durationSec });
  } finally {
    await target.stop();
  }
}

function describeMachine(): string {
  const cores = cpus();
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average at start ${load}`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const { file, questions } = readQuestions(options.questionsFile);
  const machine = describeMachine();

  // In-process first, before any child competes for the cores.
  progress(`timing ${options.answers} in-process answers`);
  const answer = measureAnswerLatency(questions, options.answers);

  progress(`bare restify route, ${options.durationSec} s`);
  const floor = await loadTarget('bench/targets/restify-floor.ts', options, questions, false);
  progress(`echo bot, ${options.durationSec} s`);
  const echo = await loadTarget('bench/targets/echo-bot.ts', options, questions, true);

  const waitingForServer = 'needs createServer (src/server.ts) on main';
  const figures: BenchFigures = {
    date: new Date().toISOString(),
    machine,
    load: { connections: options.connections, durationSec: options.durationSec, questionsFile: file, questions: questions.length },
    floor: { value: floor },
    echo: { value: echo },
    policyGuide: { missing: waitingForServer },
    answer,
    coldStartMs: { missing: waitingForServer },
    memory: { missing: waitingForServer },
    alert: { missing: 'needs the report store, outbox and delivery worker on main' },
    otherErrors: 0,
  };
  const summary = headline(figures);
  console.log(renderTable(figures, summary));
  if (options.json) console.log(JSON.stringify(summary));
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    console.error(err instanceof UsageError ? err.message : `bench: ${err.stack ?? err.message}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
