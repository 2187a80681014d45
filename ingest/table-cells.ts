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
  // 「（一）项所列…」 at a line start is a cross-reference that continues the sentence.
  return /^(?:\d{1,3}[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[）)](?![项款条目]|规定|所)|——|—|•|·)/.test(line)
}

// A quantity opens the line: 「1年以上」, 「5000元」, 「30万元」, 「6个月」, 「50%」; a year
// (「2024年1月29日至…」) more often opens a paragraph of its own.
const LEADING_QUANTITY =
  /^(?!(?:19|20)\d{2}\s*年)[\d０-９]+(?:[.．][\d０-９]+)?\s*(?:[%％‰]|[年月日天周个人名户家元万亿千百岁次项份台套倍级类批场期]|小时|平方|公里|以[上下内])/
// A cross-reference opens the line: 「第三条规定的…」, 「（一）项所列…」.
const LEADING_REFERENCE =
  /^(?:第[一二三四五六七八九十百\d]+[条款项章节]|[（(][一二三四五六七八九十\d]+[）)])(?:规定|所[述列指称规]|的|中的|[项款条]|至)/
// A line that ends on a word that cannot end a sentence or a heading (的, 并, 按, 、, ，) was wrapped.
// Characters that also end common words of headings (导向, 参与, 平等, 应对, 行为) are left out.
const OPEN_END = /[的并和或按把被将从至给予、，,]$/
// A line of nothing but a number (「5000」) is a figure cut from its unit.
const BARE_NUMBER = /^[\d０-９]+(?:[.．][\d０-９]+)?$/

/**
 * Whether `next` continues the sentence `previous` stops in, so the two are one line wrapped by
 * the page width (「…签订\n1年以上期限劳动合同」, 「5000\n元」), not a heading and its text.
 */
export function continuesSentence(previous: string, next: string): boolean {
  return (
    LEADING_QUANTITY.test(next) ||
    BARE_NUMBER.test(next) ||
    LEADING_REFERENCE.test(next) ||
    /^[，。、；：）》”％%元]/.test(next) ||
    OPEN_END.test(previous)
  )
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
