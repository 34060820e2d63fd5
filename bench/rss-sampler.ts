import type { RunningTarget } from './child';

const SAMPLE_EVERY_MS = 500;

/**
 * RSS of a target sampled every half second while something runs. One reading lands anywhere on
 * the garbage collector's sawtooth (±30% under this load), so memory is compared as the median of
 * the readings taken under the same load: a leak moves the median, a collection does not.
 */
export async function medianRssWhile<T>(target: RunningTarget, run: () => Promise<T>): Promise<{ result: T; medianMb: number }> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(target.rssMb()), SAMPLE_EVERY_MS);
  try {
    const result = await run();
    return { result, medianMb: median(samples.length ? samples : [target.rssMb()]) };
  } finally {
    clearInterval(timer);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
