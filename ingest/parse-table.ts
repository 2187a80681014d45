/** @module parseTable: a table region (tab-led cells) → box, row and year-cell units. */
import type { ParsedUnit } from './parse-outline.js'
import type { SourceLine } from './source-lines.js'
import { parseMarker } from './markers.js'
import {
  cellSpan,
  cellText,
  departmentList,
  isDepartmentCell,
  joinWrapped,
  toCells,
  type TableCell,
} from './table-cells.js'

export interface ParseTableOptions {
  /** Prefix of row paths: '附件/' for an annex, '专栏1/' inside a box, '' for a table document. */
  pathPrefix: string
  /** Extracts a unit's heading from its first line (shared with the outline parser). */
  headingOf: (text: string) => string
}

export interface ParsedTable {
  /** The box (专栏N) the region is, when it is one. */
  box?: ParsedUnit
  units: ParsedUnit[]
  /** Lines after the last row that belong to no row (注：…, 备注：…): text of the enclosing unit. */
  notes: SourceLine[]
}

const BOX_TITLE = /^专栏\s*(\d{1,3})\s*[：:．.、]?\s*(.*)$/
const SERIAL = /^\d{1,3}$/
const YEAR_COLUMN = /^(\d{4})\s*年度?$/
const NUMBERED = /^\d{1,3}\s*[.．、](?!\d)/
// A note under a table (备注：…) belongs to the table, not to its last row.
const NOTE = /^(?:备注|注|说明)[：:]/
// Header words of a row-number column, repeated when a table breaks across pages.
const SERIAL_HEADER = /^(?:序号|编号|序列)$/
// A column of department names (牵头部门) and one of partners (参加部门).
const LEAD_HEADER = /牵头|责任(?:单位|部门)|主责/
const PARTNER_HEADER = /参加|配合|协助|参与/
/** Widest header cell (characters) of a data box; wider cells are an introduction, not a header. */
const HEADER_CELL_MAX_CHARS = 15
/** How far a printed row number may run ahead of the count before it is taken for a value. */
const SERIAL_MAX_GAP = 3

/** Parses one table region into units. */
export function parseTable(lines: SourceLine[], options: ParseTableOptions): ParsedTable {
  const cells = dropEmptyEdges(toCells(lines))
  if (cells.length === 0) return { units: [], notes: [] }
  const box = cellText(cells[0]).match(BOX_TITLE)
  if (box) return parseBox(cells, Number(box[1]), box[2], options)
  return parseRows(cells, options.pathPrefix)
}

/** A box: a titled frame holding either numbered lines or a small table of indicators. */
function parseBox(cells: TableCell[], number: number, title: string, options: ParseTableOptions): ParsedTable {
  const path = `专栏${number}`
  const span = cellSpan(cells[0])
  const boxUnit: ParsedUnit = {
    path,
    kind: 'box',
    heading: title.replace(/[。.]$/, ''),
    text: title,
    start: span.start,
    end: span.end,
  }
  const rest = cells.slice(1)
  const firstNumbered = rest.findIndex((c) => NUMBERED.test(cellText(c)))
  const header = firstNumbered > 0 ? rest.slice(0, firstNumbered).map(cellText) : []
  const isIndicatorTable = header.length >= 2 && header.every((h) => h.length <= HEADER_CELL_MAX_CHARS)
  const parsed = isIndicatorTable
    ? parseIndicatorRows(rest.slice(firstNumbered), header, path)
    : parseBoxLines(rest, path, boxUnit, options)
  for (const unit of parsed.units) boxUnit.end = Math.max(boxUnit.end, unit.end)
  if (parsed.notes.length) {
    boxUnit.text = joinWrapped([boxUnit.text, '', ...parsed.notes.map((l) => l.text)])
    boxUnit.end = Math.max(boxUnit.end, parsed.notes[parsed.notes.length - 1].end)
  }
  return { box: boxUnit, units: parsed.units, notes: [] }
}

/** Numbered lines of a box (专栏2/1 …): a line may open a cell or continue one. */
function parseBoxLines(cells: TableCell[], path: string, box: ParsedUnit, options: ParseTableOptions) {
  const units: ParsedUnit[] = []
  const intro: SourceLine[] = []
  let current: { unit: ParsedUnit; lines: string[] } | null = null
  const flush = () => {
    if (current) current.unit.text = joinWrapped(current.lines)
  }
  for (const line of cells.flatMap((c) => c.lines)) {
    const marker = line.text ? parseMarker(line.text) : null
    const expected = (current ? Number(current.unit.path.split('/').pop()) : 0) + 1
    if (marker && marker.kind === 'item' && marker.number === expected) {
      flush()
      const unit: ParsedUnit = {
        path: `${path}/${marker.number}`,
        kind: 'boxitem',
        heading: options.headingOf(marker.rest),
        text: '',
        start: line.start,
        end: line.end,
      }
      units.push(unit)
      current = { unit, lines: [marker.rest] }
    } else if (current) {
      current.lines.push(line.text)
      if (line.text) current.unit.end = line.end
    } else if (line.text) {
      intro.push(line)
    }
  }
  flush()
  return { units, notes: intro }
}

/** A box holding an indicator table: a header row, then rows whose first cell is numbered. */
function parseIndicatorRows(cells: TableCell[], header: string[], path: string) {
  const units: ParsedUnit[] = []
  const notes: SourceLine[] = []
  const width = header.length
  for (let i = 0; i < cells.length; ) {
    const label = cellText(cells[i])
    const marker = parseMarker(label)
    const group = cells.slice(i, i + width)
    if (group.length < width) {
      notes.push(...cells.slice(i).flatMap((c) => c.lines.filter((l) => l.text)))
      break
    }
    const values = group.slice(1).map(cellText)
    const described = values.map((v, j) => `${header[j + 1]}：${v}`).join('；')
    const last = units[units.length - 1]
    if (marker && marker.kind === 'item') {
      const span = { start: cellSpan(group[0]).start, end: cellSpan(group[width - 1]).end }
      units.push({
        path: `${path}/${marker.number}`,
        kind: 'row',
        heading: marker.rest,
        text: `${marker.rest}：${described}`,
        ...span,
      })
    } else if (last) {
      // An unnumbered row (「其中：创业培训」) details the row above it.
      last.text += `\n${label}：${described}`
      last.end = cellSpan(group[width - 1]).end
    }
    i += width
  }
  return { units, notes }
}

/** A data table: rows introduced by their number (序号), with year columns split into cells. */
function parseRows(cells: TableCell[], pathPrefix: string): ParsedTable {
  const header: string[] = []
  const rows: { number: number; cells: TableCell[] }[] = []
  let skippingHeader = false
  let count = 0
  for (const cell of cells) {
    const text = cellText(cell)
    const serial = SERIAL.test(text) ? Number(text) : NaN
    if (!Number.isNaN(serial) && serial > count && serial <= count + SERIAL_MAX_GAP && !cell.lostLeadingCell) {
      count = serial
      rows.push({ number: serial, cells: [] })
      skippingHeader = false
    } else if (cell.lostLeadingCell && rows.length) {
      // The row number was lost in conversion: count it.
      count += 1
      rows.push({ number: count, cells: [cell] })
      skippingHeader = false
    } else if (SERIAL_HEADER.test(text) && rows.length) {
      skippingHeader = true // a header repeated after a page break is not a row
    } else if (skippingHeader) {
      continue
    } else if (rows.length) {
      rows[rows.length - 1].cells.push(cell)
    } else {
      header.push(text)
    }
  }
  const years = header.filter((h) => YEAR_COLUMN.test(h))
  const leadColumn = header.some((h) => LEAD_HEADER.test(h))
  const units: ParsedUnit[] = []
  const notes: SourceLine[] = []
  let previous: string[] = []
  for (const row of rows) {
    const path = `${pathPrefix}第${row.number}项`
    const rowCells = trimTrailingNotes(row.cells, notes, row === rows[rows.length - 1])
    if (years.length || leadColumn) {
      units.push(...taskRow(path, rowCells, years))
    } else {
      const columns = header.filter((h) => !SERIAL_HEADER.test(h))
      const { unit, values } = plainRow(path, rowCells, columns, previous)
      if (unit) units.push(unit)
      previous = values
    }
  }
  return { units, notes }
}

/** A task-table row: 目标任务, one cell per year (merged cells span years), 牵头部门, 参加部门. */
function taskRow(path: string, cells: TableCell[], years: string[]): ParsedUnit[] {
  const filled = cells.filter((c) => cellText(c))
  if (filled.length === 0) return []
  const [target, ...rest] = cells
  const yearCells: TableCell[] = []
  let i = 0
  while (i < rest.length && !isDepartmentCell(rest[i]) && (cellText(rest[i]) || yearCells.length === 0)) {
    if (cellText(rest[i])) yearCells.push(rest[i])
    i++
  }
  const lead = rest[i] ? departmentList(rest[i]) : ''
  const partners = rest[i + 1] ? departmentList(rest[i + 1]) : ''
  const last = cells[cells.length - 1]
  const text = [
    cellText(target),
    lead ? `牵头部门：${lead}` : '',
    partners ? `参加部门：${partners}` : '',
  ]
    .filter(Boolean)
    .join('\n')
  const row: ParsedUnit = {
    path,
    kind: 'row',
    heading: '',
    text,
    start: cellSpan(target).start,
    end: cellSpan(last).end,
    ...(lead ? { lead } : {}),
  }
  const units = [row]
  yearCells.forEach((cell, k) => {
    // Fewer cells than years: the last cell was merged across the remaining years.
    const spanned = k === yearCells.length - 1 ? years.slice(k) : [years[k]]
    for (const year of spanned) {
      if (!year) continue
      units.push({ path: `${path}/${year}`, kind: 'yearcell', heading: year, text: cellText(cell), ...cellSpan(cell) })
    }
  })
  return units
}

/** A plain row: its cells labelled by the header; a cell merged from the row above is inherited. */
function plainRow(path: string, cells: TableCell[], columns: string[], previous: string[]) {
  const values = cells.map(cellText)
  const firstFilled = values.findIndex(Boolean)
  if (firstFilled === -1) return { unit: null, values: previous }
  const own = values
    .map((v, j) => ({ v, j }))
    .filter(({ v, j }) => v && j > firstFilled)
    .map(({ v, j }) => (columns[j] ? `${columns[j]}：${v}` : v))
  const inherited = values
    .map((v, j) => ({ v: v || (j < firstFilled ? previous[j] : ''), j }))
    .filter(({ v, j }) => j < firstFilled && v)
    .map(({ v, j }) => (columns[j] ? `${columns[j]}：${v}` : v))
  const text = [values[firstFilled], ...own, ...inherited].join('；')
  const merged = values.map((v, j) => v || (j < firstFilled ? previous[j] ?? '' : ''))
  const unit: ParsedUnit = {
    path,
    kind: 'row',
    heading: '',
    text,
    start: cellSpan(cells[firstFilled]).start,
    end: cellSpan(cells[cells.length - 1]).end,
  }
  return { unit, values: merged }
}

/** The last row of a table may carry a note line (备注：…) that belongs to the table, not the row. */
function trimTrailingNotes(cells: TableCell[], notes: SourceLine[], isLast: boolean): TableCell[] {
  if (!isLast) return cells
  const out = [...cells]
  while (out.length && NOTE.test(cellText(out[out.length - 1]))) {
    notes.unshift(...out.pop()!.lines.filter((l) => l.text))
  }
  // A note written under the table with no blank line before it runs on from the last cell.
  const last = out[out.length - 1]
  const at = last ? last.lines.findIndex((l, k) => k > 0 && !l.cell && NOTE.test(l.text)) : -1
  if (at > 0) {
    notes.unshift(...last.lines.slice(at).filter((l) => l.text))
    out[out.length - 1] = { ...last, lines: last.lines.slice(0, at) }
  }
  return out
}

function dropEmptyEdges(cells: TableCell[]): TableCell[] {
  let a = 0
  let b = cells.length
  while (a < b && !cellText(cells[a])) a++
  while (b > a && !cellText(cells[b - 1]) && !cells[b - 1].lostLeadingCell) b--
  return cells.slice(a, b)
}
