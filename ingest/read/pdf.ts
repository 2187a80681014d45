/** @module readPdf: a PDF's text layer → lines, with the lines the page width wrapped joined back. */
import { getDocumentProxy } from 'unpdf'
import { createError } from '../../src/errors.js'
import { parseMarker } from '../markers.js'
import { dropCjkGaps } from './cjk-gaps.js'

export interface ReadPdfOptions {
  /**
   * How far apart two text runs' baselines may be, as a fraction of the font size, and still be
   * one line (superscripts, mixed fonts). Range 0.2–0.8; default 0.5.
   */
  sameLine: number
  /**
   * How short of the text's right edge a line may end, in font sizes, and still count as full
   * (wrapped by the page, not ended by the author). Justified Chinese text ends within one
   * character; a line ending two or more characters early ended its paragraph. Range 0.5–2;
   * default 1.2.
   */
  fullLineSlack: number
  /** Indent (font sizes) past the left edge that starts a paragraph (公文 indent two). Default 0.8. */
  indent: number
  /**
   * Space between two lines, relative to the document's usual line spacing, above which they are
   * separate paragraphs whatever their width. Default 1.6.
   */
  paragraphGap: number
  /** A gap between two runs of one line wider than this (font sizes) is written as a space. Default 1. */
  wordGap: number
}

export const defaultReadPdfOptions: ReadPdfOptions = {
  sameLine: 0.5,
  fullLineSlack: 1.2,
  indent: 0.8,
  paragraphGap: 1.6,
  wordGap: 1,
}

/** One visual line of a page. */
export interface PdfLine {
  text: string
  page: number
  left: number
  right: number
  /** Baseline, from the page bottom. */
  y: number
  size: number
}

// Page numbers printed in a page's header or footer: 「- 2 -」, 「— 2 —」, 「2」, 「第2页 共9页」, 「2/9」.
const PAGE_NUMBER = /^(?:[-－—–―]?\s*\d{1,4}\s*[-－—–―]?|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/

/**
 * The text of a PDF as lines. Runs of text are grouped into visual lines by their baseline; page
 * numbers at the top or bottom of a page are dropped; then a line is joined to the next when the
 * page width wrapped it: it runs to the right edge of the text, and the next line neither starts
 * indented nor with an outline marker, nor after a paragraph gap. So 「…给予5000」 / 「元补贴」
 * becomes one line, across page breaks too. A PDF without a text layer (a scan) is refused.
 */
export async function readPdf(bytes: Uint8Array, fileName: string, options: Partial<ReadPdfOptions> = {}): Promise<string> {
  const opts = { ...defaultReadPdfOptions, ...options } satisfies ReadPdfOptions
  const lines = await pdfLines(bytes, fileName, opts)
  if (lines.length === 0) {
    throw createError('DOCUMENT_NO_TEXT', fileName, 'the PDF has no text layer (a scanned image needs OCR first)')
  }
  return joinWrappedLines(lines, opts).join('\n')
}

async function pdfLines(bytes: Uint8Array, fileName: string, opts: ReadPdfOptions): Promise<PdfLine[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // pdf.js may detach the buffer it is given: it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 })
  } catch (cause) {
    const reason = (cause as Error).name === 'PasswordException' ? 'the PDF is password-protected' : `not a readable PDF (${(cause as Error).message})`
    throw createError('DOCUMENT_UNREADABLE', fileName, reason)
  }
  try {
    const lines: PdfLine[] = []
    for (let page = 1; page <= pdf.numPages; page++) {
      const content = await (await pdf.getPage(page)).getTextContent()
      const runs = content.items
        .filter((item): item is Extract<typeof item, { str: string }> => 'str' in item && item.str.trim() !== '')
        .map((item) => ({
          str: item.str,
          x: item.transform[4],
          y: item.transform[5],
          width: item.width,
          size: Math.hypot(item.transform[2], item.transform[3]) || item.height || 1,
        }))
      lines.push(...dropPageNumbers(groupLines(runs, page, opts)))
    }
    return lines
  } finally {
    await pdf.destroy()
  }
}

type Run = { str: string; x: number; y: number; width: number; size: number }

/** Runs → visual lines, top to bottom, each line's runs left to right. */
function groupLines(runs: Run[], page: number, opts: ReadPdfOptions): PdfLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x)
  const groups: Run[][] = []
  for (const run of sorted) {
    const line = groups[groups.length - 1]
    if (line && Math.abs(line[0].y - run.y) <= opts.sameLine * Math.max(run.size, line[0].size)) line.push(run)
    else groups.push([run])
  }
  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x)
    let text = ''
    let end = -Infinity
    for (const run of group) {
      if (text && run.x - end > opts.wordGap * run.size) text += ' '
      text += run.str
      end = Math.max(end, run.x + run.width)
    }
    const size = median(group.map((r) => r.size))
    return { text: dropCjkGaps(text).trim(), page, left: group[0].x, right: end, y: group[0].y, size }
  })
}

function dropPageNumbers(lines: PdfLine[]): PdfLine[] {
  return lines.filter((line, i) => !((i === 0 || i === lines.length - 1) && PAGE_NUMBER.test(line.text)))
}

/** Joins each line the page wrapped to the next one. */
export function joinWrappedLines(lines: PdfLine[], opts: ReadPdfOptions = defaultReadPdfOptions): string[] {
  const rightEdge = percentile(lines.map((l) => l.right), 0.9)
  const leftEdge = percentile(lines.map((l) => l.left), 0.1)
  const spacings = lines
    .slice(1)
    .map((l, i) => (l.page === lines[i].page ? lines[i].y - l.y : NaN))
    .filter((d) => d > 0)
  const lineSpacing = spacings.length ? median(spacings) : Infinity
  const out: string[] = []
  let current = ''
  lines.forEach((line, i) => {
    current += line.text
    const next = lines[i + 1]
    const wrapped =
      next !== undefined &&
      line.right >= rightEdge - opts.fullLineSlack * line.size &&
      next.left <= leftEdge + opts.indent * next.size &&
      !(next.page === line.page && line.y - next.y > opts.paragraphGap * lineSpacing) &&
      !startsUnit(next.text)
    if (!wrapped) {
      out.push(current)
      current = ''
    }
  })
  return out
}

/** An outline marker (一、 （二） 3. 第四条 专栏5) starts a unit, never the rest of a wrapped line. */
function startsUnit(text: string): boolean {
  return parseMarker(text) !== null
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]
}

function median(values: number[]): number {
  return percentile(values, 0.5)
}
