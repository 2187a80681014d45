import { describe, expect, it } from 'vitest'
import { medianRun, round, summarise } from './percentile.js'

describe('summarise', () => {
  it('gives nearest-rank p50, p95 and p99 of an unsorted sample', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i) // 100 … 1
    expect(summarise(values)).toEqual({ p50ms: 50, p95ms: 95, p99ms: 99 })
  })

  it('takes the largest value for a high percentile of a small sample', () => {
    expect(summarise([1, 2, 3, 4, 100])).toEqual({ p50ms: 3, p95ms: 100, p99ms: 100 })
  })

  it('gives the value itself for a sample of one', () => {
    expect(summarise([7.25])).toEqual({ p50ms: 7.25, p95ms: 7.25, p99ms: 7.25 })
  })

  it('rounds to hundredths of a millisecond', () => {
    expect(summarise([1.23456]).p50ms).toBe(1.23)
  })

  it('does not reorder the caller’s sample', () => {
    const values = [3, 1, 2]
    summarise(values)
    expect(values).toEqual([3, 1, 2])
  })

  it('refuses an empty sample', () => {
    expect(() => summarise([])).toThrow(/empty/)
  })
})

describe('round', () => {
  it('keeps the given number of decimal places', () => {
    expect(round(1234.5678, 0)).toBe(1235)
    expect(round(0.123456, 4)).toBe(0.1235)
  })
})

describe('medianRun', () => {
  it('picks the run with the median value, the lower middle of an even count', () => {
    const runs = [{ p95: 3 }, { p95: 1 }, { p95: 2 }]
    expect(medianRun(runs, (r) => r.p95)).toBe(runs[2])
    expect(medianRun([{ p95: 4 }, { p95: 1 }], (r) => r.p95)).toEqual({ p95: 1 })
  })

  it('refuses no runs', () => {
    expect(() => medianRun([], () => 0)).toThrow(/no runs/)
  })
})
