/** @module Thresholds: the CI gate's floors and ceilings per metric (evals/thresholds.json). */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { METRIC_KEYS, type MetricSet } from './metrics.js'

const metricLimits = z.partialRecord(z.enum(METRIC_KEYS), z.number().nonnegative())

export const ThresholdsSchema = z
  .object({
    $comment: z.string().optional(),
    /** A metric below its floor fails the gate (metrics where higher is better). */
    floors: metricLimits,
    /** A metric above its ceiling fails the gate (falseAbstain and latencies). */
    ceilings: metricLimits.default({}),
  })
  .strict()
export type Thresholds = z.infer<typeof ThresholdsSchema>

/** The gate's limits, read from the JSON file next to this module. */
export const THRESHOLDS_FILE = new URL('./thresholds.json', import.meta.url)

/** Reads and checks a thresholds file. */
export async function loadThresholds(file: URL | string = THRESHOLDS_FILE): Promise<Thresholds> {
  const parsed = ThresholdsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `eval: thresholds ${String(file)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`
    )
  }
  return parsed.data
}

/**
 * The metrics that break a limit, each as a sentence naming the metric, its value and the limit;
 * empty when all hold. A metric with a limit but no value (nothing to measure it on) breaks it.
 */
export function checkThresholds(metrics: MetricSet, thresholds: Thresholds): string[] {
  const broken: string[] = []
  for (const key of METRIC_KEYS) {
    const value = metrics[key]
    const floor = thresholds.floors[key]
    const ceiling = thresholds.ceilings[key]
    if (floor === undefined && ceiling === undefined) continue
    if (value === null) {
      broken.push(
        `${key} was not measured (no question to measure it on); its limit is ${floor ?? ceiling}`
      )
      continue
    }
    if (floor !== undefined && value < floor)
      broken.push(`${key} = ${value} is below its floor ${floor}`)
    if (ceiling !== undefined && value > ceiling)
      broken.push(`${key} = ${value} is above its ceiling ${ceiling}`)
  }
  return broken
}
