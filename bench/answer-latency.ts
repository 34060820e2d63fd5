import { loadAnswerEngine } from '../src/policy/engine';

export interface AnswerLatency {
  answers: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time per answer (process.cpuUsage): unlike wall time, not inflated when a busy machine preempts the process. */
  cpuP99Ms: number;
}

/**
 * The answer engine alone, in this process: `count` answers cycling through the question set,
 * each timed with process.hrtime. One untimed pass first, so the figures are the steady state a
 * running bot sees (the first pass is the cold-start row's business).
 */
export function measureAnswerLatency(questions: string[], count: number): AnswerLatency {
  const engine = loadAnswerEngine();
  questions.forEach((q) => engine.answer(q));
  const samples = new Float64Array(count);
  const cpuSamples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const question = questions[i % questions.length];
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    engine.answer(question);
    samples[i] = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    cpuSamples[i] = (used.user + used.system) / 1000;
  }
  samples.sort();
  cpuSamples.sort();
  return { answers: count, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: samples[count - 1], cpuP99Ms: percentile(cpuSamples, 99) };
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
