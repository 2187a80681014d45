import { describe, expect, it } from 'vitest'
import { checkTargets, toJsonReport, type BenchRun, type PointResult } from './bench-result.js'
import type { ContenderStep } from './scale-point.js'

const step = (p95ms: number, recall5: number, rssMB: number): ContenderStep => ({
  recall5,
  search: { p50ms: p95ms / 2, p95ms, p99ms: p95ms * 2 },
  firstSearch: { p50ms: p95ms, p95ms, p99ms: p95ms },
  answer: { p50ms: 1, p95ms: 2, p99ms: 3 },
  samples: 265,
  loadMs: 100,
  rssMB,
  peakRssMB: rssMB + 10,
})

const point = (
  clauses: number,
  system: ContenderStep,
  minisearch?: ContenderStep
): PointResult => ({
  target: clauses,
  ingest: {
    clauses,
    chunks: clauses,
    documents: 6,
    generateMs: 0,
    ingestMs: 2000,
    indexMB: 2,
    peakRssMB: 400,
  },
  system,
  baselines: minisearch ? { minisearch } : {},
  notes: [],
})

const run = (seedP95: number, p95At100k: number): BenchRun => ({
  meta: {
    quick: true,
    schedule: 'serial',
    startedAt: '2026-11-23T00:00:00Z',
    totalMs: 1000,
    node: '20',
    cpus: 2,
    cpuModel: 'test',
    questions: 53,
    seed: 1,
    loadAverage: { start: 0, max: 0, end: 0 },
    notes: [],
  },
  seeds: point(415, step(seedP95, 1, 450), step(1, 0.8, 400)),
  http: [
    { connections: 16, reqPerSec: 2500, p50ms: 5, p99ms: 20, errors: 0, requests: 10_000 },
    { connections: 64, reqPerSec: 2600, p50ms: 20, p99ms: 80, errors: 0, requests: 10_400 },
  ],
  httpServerRssMB: 500,
  coldStarts: [{ firstAnswerMs: 1500, listeningMs: 1200, rssMB: 450 }],
  scale: [point(100_015, step(p95At100k, 1, 900))],
})

describe('checkTargets', () => {
  it('passes each target the run meets', () => {
    const checks = checkTargets(run(0.5, 10))
    expect(checks.map((c) => c.pass)).toEqual([true, true, true, true, true, true])
  })

  it('fails a target the run misses and says what was measured', () => {
    const checks = checkTargets(run(6, 450))
    expect(checks[0]).toMatchObject({ pass: false, measured: '6 ms' })
    expect(checks[1]).toMatchObject({ pass: false, measured: '450 ms at 100015 clauses' })
    expect(checks[5].pass).toBe(false) // slower than MiniSearch
  })

  it('marks targets without a measurement as not measured', () => {
    const checks = checkTargets({ ...run(1, 1), scale: [], http: [] })
    expect(checks[1].pass).toBeNull()
    expect(checks[3].pass).toBeNull()
  })
})

describe('toJsonReport', () => {
  it('has the fields issue 10 names', () => {
    const json = toJsonReport(run(1, 10))
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'ingest',
        'query',
        'answer',
        'http',
        'coldStartMs',
        'rssMB',
        'scale',
        'baselines',
      ])
    )
    expect(Object.keys(json.ingest)).toEqual(['ms', 'clauses', 'clausesPerSec'])
    expect(Object.keys(json.query)).toEqual(['p50ms', 'p95ms', 'p99ms'])
    expect(Object.keys(json.http)).toEqual(['16', '64'])
    expect(Object.keys(json.http['16'])).toEqual(['reqPerSec', 'p50ms', 'p99ms', 'errors'])
    expect(Object.keys(json.scale[0])).toEqual([
      'clauses',
      'ingestMs',
      'indexMB',
      'p95ms',
      'rssMB',
      'recall5',
    ])
  })

  it('gives system ÷ baseline ratios', () => {
    const json = toJsonReport(run(2, 10))
    expect(json.baselines.minisearch).toMatchObject({ latencyRatio: 2, recallRatio: 1.25 })
    expect(json.baselines.naive).toBeNull()
  })
})
