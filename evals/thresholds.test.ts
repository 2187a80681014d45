import { describe, expect, it } from 'vitest'
import { METRIC_KEYS, type MetricSet } from './metrics.js'
import { checkThresholds, loadThresholds, ThresholdsSchema } from './thresholds.js'

const metrics = (overrides: Partial<MetricSet> = {}): MetricSet => ({
  ...(Object.fromEntries(METRIC_KEYS.map((key) => [key, 0.9])) as MetricSet),
  falseAbstain: 0,
  p50ms: 2,
  p95ms: 8,
  ...overrides,
})

describe('checkThresholds', () => {
  const thresholds = ThresholdsSchema.parse({
    floors: { recall5: 0.9, mrr: 0.85 },
    ceilings: { falseAbstain: 0.05, p95ms: 100 },
  })

  it('should pass metrics at or beyond their limits', () => {
    expect(checkThresholds(metrics(), thresholds)).toEqual([])
  })

  it('should name the metric, its value and the floor it fell below', () => {
    expect(checkThresholds(metrics({ mrr: 0.8 }), thresholds)).toEqual([
      'mrr = 0.8 is below its floor 0.85',
    ])
  })

  it('should name a metric above its ceiling', () => {
    expect(checkThresholds(metrics({ p95ms: 250 }), thresholds)).toEqual([
      'p95ms = 250 is above its ceiling 100',
    ])
  })

  it('should fail a limited metric that was not measured', () => {
    expect(checkThresholds(metrics({ recall5: null }), thresholds)).toEqual([
      'recall5 was not measured (no question to measure it on); its limit is 0.9',
    ])
  })
})

describe('loadThresholds', () => {
  it('should read evals/thresholds.json with a floor for every higher-is-better fraction', async () => {
    const thresholds = await loadThresholds()
    expect(Object.keys(thresholds.floors).sort()).toEqual(
      ['abstain', 'citeHit', 'cityPrecision', 'coverage', 'facts', 'mrr', 'recall5'].sort()
    )
    expect(thresholds.ceilings.falseAbstain).toBeDefined()
  })
})
