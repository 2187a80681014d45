/** @module Table cells: tab-led lines flattened from Word or web tables, regrouped into cells and rows. */
import type { SourceLine } from './source-lines.js'

/** One cell: the tab-led line that opens it and the lines that follow until the next cell. */
export interface TableCell {
  /** The cell's lines, blank lines kept (they separate paragraphs or list entries). */
  lines: SourceLine[]
  /** The cell before this one was an empty row number (see SourceLine.lostLeadingCell). */
  lostLeadingCell: boolean
}

/** Groups a table region's lines into cells: a tab-led line opens a cell, other lines continue it. */
export function toCells(lines: SourceLine[]): TableCell[] {
  const cells: TableCell[] = []
  for (const line of lines) {
    const last = cells[cells.length - 1]
    if (line.cell || !last) cells.push({ lines: [line], lostLeadingCell: line.lostLeadingCell })
    else last.lines.push(line)
  }
  return cells
}

/** A cell's text: paragraphs joined by newlines, a line wrapped mid-word joined back. */
export function cellText(cell: TableCell): string {
  const texts = cell.lines.map((l) => l.text)
  const parts = texts.filter(Boolean)
  // A short label broken over lines by a narrow column (「就业\n类型」) is one word.
  if (parts.length > 1 && parts.every((p) => p.length <= SHORT_LABEL_CHARS && !/[。，；：、,;:]/.test(p))) {
    return parts.join('')
  }
  return joinWrapped(texts)
}

/** First and last offsets of a cell's non-blank text. */
export function cellSpan(cell: TableCell): { start: number; end: number } {
  const filled = cell.lines.filter((l) => l.text)
  const first = filled[0] ?? cell.lines[0]
  const last = filled[filled.length - 1] ?? cell.lines[0]
  return { start: first.start, end: last.end }
}

// Narrow columns wrap labels after a few characters; longer lines are running text.
const SHORT_LABEL_CHARS = 6

// Line ends after which a new line starts a new paragraph rather than continuing the sentence.
const PARAGRAPH_END = /[。！？；：:;!?”」』）)]$/

/**
 * Joins lines into text. A blank line or a sentence end separates paragraphs; a line that stops
 * mid-sentence continues on the next one with no space (Chinese has none), so 「5000\n元」 → 5000元.
 */
export function joinWrapped(lines: string[]): string {
  let out = ''
  let pendingBreak = false
  for (const line of lines) {
    if (!line) {
      pendingBreak = out !== ''
      continue
    }
    if (out === '') out = line
    else if (pendingBreak || PARAGRAPH_END.test(out) || startsNewEntry(line)) out += '\n' + line
    else out += line
    pendingBreak = false
  }
  return out
}

function startsNewEntry(line: string): boolean {
  return /^(?:\d{1,3}[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|——|—|•|·)/.test(line)
}

/** Department lists in a cell (牵头部门): entries on their own lines, wrapped names joined. */
export function departmentList(cell: TableCell): string {
  const names: string[] = []
  let current = ''
  for (const { text: line } of cell.lines) {
    if (!line) {
      if (current) names.push(current)
      current = ''
    } else if (current && DEPARTMENT_END.test(current)) {
      names.push(current)
      current = line
    } else {
      current += line
    }
  }
  if (current) names.push(current)
  return names.join('、')
}

// How the names of government bodies end; a line that stops before such an ending was wrapped.
const DEPARTMENT_END =
  /(?:局|委|会|办|院|行|部|厅|室|所|处|署|站|中心|支行|分区|法院|政府|机关|团|联|社|司|队|公司|集团|大学|学院)$/

/** True when a cell reads like a list of departments: short lines, no sentence punctuation. */
export function isDepartmentCell(cell: TableCell): boolean {
  const parts = cell.lines.map((l) => l.text).filter(Boolean)
  if (parts.length === 0) return false
  const text = parts.join('')
  return text.length <= 80 && !/[。，；：,;:]/.test(text) && parts.every((p) => p.length <= 16) && !/^\d/.test(text)
}
