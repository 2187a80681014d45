/** @module Report rendering: an evaluation → console table, Markdown report and SVG bar chart (strings only). */
import {
  isRelatedUnit,
  LOWER_IS_BETTER,
  METRIC_KEYS,
  type MetricKey,
  type MetricSet,
} from './metrics.js'
import { BASELINE_NAMES, type EvalReport, type QuestionReport } from './evaluate.js'
import { QUESTION_TYPES } from './questions.js'

/** What each metric means, in one line, for the report's table. */
export const METRIC_MEANINGS: Record<MetricKey, string> = {
  recall5: 'a gold unit (or its ancestor or descendant) is among the first k search results',
  mrr: '1 / rank of the first such result, 0 when none is in the top k',
  citeHit: 'the answer cites at least one gold unit (or a descendant, or an alsoAccept unit)',
  coverage: 'share of the gold units the answer cites, averaged over questions',
  cityPrecision: 'share of all citations whose city is a city of the gold units',
  facts: 'share of the fact strings found verbatim in the answer (NFKC, no white space)',
  abstain: 'share of unanswerable questions answered with abstained or no citation',
  falseAbstain: 'share of answerable questions abstained on (lower is better)',
  p50ms: 'median time of one answer, ms (lower is better)',
  p95ms: '95th-percentile time of one answer, ms (lower is better)',
}

/** Metrics drawn in the chart: the fractions (times have another scale and vary by machine). */
const CHART_METRICS: MetricKey[] = METRIC_KEYS.filter((key) => !key.endsWith('ms'))

/** Colours of the contenders in the chart: the system stands out, the baselines are muted. */
const CHART_COLOURS: Record<string, string> = {
  system: '#2563eb',
  naive: '#9ca3af',
  bm25: '#f59e0b',
}

/** Chart geometry, in px. */
const CHART = {
  barWidth: 18,
  barGap: 3,
  groupGap: 26,
  plotHeight: 220,
  left: 44,
  top: 40,
  bottom: 64,
  right: 16,
}

/** Characters of an answer shown for a failing question. */
const ANSWER_EXCERPT = 240

/** A metric's label for people: recall5 reads recall@k. */
export function metricLabel(key: MetricKey, k: number): string {
  const labels: Partial<Record<MetricKey, string>> = { recall5: `recall@${k}`, mrr: 'MRR' }
  return labels[key] ?? key
}

/** A metric's value for people: fractions with 3 decimals, times with 1, — when unmeasured. */
export function formatMetric(key: MetricKey, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return key.endsWith('ms') ? value.toFixed(1) : value.toFixed(3)
}

/** The contenders of a report that ran, system first. */
function contendersOf(report: EvalReport): { name: string; metrics: MetricSet }[] {
  const baselines = BASELINE_NAMES.flatMap((name) => {
    const metrics = report.baselines[name]
    return metrics ? [{ name, metrics }] : []
  })
  return [{ name: 'system', metrics: report.system }, ...baselines]
}

/**
 * The console summary: system vs baselines per metric, the system per question type, the
 * failures, and last a one-line summary of the system (`recall@5 0.957  MRR 0.874  …`).
 */
export function renderConsole(report: EvalReport): string {
  const { k } = report.meta
  const contenders = contendersOf(report)
  const lines: string[] = []
  const rows = METRIC_KEYS.map((key) => [
    metricLabel(key, k),
    ...contenders.map((c) => formatMetric(key, c.metrics[key])),
  ])
  lines.push(...table(['metric', ...contenders.map((c) => c.name)], rows), '')

  const typeKeys = METRIC_KEYS.filter((key) => !key.endsWith('ms'))
  const typeRows = QUESTION_TYPES.flatMap((type) => {
    const metrics = report.byType[type]
    if (!metrics) return []
    const n = report.questions.filter((q) => q.type === type).length
    return [[type, String(n), ...typeKeys.map((key) => formatMetric(key, metrics[key]))]]
  })
  lines.push(
    'system by question type:',
    ...table(['type', 'n', ...typeKeys.map((key) => metricLabel(key, k))], typeRows),
    ''
  )

  if (report.followups) {
    lines.push(...followupLines(report, table), '')
  }

  const failing = report.questions.filter((q) => !q.pass)
  lines.push(`failing: ${failing.length} of ${report.questions.length} questions`)
  for (const q of failing) lines.push(`  ${q.id} (${q.type}): ${q.reasons.join('; ')}`)
  for (const warning of report.meta.warnings) lines.push(`warning: ${warning}`)
  lines.push('', summaryLine(report.system, k))
  return lines.join('\n')
}

/** `recall@5 0.957  MRR 0.874  citeHit …  p95 …ms`: the line a script or a person greps for. */
export function summaryLine(metrics: MetricSet, k: number): string {
  const fractions = CHART_METRICS.map(
    (key) => `${metricLabel(key, k)} ${formatMetric(key, metrics[key])}`
  )
  return [
    ...fractions,
    `p50 ${formatMetric('p50ms', metrics.p50ms)}ms`,
    `p95 ${formatMetric('p95ms', metrics.p95ms)}ms`,
  ].join('  ')
}

/** The Markdown report; `chartFile` is the SVG's path relative to the report. */
export function renderMarkdown(report: EvalReport, chartFile: string): string {
  const { meta } = report
  const { k } = meta
  const contenders = contendersOf(report)
  const out: string[] = []
  out.push('# Evaluation report', '')
  out.push(
    `${meta.questions} questions (${meta.answerable} answerable), top ${k} results scored, validity judged on ${meta.today}, ` +
      `index ${meta.indexVersion} of ${meta.documents.length} documents${meta.docs.length ? ` (seeds + ${meta.docs.join(', ')})` : ' (seeds)'}.`,
    ''
  )
  out.push(`![system vs baselines per metric](${chartFile})`, '')

  out.push('## Metrics: system and baselines side by side', '')
  out.push(
    ...mdTable(
      ['metric', ...contenders.map((c) => c.name), 'meaning'],
      METRIC_KEYS.map((key) => [
        metricLabel(key, k),
        ...contenders.map((c) =>
          bestMarked(
            key,
            c.metrics[key],
            contenders.map((o) => o.metrics[key])
          )
        ),
        METRIC_MEANINGS[key],
      ])
    ),
    '',
    'Bold marks the best value of a row. naive: fixed-size chunks (RecursiveCharacterTextSplitter) + the same embedding + HNSWLib, answering with the top chunk. bm25: MiniSearch over the system’s chunks, text only, answering with the top chunk. Neither abstains on purpose.',
    ''
  )

  const typeKeys = METRIC_KEYS.filter((key) => !key.endsWith('ms'))
  out.push('## System by question type', '')
  out.push(
    ...mdTable(
      ['type', 'n', ...typeKeys.map((key) => metricLabel(key, k))],
      QUESTION_TYPES.flatMap((type) => {
        const metrics = report.byType[type]
        if (!metrics) return []
        const n = report.questions.filter((q) => q.type === type).length
        return [[type, String(n), ...typeKeys.map((key) => formatMetric(key, metrics[key]))]]
      })
    ),
    ''
  )

  if (contenders.length > 1) {
    out.push(`## recall@${k} and citeHit by question type, side by side`, '')
    const names = contenders.map((c) => c.name)
    const byType = (name: string) =>
      name === 'system'
        ? report.byType
        : (report.baselinesByType[name as (typeof BASELINE_NAMES)[number]] ?? {})
    out.push(
      ...mdTable(
        ['type', ...names.map((n) => `${n} recall@${k}`), ...names.map((n) => `${n} citeHit`)],
        QUESTION_TYPES.flatMap((type) => {
          if (!report.byType[type]) return []
          return [
            [
              type,
              ...names.map((n) => formatMetric('recall5', byType(n)[type]?.recall5)),
              ...names.map((n) => formatMetric('citeHit', byType(n)[type]?.citeHit)),
            ],
          ]
        })
      ),
      ''
    )
  }

  if (report.followups) {
    out.push('## Follow-ups: history in the request vs conversationId alone', '')
    out.push(...followupLines(report, mdTable), '')
  }

  const failing = report.questions.filter((q) => !q.pass)
  out.push(`## Failing questions (${failing.length} of ${report.questions.length})`, '')
  if (failing.length === 0) out.push('None.', '')
  for (const q of failing) out.push(...failingQuestion(q, k))

  if (meta.warnings.length) {
    out.push('## Warnings', '', ...meta.warnings.map((w) => `- ${escapeMd(w)}`), '')
  }
  return out.join('\n')
}

/**
 * The questions with earlier turns, answered with the turns as `history` and with only a
 * `conversationId` (earlier user turns asked first): the two rows should match.
 */
function followupLines(
  report: EvalReport,
  render: (header: string[], rows: string[][]) => string[]
): string[] {
  const { followups, meta } = report
  if (!followups) return []
  // Follow-ups are answerable, so abstention accuracy has nothing to count; latency includes
  // the replayed turns and says nothing here.
  const keys = METRIC_KEYS.filter((key) => !key.endsWith('ms') && key !== 'abstain')
  const row = (name: string, metrics: MetricSet) => [
    name,
    String(followups.questions),
    ...keys.map((key) => formatMetric(key, metrics[key])),
  ]
  return [
    `follow-ups (questions with earlier turns), two ways:`,
    ...render(
      ['sent as', 'n', ...keys.map((key) => metricLabel(key, meta.k))],
      [row('history', followups.history), row('conversationId', followups.conversationId)]
    ),
  ]
}

/**
 * A grouped bar chart, one group per fraction metric and one bar per contender, with the value
 * over each bar. Plain SVG 1.1, no scripts or external resources, so it renders anywhere.
 */
export function renderChart(report: EvalReport): string {
  const { k } = report.meta
  const contenders = contendersOf(report)
  const groupWidth = contenders.length * (CHART.barWidth + CHART.barGap) - CHART.barGap
  const plotWidth = CHART_METRICS.length * (groupWidth + CHART.groupGap)
  const width = CHART.left + plotWidth + CHART.right
  const height = CHART.top + CHART.plotHeight + CHART.bottom
  const baseY = CHART.top + CHART.plotHeight
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>System vs baselines per metric (fractions 0–1; higher is better except falseAbstain)</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`
  )
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const y = baseY - tick * CHART.plotHeight
    parts.push(
      `<line x1="${CHART.left}" y1="${y}" x2="${CHART.left + plotWidth}" y2="${y}" stroke="#e5e7eb"/>`,
      `<text x="${CHART.left - 6}" y="${y + 4}" text-anchor="end" fill="#374151">${tick.toFixed(2)}</text>`
    )
  }
  CHART_METRICS.forEach((key, g) => {
    const groupX = CHART.left + CHART.groupGap / 2 + g * (groupWidth + CHART.groupGap)
    contenders.forEach((c, i) => {
      const value = c.metrics[key]
      const x = groupX + i * (CHART.barWidth + CHART.barGap)
      const h = (value ?? 0) * CHART.plotHeight
      parts.push(
        `<rect x="${x}" y="${(baseY - h).toFixed(1)}" width="${CHART.barWidth}" height="${h.toFixed(1)}" fill="${CHART_COLOURS[c.name] ?? '#6b7280'}"><title>${c.name} ${metricLabel(key, k)} ${formatMetric(key, value)}</title></rect>`,
        `<text x="${x + CHART.barWidth / 2}" y="${(baseY - h - 3).toFixed(1)}" text-anchor="middle" font-size="8" fill="#111827">${value === null ? '—' : value.toFixed(2)}</text>`
      )
    })
    const label = metricLabel(key, k) + (key === 'falseAbstain' ? ' ↓' : '')
    parts.push(
      `<text x="${groupX + groupWidth / 2}" y="${baseY + 16}" text-anchor="middle" fill="#111827">${escapeXml(label)}</text>`
    )
  })
  parts.push(
    `<line x1="${CHART.left}" y1="${baseY}" x2="${CHART.left + plotWidth}" y2="${baseY}" stroke="#111827"/>`
  )
  contenders.forEach((c, i) => {
    const x = CHART.left + i * 90
    parts.push(
      `<rect x="${x}" y="12" width="12" height="12" fill="${CHART_COLOURS[c.name] ?? '#6b7280'}"/>`,
      `<text x="${x + 16}" y="22" fill="#111827">${escapeXml(c.name)}</text>`
    )
  })
  parts.push(
    `<text x="${CHART.left}" y="${height - 12}" fill="#6b7280">${report.meta.questions} questions · ↓ lower is better · latency is in the report’s table</text>`,
    '</svg>'
  )
  return parts.join('\n') + '\n'
}

function failingQuestion(q: QuestionReport, k: number): string[] {
  const unit = (u: { docKey: string; path: string }) => `\`${u.docKey} ${u.path}\``
  const related = (u: { docKey: string; path: string }) => q.gold.some((g) => isRelatedUnit(u, g))
  const lines = [`### ${q.id} (${q.type}) ${escapeMd(q.question)}`, '']
  lines.push(`- why: ${escapeMd(q.reasons.join('; '))}`)
  lines.push(`- gold: ${q.gold.length ? q.gold.map(unit).join(', ') : '(none: should abstain)'}`)
  lines.push(
    `- retrieved (top ${k}): ${q.retrieved.map((u, i) => `${i + 1}. ${unit(u)}${related(u) ? ' ✓' : ''}`).join('  ') || '(nothing)'}`
  )
  lines.push(
    `- cited: ${q.citations.map((c) => `${c.city} ${unit(c)}`).join(', ') || '(none)'}${q.abstained ? ' — abstained' : ''}`
  )
  const excerpt =
    q.answer.length > ANSWER_EXCERPT ? `${q.answer.slice(0, ANSWER_EXCERPT)}…` : q.answer
  lines.push(`- answer: ${escapeMd(excerpt.replace(/\s*\n\s*/g, ' ⏎ '))}`, '')
  return lines
}

function bestMarked(key: MetricKey, value: number | null, all: (number | null)[]): string {
  const text = formatMetric(key, value)
  const values = all.filter((v): v is number => v !== null)
  if (value === null || values.length < 2) return text
  const best = LOWER_IS_BETTER.has(key) ? Math.min(...values) : Math.max(...values)
  return value === best ? `**${text}**` : text
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i] - width(c)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch
      )
        ? 2
        : 1
  return w
}

function mdTable(header: string[], rows: string[][]): string[] {
  const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  return [row(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(row)]
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1')
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
