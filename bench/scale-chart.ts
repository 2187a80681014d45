/** @module The scale chart: latency and memory against corpus size, log–log, hand-written SVG. */

/** One line of a panel: a contender's values at the corpus sizes it was measured at. */
export interface Series {
  name: string
  colour: string
  /** [clauses, value] pairs; values ≤ 0 are not drawn (a log axis has no place for them). */
  points: Array<[number, number]>
  dashed?: boolean
}

/** A horizontal target line, drawn over a range of corpus sizes. */
export interface TargetLine {
  label: string
  value: number
  /** Corpus sizes the target applies from and to (clauses). */
  from: number
  to: number
}

export interface Panel {
  title: string
  unit: string
  series: Series[]
  targets: TargetLine[]
}

/** Pixel layout of one panel; the chart is two panels side by side. */
const LAYOUT = { width: 420, height: 300, left: 56, right: 16, top: 40, bottom: 44, gap: 24 }
/** Colours of the contenders, the same in every chart. */
export const SERIES_COLOURS: Record<string, string> = {
  system: '#2563eb',
  minisearch: '#d97706',
  naive: '#6b7280',
}

/**
 * Two log–log panels side by side (e.g. search p95 and RSS against clauses), each with its
 * series as lines with dots, the targets as dashed red segments, decade grid lines and a legend.
 * Plain SVG 1.1 with no scripts or external resources, so it renders on GitHub and in a browser.
 */
export function renderScaleChart(panels: readonly Panel[], caption: string): string {
  const width = panels.length * LAYOUT.width + (panels.length - 1) * LAYOUT.gap
  const height = LAYOUT.height + 20
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(caption)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ]
  panels.forEach((panel, i) => parts.push(...renderPanel(panel, i * (LAYOUT.width + LAYOUT.gap))))
  parts.push(
    `<text x="${LAYOUT.left}" y="${height - 6}" fill="#6b7280">${escapeXml(caption)}</text>`,
    '</svg>'
  )
  return parts.join('\n') + '\n'
}

function renderPanel(panel: Panel, offsetX: number): string[] {
  const plotW = LAYOUT.width - LAYOUT.left - LAYOUT.right
  const plotH = LAYOUT.height - LAYOUT.top - LAYOUT.bottom
  const xs = panel.series.flatMap((s) => s.points.map(([x]) => x)).filter((x) => x > 0)
  const ys = [
    ...panel.series.flatMap((s) => s.points.map(([, y]) => y)),
    ...panel.targets.map((t) => t.value),
  ].filter((y) => y > 0)
  if (xs.length === 0 || ys.length === 0) return []
  const [x0, x1] = decadeRange(xs)
  const [y0, y1] = decadeRange(ys)
  const px = (x: number) => offsetX + LAYOUT.left + ((Math.log10(x) - x0) / (x1 - x0)) * plotW
  const py = (y: number) => LAYOUT.top + plotH - ((Math.log10(y) - y0) / (y1 - y0)) * plotH
  const out: string[] = [
    `<text x="${offsetX + LAYOUT.left}" y="16" font-size="13" font-weight="bold" fill="#111827">${escapeXml(panel.title)}</text>`,
  ]
  for (let d = x0; d <= x1; d++) {
    const x = px(10 ** d).toFixed(1)
    out.push(
      `<line x1="${x}" y1="${LAYOUT.top}" x2="${x}" y2="${LAYOUT.top + plotH}" stroke="#e5e7eb"/>`,
      `<text x="${x}" y="${LAYOUT.top + plotH + 14}" text-anchor="middle" fill="#374151">${formatPower(d)}</text>`
    )
  }
  for (let d = y0; d <= y1; d++) {
    const y = py(10 ** d).toFixed(1)
    out.push(
      `<line x1="${offsetX + LAYOUT.left}" y1="${y}" x2="${offsetX + LAYOUT.left + plotW}" y2="${y}" stroke="#e5e7eb"/>`,
      `<text x="${offsetX + LAYOUT.left - 6}" y="${Number(y) + 4}" text-anchor="end" fill="#374151">${formatPower(d)}</text>`
    )
  }
  out.push(
    `<text x="${offsetX + LAYOUT.left + plotW / 2}" y="${LAYOUT.top + plotH + 32}" text-anchor="middle" fill="#111827">clauses (log)</text>`,
    `<text x="${offsetX + 14}" y="${LAYOUT.top + plotH / 2}" text-anchor="middle" fill="#111827" transform="rotate(-90 ${offsetX + 14} ${LAYOUT.top + plotH / 2})">${escapeXml(panel.unit)} (log)</text>`
  )
  for (const target of panel.targets) {
    const y = py(target.value).toFixed(1)
    out.push(
      `<line x1="${px(Math.max(target.from, 10 ** x0)).toFixed(1)}" y1="${y}" x2="${px(Math.min(target.to, 10 ** x1)).toFixed(1)}" y2="${y}" stroke="#dc2626" stroke-dasharray="5 3"/>`,
      `<text x="${px(Math.max(target.from, 10 ** x0)).toFixed(1)}" y="${Number(y) - 4}" fill="#dc2626" font-size="10">${escapeXml(target.label)}</text>`
    )
  }
  for (const series of panel.series) {
    const points = series.points.filter(([x, y]) => x > 0 && y > 0).sort((a, b) => a[0] - b[0])
    if (points.length === 0) continue
    const path = points
      .map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`)
      .join(' ')
    out.push(
      `<path d="${path}" fill="none" stroke="${series.colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 3"' : ''}/>`,
      ...points.map(
        ([x, y]) =>
          `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${series.colour}"><title>${escapeXml(series.name)}: ${y} ${escapeXml(panel.unit)} at ${x} clauses</title></circle>`
      )
    )
  }
  panel.series.forEach((series, i) => {
    const x = offsetX + LAYOUT.left + i * 100
    out.push(
      `<rect x="${x}" y="24" width="12" height="4" fill="${series.colour}"/>`,
      `<text x="${x + 16}" y="30" fill="#111827">${escapeXml(series.name)}</text>`
    )
  })
  return out
}

/** Whole decades (powers of ten) that enclose the values: [floor(log10 min), ceil(log10 max)]. */
export function decadeRange(values: readonly number[]): [number, number] {
  const low = Math.floor(Math.log10(Math.min(...values)))
  const high = Math.ceil(Math.log10(Math.max(...values)))
  return [low, high > low ? high : low + 1]
}

/** 10^d as a short label: 0.01, 0.1, 1, 10, 100, 1k, 10k, 100k, 1M. */
function formatPower(d: number): string {
  if (d < 0) return (10 ** d).toFixed(-d)
  if (d >= 6) return `${10 ** (d - 6)}M`
  if (d >= 3) return `${10 ** (d - 3)}k`
  return String(10 ** d)
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
