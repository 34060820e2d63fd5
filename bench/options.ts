export interface BenchOptions {
  connections: number;
  durationSec: number;
  rounds: number;
  soakSec: number;
  answers: number;
  coldStarts: number;
  alerts: number;
  questionsFile?: string;
  json: boolean;
}

const USAGE = `usage: npm run bench -- [--duration S] [--rounds N] [--connections N] [--soak S] [--answers N] [--cold-starts N] [--alerts N] [--questions FILE] [--json]
  --duration S     seconds of load per target (default 10)
  --rounds N       rounds of load, targets alternating; the median round is reported (default 1)
  --connections N  autocannon connections (default 20)
  --soak S         seconds of further load on PolicyGuide for the memory check; 0 skips it (default 60)
  --answers N      in-process answers timed (default 10000)
  --cold-starts N  cold starts timed, median reported (default 3)
  --alerts N       reports submitted one after another, each timed to its DSL alert; 0 skips (default 30)
  --questions FILE gold file with a "q" a line (default ../shared/eval/dev.jsonl)
  --json           end with one JSON line of the headline figures`;

export class UsageError extends Error {}

export function parseOptions(args: string[]): BenchOptions {
  const options: BenchOptions = { connections: 20, durationSec: 10, rounds: 1, soakSec: 60, answers: 10_000, coldStarts: 3, alerts: 30, json: false };
  const numbers: Record<string, keyof BenchOptions> = {
    '--duration': 'durationSec',
    '--rounds': 'rounds',
    '--connections': 'connections',
    '--soak': 'soakSec',
    '--answers': 'answers',
    '--cold-starts': 'coldStarts',
    '--alerts': 'alerts',
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    if (flag === '--json') options.json = true;
    else if (flag === '--questions') options.questionsFile = value();
    else if (flag in numbers) {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} needs a number ≥ 0\n${USAGE}`);
      (options[numbers[flag]] as number) = n;
    } else throw new UsageError(`unknown option ${args[i]}\n${USAGE}`);
  }
  if (options.connections < 1 || options.durationSec <= 0 || options.rounds < 1 || options.answers < 1) {
    throw new UsageError(`connections, duration, rounds and answers must be positive\n${USAGE}`);
  }
  return options;
}
