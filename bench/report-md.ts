/** @module The Markdown report of a bench run, with its scale chart. */
import {
  BASELINES,
  checkTargets,
  medianColdStart,
  type BenchRun,
  type PointResult,
} from './bench-result.js'
import type { HotSpot } from './cpu-profile.js'
import { renderScaleChart, SERIES_COLOURS, type Panel, type Series } from './scale-chart.js'

/** Hot spots shown from a profile. */
const PROFILE_ROWS = 15

/**
 * The report: targets with pass/fail, the seed-scale numbers against the baselines, HTTP, cold
 * start, the scale table and chart, and (with `--profile`) the top functions of each profile.
 * `chartFile` is the SVG's name as the Markdown links it (written beside the report).
 */
export function renderMarkdown(
  run: BenchRun,
  chartFile: string,
  profiles: ReadonlyArray<{ step: string; spots: HotSpot[] }> = []
): string {
  const { meta, seeds } = run
  const out: string[] = [
    '# Performance and scale benchmark',
    '',
    `${meta.quick ? 'Quick' : 'Full'} run of ${meta.startedAt}, ${(meta.totalMs / 1000).toFixed(0)} s in all; ` +
      `Node ${meta.node} on ${meta.cpus} × ${meta.cpuModel}; ${meta.questions} dev questions; corpus seed ${meta.seed}; ` +
      `load average ${meta.loadAverage.start} → max ${meta.loadAverage.max} (${meta.cpus} cores); ` +
      `schedule: ${meta.schedule === 'parallel' ? 'seed steps and cold start alone, then the ≥100k ingest on one core beside the smaller points on the other; HTTP and the ≥100k measurements alone' : 'one step at a time'}.`,
    '',
    '## Targets (issue 10)',
    '',
    table(
      ['target', 'measured', 'result'],
      checkTargets(run).map((t) => [
        t.target,
        t.measured,
        t.pass === null ? '—' : t.pass ? '✅ pass' : '❌ fail',
      ])
    ),
    '',
    '## Seeds: ingest and in-process latency',
    '',
    `Ingest of the seeds (\`ingest()\`, jieba start-up included): ${seeds.ingest.clauses} clauses, ${seeds.ingest.chunks} chunks ` +
      `in ${seeds.ingest.ingestMs} ms (${Math.round(seeds.ingest.clauses / (seeds.ingest.ingestMs / 1000))} clauses/s); index ${seeds.ingest.indexMB} MB.`,
    '',
    'Search = `engine.search` (what /api/search calls), answer = `engine.chat` (what /api/chat calls); ' +
      'timed after a warm-up, one question at a time. Baselines search the same questions over the same documents.',
    '',
    contenderTable(seeds),
    '',
    '## HTTP: POST /api/chat',
    '',
    'autocannon on 127.0.0.1 against `createApp` served by @hono/node-server in a child process (seed index), ' +
      'request bodies cycling through the dev questions; the engine as deployed, so repeated questions are answered from its answer cache ' +
      '(retrieval and extractive answer; in-process answer latency above is measured without it).',
    '',
    table(
      ['connections', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'requests'],
      run.http.map((h) => [h.connections, h.reqPerSec, h.p50ms, h.p99ms, h.errors, h.requests])
    ),
    '',
    `Server RSS after the load: ${run.httpServerRssMB ?? '—'} MB.`,
    '',
    '## Cold start',
    '',
    '`node --expose-gc .build/node.js` (what `npm start` runs after bundling) with INDEX_DIR at the seed index: process start to the first successful /api/chat answer.',
    '',
    table(
      ['run', 'listening ms', 'first answer ms', 'RSS MB'],
      run.coldStarts.map((c, i) => [i + 1, c.listeningMs, c.firstAnswerMs, c.rssMB ?? '—'])
    ),
    '',
    `Median: ${medianColdStart(run) ?? '—'} ms.`,
    '',
    '## Scale',
    '',
    'Synthetic cities made from the seeds (invented names, scaled amounts, swapped synonyms, shuffled sentences), ' +
      'indexed together with the seeds; recall@5 is on the dev questions, whose gold documents are the seeds hidden among them. ' +
      'Each step ran in its own process, so RSS is per step.',
    '',
    `![search p95 and RSS against corpus size](${chartFile})`,
    '',
    scaleTable(run),
    '',
    table(
      [
        'clauses',
        'contender',
        'search p95 ms',
        'recall@5',
        'RSS MB',
        'p95 ratio system/baseline',
        'recall ratio',
      ],
      [seeds, ...run.scale].flatMap((p) =>
        BASELINES.flatMap((name) => {
          const b = p.baselines[name]
          if (!b) return []
          return [
            [
              p.ingest.clauses,
              name,
              b.search.p95ms,
              b.recall5,
              b.rssMB,
              ratio(p.system.search.p95ms, b.search.p95ms),
              ratio(p.system.recall5, b.recall5),
            ],
          ]
        })
      )
    ),
    '',
  ]
  const notes = [
    ...meta.notes,
    ...[seeds, ...run.scale].flatMap((p) =>
      p.notes.map((n) => `${p.ingest.clauses} clauses: ${n}`)
    ),
  ]
  if (notes.length) out.push('## Notes', '', ...notes.map((n) => `- ${n}`), '')
  for (const profile of profiles) {
    out.push(
      `## CPU profile: ${profile.step}`,
      '',
      'From `node --cpu-prof`; self time is where samples landed, total includes callees.',
      '',
      table(
        ['function', 'self ms', 'self %', 'total ms'],
        [...profile.spots]
          .sort((a, b) => b.selfMs - a.selfMs)
          .slice(0, PROFILE_ROWS)
          .map((s) => [
            `\`${s.name}\``,
            Math.round(s.selfMs),
            (s.selfShare * 100).toFixed(1),
            Math.round(s.totalMs),
          ])
      ),
      ''
    )
  }
  return out.join('\n')
}

/** The chart: search p95 and RSS of each contender against clauses, with the targets. */
export function renderScaleSvg(run: BenchRun): string {
  const points = [run.seeds, ...run.scale]
  const series = (
    pick: (p: PointResult, name: 'system' | (typeof BASELINES)[number]) => number | undefined
  ): Series[] =>
    (['system', ...BASELINES] as const).map((name) => ({
      name,
      colour: SERIES_COLOURS[name],
      dashed: name !== 'system',
      points: points.flatMap((p) => {
        const value = pick(p, name)
        return value === undefined ? [] : [[p.ingest.clauses, value] as [number, number]]
      }),
    }))
  const step = (p: PointResult, name: 'system' | (typeof BASELINES)[number]) =>
    name === 'system' ? p.system : p.baselines[name]
  const panels: Panel[] = [
    {
      title: 'Search p95 latency',
      unit: 'ms',
      series: series((p, name) => step(p, name)?.search.p95ms),
      targets: [
        { label: '≤ 5 ms (seeds)', value: 5, from: 1, to: 1000 },
        { label: '≤ 20 ms (100k)', value: 20, from: 50_000, to: 200_000 },
      ],
    },
    {
      title: 'Resident memory (RSS)',
      unit: 'MB',
      series: series((p, name) => step(p, name)?.rssMB),
      targets: [{ label: '≤ 1 GB (100k)', value: 1024, from: 50_000, to: 200_000 }],
    },
  ]
  return renderScaleChart(panels, 'system solid, baselines dashed; red: targets of issue 10')
}

function contenderTable(point: PointResult): string {
  const rows: Array<Array<string | number>> = []
  const { system } = point
  rows.push([
    'system search',
    system.search.p50ms,
    system.search.p95ms,
    system.search.p99ms,
    system.recall5,
    system.rssMB,
    '—',
    '—',
  ])
  if (system.answer)
    rows.push([
      'system answer',
      system.answer.p50ms,
      system.answer.p95ms,
      system.answer.p99ms,
      '',
      '',
      '',
      '',
    ])
  for (const name of BASELINES) {
    const b = point.baselines[name]
    if (!b) continue
    rows.push([
      `${name} search`,
      b.search.p50ms,
      b.search.p95ms,
      b.search.p99ms,
      b.recall5,
      b.rssMB,
      ratio(system.search.p95ms, b.search.p95ms),
      ratio(system.recall5, b.recall5),
    ])
  }
  return table(
    [
      '',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'recall@5',
      'RSS MB',
      'p95 system/baseline',
      'recall system/baseline',
    ],
    rows
  )
}

function scaleTable(run: BenchRun): string {
  return table(
    [
      'clauses',
      'chunks',
      'ingest s',
      'ingest peak RSS MB',
      'clauses/s',
      'index MB',
      'load s',
      'search p95 ms',
      'first-pass p95 ms',
      'answer p95 ms',
      'RSS MB (peak)',
      'recall@5',
    ],
    [run.seeds, ...run.scale].map((p) => [
      p.ingest.clauses,
      p.ingest.chunks,
      (p.ingest.ingestMs / 1000).toFixed(1),
      p.ingest.peakRssMB,
      Math.round(p.ingest.clauses / (p.ingest.ingestMs / 1000)),
      p.ingest.indexMB,
      (p.system.loadMs / 1000).toFixed(1),
      p.system.search.p95ms,
      p.system.firstSearch.p95ms,
      p.system.answer?.p95ms ?? '—',
      `${p.system.rssMB} (${p.system.peakRssMB})`,
      p.system.recall5,
    ])
  )
}

function ratio(system: number, baseline: number): string {
  return baseline > 0 ? (system / baseline).toFixed(2) : '—'
}

function table(header: Array<string | number>, rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) =>
    `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
