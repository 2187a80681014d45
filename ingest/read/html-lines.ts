/** @module htmlToLines: an HTML element → the plain lines the outline parser reads (docx and web pages). */
import { NodeType, type HTMLElement, type Node } from 'node-html-parser'
import { dropCjkGaps } from './cjk-gaps.js'

// Elements that end the line before and after them.
const BLOCK = new Set(
  'address article aside blockquote center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(
    ' '
  )
)
// Elements whose content is never text of the document.
const SKIP = new Set('script style noscript template iframe object embed svg canvas button select input textarea img video audio map'.split(' '))

/**
 * The text of an element as lines: a block element (p, div, h1, li …) is a line of its own, <br>
 * breaks a line, and source whitespace collapses as a browser collapses it. A data table (two or
 * more rows of two or more cells, no table inside) becomes the tab-led lines that Word and web
 * exports write and parse-table reads: each cell opens with a tab, a cell's further paragraphs
 * follow on plain lines, a blank line ends a row, two blank lines end the table. A cell merged
 * down from the row above (rowspan) is written as an empty cell, as a flattened Word table has
 * it; a cell merged across columns (colspan) is one cell. Any other table is layout and is read
 * as blocks. An empty paragraph is a blank line.
 */
export function htmlToLines(root: HTMLElement): string[] {
  const out = new LineWriter()
  walk(root, out)
  return out.finish()
}

class LineWriter {
  readonly lines: string[] = []
  #current = ''

  text(s: string) {
    this.#current += s
  }

  /** Ends the current line, if it has text. */
  break() {
    const line = tidy(this.#current)
    if (line) this.lines.push(line)
    this.#current = ''
  }

  /** Ends the current line even when empty (an explicit <br>). */
  hardBreak() {
    const line = tidy(this.#current)
    this.lines.push(line)
    this.#current = ''
  }

  raw(...lines: string[]) {
    this.break()
    this.lines.push(...lines)
  }

  finish(): string[] {
    this.break()
    return this.lines
  }
}

function walk(node: Node, out: LineWriter, pre = false) {
  if (node.nodeType === NodeType.TEXT_NODE) {
    const text = node.text
    out.text(pre ? text : text.replace(/[ \t\r\n\f]+/g, ' '))
    return
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return
  const element = node as HTMLElement
  const tag = element.rawTagName?.toLowerCase() ?? ''
  if (SKIP.has(tag)) return
  if (tag === 'br') return out.hardBreak()
  if (tag === 'table' && isDataTable(element)) return out.raw(...tableLines(element))
  const block = BLOCK.has(tag)
  if (block) out.break()
  if (tag === 'pre') {
    for (const line of element.text.split('\n')) {
      out.text(line)
      out.hardBreak()
    }
    return
  }
  const before = out.lines.length
  for (const child of element.childNodes) walk(child, out, pre)
  if (block) out.break()
  // An empty paragraph is the blank line Word and editors use to space a title block.
  if (tag === 'p' && out.lines.length === before) out.raw('')
}

function tidy(line: string): string {
  return dropCjkGaps(line).replace(/^[ \t]+|[ \t]+$/g, '')
}

/** Rows of a table, not those of tables nested in its cells. */
function rowsOf(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = []
  for (const child of table.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue
    const el = child as HTMLElement
    const tag = el.rawTagName.toLowerCase()
    if (tag === 'tr') rows.push(el)
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') rows.push(...rowsOf(el))
  }
  return rows
}

function cellsOf(row: HTMLElement): HTMLElement[] {
  return row.childNodes.filter(
    (c): c is HTMLElement => c.nodeType === NodeType.ELEMENT_NODE && /^t[dh]$/i.test((c as HTMLElement).rawTagName)
  )
}

function isDataTable(table: HTMLElement): boolean {
  if (table.querySelector('table')) return false
  return rowsOf(table).filter((r) => cellsOf(r).length >= 2).length >= 2
}

function tableLines(table: HTMLElement): string[] {
  const lines: string[] = []
  // Cells merged down from a row above, by the column they start at: rows still to cover, width.
  const covered: ({ rows: number; width: number } | undefined)[] = []
  for (const row of rowsOf(table)) {
    let col = 0
    const emitCovered = () => {
      for (let span = covered[col]; span && span.rows > 0; span = covered[col]) {
        span.rows--
        lines.push('\t') // written once however wide: it was one cell
        col += span.width
      }
    }
    for (const cell of cellsOf(row)) {
      emitCovered()
      const width = Math.max(1, Number(cell.getAttribute('colspan')) || 1)
      const rowspan = Math.max(1, Number(cell.getAttribute('rowspan')) || 1)
      const [first = '', ...rest] = htmlToLines(cell)
      lines.push(`\t${first}`, ...rest)
      covered[col] = rowspan > 1 ? { rows: rowspan - 1, width } : undefined
      col += width
    }
    emitCovered()
    lines.push('')
  }
  lines.push('', '')
  return lines
}
