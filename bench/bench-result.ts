/** @module What a bench run measured, the JSON report projected from it, and the targets. */
import type { ColdStart } from './cold-start.js'
import type { HttpRun } from './http-load.js'
import type { LatencySummary } from './percentile.js'
import { round } from './percentile.js'
import type { ContenderStep, IngestStep } from './scale-point.js'

/** Names of the baselines, as the reports show them. */
export const BASELINES = ['minisearch', 'naive'] as const
export type BaselineName = (typeof BASELINES)[number]

/** One corpus size: its ingest, the system and the baselines measured on it. */
export interface PointResult {
  /** Units asked for (0: the seeds alone). */
  target: number
  ingest: IngestStep
  system: ContenderStep
  baselines: Partial<Record<BaselineName, ContenderStep>>
  /** Why a baseline or a number is missing at this size. */
  notes: string[]
}

/** Everything one run measured; the JSON and Markdown reports are views of it. */
export interface BenchRun {
  meta: {
    quick: boolean
    /** `parallel`: scale ingests ran beside other steps on the second core; `serial`: one step at a time. */
    schedule: 'parallel' | 'serial'
    startedAt: string
    totalMs: number
    node: string
    cpus: number
    cpuModel: string
    questions: number
    seed: number
    /**
     * One-minute load average of the machine, sampled through the run. Above the CPU count,
     * other processes competed for the cores and every number here is pessimistic.
     */
    loadAverage: { start: number; max: number; end: number }
    notes: string[]
  }
  seeds: PointResult
  http: HttpRun[]
  httpServerRssMB: number | null
  coldStarts: ColdStart[]
  scale: PointResult[]
}

/** A target of issue 10 and whether this run met it. */
export interface TargetCheck {
  target: string
  measured: string
  /** null: not measured in this run. */
  pass: boolean | null
}

/** The clause count from which a point counts as the "100k clauses" point. */
const HUNDRED_K = 100_000
/** Bytes in the "1 GB", as MB (2^20 bytes). */
const ONE_GB_IN_MB = 1024

/** The targets, checked against a run. Tests do not time anything: the bench reports. */
export function checkTargets(run: BenchRun): TargetCheck[] {
  const at100k = run.scale.find((p) => p.ingest.clauses >= HUNDRED_K && p.target < 10 * HUNDRED_K)
  const http16 = run.http.find((h) => h.connections === 16)
  const coldStart = medianColdStart(run)
  const seedSearch = run.seeds.system.search.p95ms
  const minisearch = run.seeds.baselines.minisearch
  return [
    check('query p95 ≤ 5 ms at seed scale', `${seedSearch} ms`, seedSearch <= 5),
    at100k
      ? check(
          'query p95 ≤ 20 ms at 100k clauses',
          `${at100k.system.search.p95ms} ms at ${at100k.ingest.clauses} clauses`,
          at100k.system.search.p95ms <= 20
        )
      : missing('query p95 ≤ 20 ms at 100k clauses'),
    at100k
      ? check(
          'RSS ≤ 1 GB at 100k clauses',
          `${at100k.system.rssMB} MB (peak ${at100k.system.peakRssMB} MB)`,
          at100k.system.rssMB <= ONE_GB_IN_MB
        )
      : missing('RSS ≤ 1 GB at 100k clauses'),
    http16
      ? check(
          '/api/chat ≥ 2,000 req/s at p99 ≤ 50 ms, 16 connections',
          `${http16.reqPerSec} req/s, p99 ${http16.p99ms} ms, ${http16.errors} errors`,
          http16.reqPerSec >= 2000 && http16.p99ms <= 50 && http16.errors === 0
        )
      : missing('/api/chat ≥ 2,000 req/s at p99 ≤ 50 ms, 16 connections'),
    coldStart !== null
      ? check('cold start ≤ 2 s', `${coldStart} ms`, coldStart <= 2000)
      : missing('cold start ≤ 2 s'),
    minisearch
      ? check(
          'latency no worse than MiniSearch at higher recall (seeds)',
          `p95 ${seedSearch} vs ${minisearch.search.p95ms} ms; recall@5 ${run.seeds.system.recall5} vs ${minisearch.recall5}`,
          seedSearch <= minisearch.search.p95ms && run.seeds.system.recall5 > minisearch.recall5
        )
      : missing('latency no worse than MiniSearch at higher recall (seeds)'),
  ]
}

/** The median of the cold starts to first answer, ms; null when none ran. */
export function medianColdStart(run: BenchRun): number | null {
  const times = run.coldStarts.map((c) => c.firstAnswerMs).sort((a, b) => a - b)
  return times.length ? times[Math.floor((times.length - 1) / 2)] : null
}

/** The JSON report: the fields issue 10 names, then the targets and how the run was made. */
export function toJsonReport(run: BenchRun) {
  const { ingest, system } = run.seeds
  const baseline = (name: BaselineName) => {
    const seed = run.seeds.baselines[name]
    if (!seed) return null
    return {
      ...latency(seed.search),
      recall5: seed.recall5,
      rssMB: seed.rssMB,
      latencyRatio: ratio(system.search.p95ms, seed.search.p95ms),
      recallRatio: ratio(system.recall5, seed.recall5),
      scale: run.scale.flatMap((p) => {
        const b = p.baselines[name]
        return b
          ? [
              {
                clauses: p.ingest.clauses,
                p95ms: b.search.p95ms,
                rssMB: b.rssMB,
                recall5: b.recall5,
                latencyRatio: ratio(p.system.search.p95ms, b.search.p95ms),
                recallRatio: ratio(p.system.recall5, b.recall5),
              },
            ]
          : []
      }),
    }
  }
  return {
    ingest: {
      ms: ingest.ingestMs,
      clauses: ingest.clauses,
      clausesPerSec: round(ingest.clauses / (ingest.ingestMs / 1000), 0),
    },
    query: latency(system.search),
    answer: system.answer ? latency(system.answer) : null,
    http: Object.fromEntries(
      run.http.map((h) => [
        String(h.connections),
        { reqPerSec: h.reqPerSec, p50ms: h.p50ms, p99ms: h.p99ms, errors: h.errors },
      ])
    ),
    coldStartMs: medianColdStart(run),
    rssMB: run.coldStarts[0]?.rssMB ?? null,
    scale: run.scale.map((p) => ({
      clauses: p.ingest.clauses,
      ingestMs: p.ingest.ingestMs,
      indexMB: p.ingest.indexMB,
      p95ms: p.system.search.p95ms,
      rssMB: p.system.rssMB,
      recall5: p.system.recall5,
    })),
    baselines: Object.fromEntries(BASELINES.map((name) => [name, baseline(name)])),
    targets: checkTargets(run),
    meta: run.meta,
  }
}

function latency(summary: LatencySummary): LatencySummary {
  return { p50ms: summary.p50ms, p95ms: summary.p95ms, p99ms: summary.p99ms }
}

/** system ÷ baseline, 2 places; null when the baseline is 0. */
function ratio(system: number, baseline: number): number | null {
  return baseline > 0 ? round(system / baseline, 2) : null
}

function check(target: string, measured: string, pass: boolean): TargetCheck {
  return { target, measured, pass }
}

function missing(target: string): TargetCheck {
  return { target, measured: 'not measured in this run', pass: null }
}
