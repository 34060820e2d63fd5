import type { AnswerLatency } from './answer-latency';
import type { LoadResult } from './load';

/** A figure is either measured or says why it is not (yet). */
export type Measured<T> = { value: T } | { missing: string };

export interface MemoryFigures {
  idleMb: number;
  afterLoadMb: number;
  afterSoakMb?: number;
  soakSec: number;
}

export interface AlertLatency {
  alerts: number;
  p50Ms: number;
  p99Ms: number;
}

export interface BenchFigures {
  date: string;
  machine: string;
  load: { connections: number; durationSec: number; rounds: number; questionsFile: string; questions: number };
  floor: Measured<LoadResult>;
  echo: Measured<LoadResult>;
  policyGuide: Measured<LoadResult>;
  answer: AnswerLatency;
  coldStartMs: Measured<number>;
  memory: Measured<MemoryFigures>;
  alert: Measured<AlertLatency>;
  /** Errors seen outside the autocannon runs (soak, alert runs). */
  otherErrors: number;
}

export interface Headline {
  throughputRatio: number | null;
  p99Ratio: number | null;
  /** PolicyGuide's server CPU per request ÷ the echo bot's: the cost ratio, steady on a busy machine. */
  cpuPerRequestRatio: number | null;
  answerP99Ms: number;
  coldStartMs: number | null;
  rssGrowthPct: number | null;
  alertP99Ms: number | null;
  errors: number;
}

const valueOf = <T>(m: Measured<T>): T | undefined => ('value' in m ? m.value : undefined);
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export function headline(f: BenchFigures): Headline {
  const echo = valueOf(f.echo);
  const pg = valueOf(f.policyGuide);
  const memory = valueOf(f.memory);
  const loads = [f.floor, f.echo, f.policyGuide].map(valueOf).filter((r): r is LoadResult => r !== undefined);
  return {
    throughputRatio: echo && pg ? round(pg.requestsPerSec / echo.requestsPerSec, 3) : null,
    p99Ratio: echo && pg ? round(pg.p99Ms / echo.p99Ms, 3) : null,
    cpuPerRequestRatio: echo?.serverCpuMsPerRequest && pg?.serverCpuMsPerRequest ? round(pg.serverCpuMsPerRequest / echo.serverCpuMsPerRequest, 3) : null,
    answerP99Ms: round(f.answer.p99Ms, 3),
    coldStartMs: 'value' in f.coldStartMs ? Math.round(f.coldStartMs.value) : null,
    // Growth over the soak: the first load has already warmed the JIT and sized the heap, so
    // what grows after it is what a long-running bot would keep growing (a leak).
    rssGrowthPct: memory?.afterSoakMb !== undefined ? round(((memory.afterSoakMb - memory.afterLoadMb) / memory.afterLoadMb) * 100, 1) : null,
    alertP99Ms: 'value' in f.alert ? round(f.alert.value.p99Ms, 1) : null,
    errors: loads.reduce((sum, r) => sum + r.errors, 0) + f.otherErrors,
  };
}

interface Target {
  name: string;
  goal: string;
  value: number | null;
  met: (v: number) => boolean;
  unit: string;
}

function targets(h: Headline): Target[] {
  return [
    { name: 'throughput, PolicyGuide ÷ echo bot', goal: '≥ 0.8×', value: h.throughputRatio, met: (v) => v >= 0.8, unit: '×' },
    { name: 'p99, PolicyGuide ÷ echo bot', goal: '≤ 1.25×', value: h.p99Ratio, met: (v) => v <= 1.25, unit: '×' },
    { name: 'in-process answer p99', goal: '< 1 ms', value: h.answerP99Ms, met: (v) => v < 1, unit: ' ms' },
    { name: 'cold start to first answer', goal: '< 1500 ms', value: h.coldStartMs, met: (v) => v < 1500, unit: ' ms' },
    { name: 'RSS growth over the soak', goal: '< 10%', value: h.rssGrowthPct, met: (v) => v < 10, unit: '%' },
    { name: 'report submit → DSL alert p99', goal: '< 1000 ms', value: h.alertP99Ms, met: (v) => v < 1000, unit: ' ms' },
    { name: 'errors', goal: '0', value: h.errors, met: (v) => v === 0, unit: '' },
  ];
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

export function renderTable(f: BenchFigures, h: Headline): string {
  const lines: string[] = [];
  lines.push(`PolicyGuide benchmark, ${f.date}`);
  lines.push(`machine: ${f.machine}`);
  lines.push(
    `HTTP load: autocannon, ${f.load.connections} connections × ${f.load.durationSec} s per target, each target in its own child process; POST /api/messages cycling ${f.load.questions} questions from ${f.load.questionsFile}`,
  );
  if (f.load.rounds > 1) lines.push(`${f.load.rounds} rounds, targets alternating; each row is the target's median round (errors count every round)`);
  lines.push('');
  lines.push(`${pad('target', 38)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('errors', 9)}${lpad('server CPU ms/req', 19)}`);
  const row = (name: string, m: Measured<LoadResult>) => {
    if ('missing' in m) return `${pad(name, 38)}  not measured yet: ${m.missing}`;
    const r = m.value;
    const cpu = r.serverCpuMsPerRequest === undefined ? '—' : r.serverCpuMsPerRequest.toFixed(2);
    return `${pad(name, 38)}${lpad(r.requestsPerSec.toFixed(0), 9)}${lpad(String(r.p50Ms), 9)}${lpad(String(r.p99Ms), 9)}${lpad(String(r.errors), 9)}${lpad(cpu, 19)}`;
  };
  lines.push(row('bare restify JSON route (HTTP floor)', f.floor));
  lines.push(row('botbuilder echo bot (framework floor)', f.echo));
  lines.push(row('PolicyGuide /api/messages', f.policyGuide));
  lines.push('');
  const a = f.answer;
  lines.push(`in-process answer (${a.answers} answers, process.hrtime): p50 ${a.p50Ms.toFixed(3)} ms, p99 ${a.p99Ms.toFixed(3)} ms, max ${a.maxMs.toFixed(1)} ms; CPU time p99 ${a.cpuP99Ms.toFixed(3)} ms`);
  lines.push(
    `cold start to first answer (spawning \`node dist/server.js\` with a fresh DATA_DIR, median; the build \`npm run bot\` runs first is not timed): ${'value' in f.coldStartMs ? `${Math.round(f.coldStartMs.value)} ms` : `not measured yet: ${f.coldStartMs.missing}`}`,
  );
  if ('value' in f.memory) {
    const m = f.memory.value;
    const soak = m.afterSoakMb === undefined ? 'soak skipped' : `after a further ${m.soakSec} s of load ${m.afterSoakMb.toFixed(1)}`;
    lines.push(`PolicyGuide RSS MB: idle ${m.idleMb.toFixed(1)}, after the load ${m.afterLoadMb.toFixed(1)}, ${soak}`);
  } else lines.push(`PolicyGuide RSS: not measured yet: ${f.memory.missing}`);
  if ('value' in f.alert) {
    const al = f.alert.value;
    lines.push(`report submit → DSL alert posted (${al.alerts} reports): p50 ${al.p50Ms.toFixed(1)} ms, p99 ${al.p99Ms.toFixed(1)} ms`);
  } else lines.push(`report submit → DSL alert posted: not measured yet: ${f.alert.missing}`);
  if (h.cpuPerRequestRatio !== null) lines.push(`server CPU per request, PolicyGuide ÷ echo bot: ${h.cpuPerRequestRatio}× (the inverse of the throughput ratio a CPU-bound server would reach on an idle machine)`);
  lines.push('');
  lines.push(`${pad('target', 36)}${pad('goal', 12)}${lpad('measured', 12)}  result`);
  for (const t of targets(h)) {
    const measured = t.value === null ? '—' : `${t.value}${t.unit}`;
    const result = t.value === null ? 'not measured yet' : t.met(t.value) ? 'met' : 'MISSED';
    lines.push(`${pad(t.name, 36)}${pad(t.goal, 12)}${lpad(measured, 12)}  ${result}`);
  }
  return lines.join('\n');
}
