/** @module Latency statistics: nearest-rank percentiles (the eval's own function), summarised. */
import { percentile } from '../evals/metrics.js'

/** Percentiles of a latency sample, in milliseconds. */
export interface LatencySummary {
  p50ms: number
  p95ms: number
  p99ms: number
}

/** Decimal places kept in a reported latency: 0.01 ms tells a 0.2 ms query from a 0.3 ms one. */
const MS_DIGITS = 2

/**
 * p50, p95 and p99 (nearest rank, as evals/README.md defines p95) of a sample of times in ms,
 * rounded to {@link MS_DIGITS} places. Throws on an empty sample: a percentile of nothing is a
 * bug in the bench, not a zero.
 *
 * @example
 * summarise([1, 2, 3, 4, 100]) // { p50ms: 3, p95ms: 100, p99ms: 100 }
 */
export function summarise(values: readonly number[]): LatencySummary {
  if (values.length === 0) throw new Error('summarise: the latency sample is empty')
  return {
    p50ms: round(percentile(values, 50)!),
    p95ms: round(percentile(values, 95)!),
    p99ms: round(percentile(values, 99)!),
  }
}

/** Rounds a number of ms (or MB) for a report; 2 places unless told. */
export function round(value: number, digits = MS_DIGITS): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Runs `fn` and returns how long it took, in ms, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

/**
 * The run whose `value` is the median of the runs' (the lower middle one of an even count): a
 * contender timed several times is reported by its typical run, not its luckiest.
 *
 * @example
 * medianRun([{ p95: 3 }, { p95: 1 }, { p95: 2 }], (r) => r.p95) // { p95: 2 }
 */
export function medianRun<T>(runs: readonly T[], value: (run: T) => number): T {
  if (runs.length === 0) throw new Error('medianRun: no runs')
  const sorted = [...runs].sort((a, b) => value(a) - value(b))
  return sorted[(sorted.length - 1) >> 1]
}
