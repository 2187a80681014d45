/** @module parseOutline: a document's lines → its tree of citable units, addressed per CITATIONS.md. */
import type { UnitKind } from '../src/schema/clause.js'
import { parseMarker, parsePartHeading, type Marker } from './markers.js'
import { dropPageFurniture, isNoiseLine, type SourceLine } from './source-lines.js'
import { parseTable } from './parse-table.js'
import { continuesSentence, joinWrapped } from './table-cells.js'

/** A unit as the parser finds it; ingest adds the document's key, city and title. */
export interface ParsedUnit {
  path: string
  kind: UnitKind
  heading: string
  text: string
  start: number
  end: number
  lead?: string
}

export interface ParsedOutline {
  /** The document's title as its head states it (lines joined), when one was found. */
  title?: string
  /** Lines before the body (cover notice, web metadata, signature): where metadata is detected. */
  head: SourceLine[]
  units: ParsedUnit[]
}

export interface ParseOutlineOptions {
  /**
   * Longest lead phrase (characters) taken as a unit's heading: 「1.就业工作优先部署。…」 → 就业工作优先部署.
   * Longer first sentences are running text, not titles. Recommended 20–32; default 30.
   */
  headingMaxChars: number
}

export const defaultParseOutlineOptions: ParseOutlineOptions = { headingMaxChars: 30 }

// The version block (版记) that ends an official document: copy-to lists and the printing line.
const BACK_MATTER = /^(?:抄送|抄报|主送|分送)[：:]|^\S*(?:办公室|办公厅)?\s*\d{4}年\d{1,2}月\d{1,2}日印发$/
// Sentences of the cover notice that forwards a policy, not part of the policy itself.
const COVER_NOTICE = /现将.*印发|印发给你们|请认真(?:贯彻|组织|抓好|遵照)|^[（(]此件.*[）)]$/
// The addressees (主送机关) of a notice: 「各县（区）人民政府，市政府各部门：」. A notice's own opening
// also ends with a colon, but announces what follows (「现就有关事项通知如下：」).
const ADDRESSEE = /[：:]$/
const ANNOUNCES = /如下|以下|下列|要求[：:]$/
// Web pages print a notice's full title on one line (「…关于开展2024年“春风行动”暨就业援助月活动的通知」);
// a line that long without punctuation is still a title, not running text.
const TITLE_MAX_CHARS = 60
// How a policy's opening paragraph begins (为…，根据…); a converted PDF wraps it into lines that,
// read alone, have no punctuation and could pass for a title.
const SENTENCE_OPENER = /^(?:为(?!民)|根据|按照|依据|依照|经(?:研究|[^，。]{0,12}同意)|近年来|现就|现将)/
// A signature date, or the date printed in brackets under a title: 「（2025年4月10日）」.
const DATE_LINE = /^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]?$/
// The red header (版头) and document number (发文字号) above a title: never part of the title.
const RED_HEADER = /^[\u4e00-\u9fa5（）()]{2,30}(?:政府|办公室|办公厅|委员会|局|委|厅|部|中心)文件$/
const DOC_NUMBER = /[〔［\[（(]\s*\d{4}\s*[〕］\]）)]\s*\d{1,4}\s*号$/
const ORG_LINE = /^[\u4e00-\u9fa5（）()]{2,30}(?:政府|办公室|办公厅|委员会|局|委|厅|部|中心|管委会)$/
const ANNEX_LINE = /^附\s*件\s*(\d{0,2})\s*[：:]?$/
// Unnumbered text after the last item that closes the policy (执行要求、施行日期).
const CLOSING_START =
  /^(?:各地|各[县市区乡镇]|各有关|本(?:意见|方案|措施|办法|规划|通知|政策|细则|规定|实施)|以上|此前|上述|凡|未尽事宜)/
// Closing sentences that need no blank line before them (converted PDFs have none): when the
// policy takes effect, how long it runs, who interprets it.
const CLOSING_SENTENCE =
  /^本(?:意见|方案|措施|办法|规划|通知|政策|细则|规定|实施)\S{0,8}?(?:自|从|由|有效期|执行期)|^(?:以上|上述)\S{0,10}(?:自|从)\S*(?:施行|实施|执行)/

type Block = { type: 'line'; line: SourceLine; blankBefore: boolean } | { type: 'table'; lines: SourceLine[] }

interface OpenUnit {
  unit: ParsedUnit
  marker: Marker
  lines: SourceLine[]
}

/** Parses a document's lines into units: preamble, outline levels, boxes, tables, closing text. */
export function parseOutline(lines: SourceLine[], options: Partial<ParseOutlineOptions> = {}): ParsedOutline {
  const opts = { ...defaultParseOutlineOptions, ...options }
  const body = dropBackMatter(dropPageFurniture(lines))
  const blocks = toBlocks(body)
  const first = blocks.findIndex(isStructural)
  if (first === -1) return { head: body, units: [] }

  const headLines = blocks.slice(0, first).flatMap((b) => (b.type === 'line' ? [b.line] : b.lines))
  const { title, preamble, head } = splitHead(headLines)
  const state = new OutlineState(opts)
  if (preamble.length) state.addPreamble(preamble)

  const lastMarker = findLastIndex(blocks, (b) => b.type === 'table' || (b.type === 'line' && isStructural(b)))
  // A file that opens with 附件 and a table is the table itself (the Yangzhou task table): its rows
  // are the document's units, with no 附件/ prefix.
  const firstBlock = blocks[first]
  const tableDocument =
    firstBlock.type === 'line' && ANNEX_LINE.test(firstBlock.line.text) && preamble.length === 0 && !title
  let docTitle = title
  for (let i = first; i < blocks.length; i++) {
    const block = blocks[i]
    if (block.type === 'table') {
      state.addTable(block.lines, tableDocument)
      continue
    }
    const { line } = block
    if (!line.text || isNoiseLine(line.text)) continue
    const annex = line.text.match(ANNEX_LINE)
    if (annex) {
      if (tableDocument && i === first) state.awaitTableTitle()
      else state.openAnnex(line, annex[1])
      continue
    }
    if (parsePartHeading(line.text)) {
      state.closeOutline()
      continue
    }
    if (state.takesTitle()) {
      if (tableDocument) docTitle = line.text
      state.setTitle(line)
      continue
    }
    const marker = parseMarker(line.text)
    if (marker && state.accepts(marker, line)) {
      state.open(marker, line)
    } else if (i > lastMarker && isClosing(line.text, block.blankBefore)) {
      state.openClosing(line)
    } else {
      state.append(line)
    }
  }
  return { title: docTitle, head, units: state.finish() }
}

/** Builds units while walking the body; keeps the open outline path as a stack. */
class OutlineState {
  private readonly units: ParsedUnit[] = []
  private readonly pending = new Map<ParsedUnit, SourceLine[]>()
  private stack: OpenUnit[] = []
  private box: { unit: ParsedUnit; lastItem: number } | null = null
  private annex: ParsedUnit | null = null
  private closing: ParsedUnit | null = null
  private waitingTitle: 'annex' | 'document' | null = null
  /** Last number seen per parent path and marker kind, to tell a new item from a wrapped line. */
  private readonly lastChild = new Map<string, number>()
  private readonly lastOfKind = new Map<Marker['kind'], number>()
  /**
   * The marker kinds in the order this document nests them, outermost first. Most documents follow
   * GB/T 9704 (一、 （一） 1. （1）), but levels may be skipped (一、 then 1.) or swapped (1、 then
   * (一)): a kind is placed where it first occurs, under the unit open at that point.
   */
  private readonly order: Marker['kind'][] = ['article']
  private readonly paths = new Set<string>()
  /** The unit that receives the rows of a table inside it (annex, box or outline unit). */
  private tableParent: ParsedUnit | null = null

  constructor(private readonly opts: ParseOutlineOptions) {}

  addPreamble(lines: SourceLine[]): void {
    const unit = this.push({ path: '前言', kind: 'preamble', heading: '', lines })
    this.tableParent = unit
  }

  awaitTableTitle(): void {
    this.waitingTitle = 'document'
  }

  takesTitle(): boolean {
    return this.waitingTitle !== null
  }

  setTitle(line: SourceLine): void {
    if (this.waitingTitle === 'annex' && this.annex) {
      this.annex.heading = line.text
      this.annex.text = line.text
      this.annex.end = line.end
    }
    this.waitingTitle = null
  }

  openAnnex(line: SourceLine, number: string): void {
    this.stack = []
    this.box = null
    const unit = this.push({ path: `附件${number}`, kind: 'annex', heading: '', lines: [] })
    unit.start = line.start
    unit.end = line.end
    this.annex = unit
    this.tableParent = unit
    this.waitingTitle = 'annex'
  }

  /** Whether a marker starts a new unit here, or is a number that merely begins a wrapped line. */
  accepts(marker: Marker, line: SourceLine): boolean {
    if (marker.kind === 'box') return true
    // 第X条 at a line start (cross-references are already excluded) is an article; articles are
    // numbered straight through, so any number past the last one opens the next article, also in
    // an excerpt that starts at 第五条.
    if (marker.kind === 'article') return marker.number > (this.lastOfKind.get('article') ?? 0)
    if (this.box && marker.kind === 'item') return marker.number === this.box.lastItem + 1
    const parent = this.parentFor(marker)
    const previous = this.lastChild.get(`${parent}|${marker.kind}`) ?? 0
    const runningOn = this.lastOfKind.get(marker.kind) ?? 0
    if (marker.number === previous + 1 || marker.number === runningOn + 1) return true
    if (previous === 0 && marker.number === 1) return true
    // A mistyped number (宜春's second （七） for （十七）) still opens a unit when the line reads
    // like the start of one: a short lead phrase, as headings are. The path keeps the number as
    // written, so a reader finds it in the text.
    return this.headingOf(marker.rest) !== '' && !this.paths.has(this.pathFor(marker))
  }

  open(marker: Marker, line: SourceLine): void {
    this.closing = null
    if (marker.kind === 'box') {
      const unit = this.push({ path: marker.segment, kind: 'box', heading: marker.rest.replace(/[。.]$/, ''), lines: [line], first: marker.rest })
      this.box = { unit, lastItem: 0 }
      this.tableParent = unit
      return
    }
    if (this.box && marker.kind === 'item') {
      this.box.lastItem = marker.number
      this.push({
        path: `${this.box.unit.path}/${marker.number}`,
        kind: 'boxitem',
        heading: this.headingOf(marker.rest),
        lines: [line],
        first: marker.rest,
      })
      return
    }
    this.box = null
    this.annex = null
    const ancestors = this.ancestorsOf(marker)
    if (!this.order.includes(marker.kind)) {
      const deepest = ancestors[ancestors.length - 1]
      this.order.splice(deepest ? this.order.indexOf(deepest.marker.kind) + 1 : 1, 0, marker.kind)
    }
    this.stack = ancestors
    const path = this.pathFor(marker)
    const parent = this.parentFor(marker)
    this.lastChild.set(`${parent}|${marker.kind}`, marker.number)
    this.lastOfKind.set(marker.kind, marker.number)
    const unit = this.push({ path, kind: marker.kind, heading: this.headingOf(marker.rest), lines: [line], first: marker.rest })
    this.stack.push({ unit, marker, lines: [] })
    this.tableParent = unit
  }

  /** A 第X章 heading ends the article before it; the heading itself is no unit. */
  closeOutline(): void {
    this.box = null
    this.annex = null
    this.closing = null
    this.stack = []
  }

  openClosing(line: SourceLine): void {
    this.box = null
    this.stack = []
    this.closing = this.push({ path: '结语', kind: 'closing', heading: '', lines: [line] })
  }

  append(line: SourceLine): void {
    const target =
      this.closing ??
      (this.box ? this.lastUnit() : undefined) ??
      this.annex ??
      this.stack[this.stack.length - 1]?.unit ??
      this.lastUnit()
    if (target) this.pending.get(target)!.push(line)
  }

  addTable(lines: SourceLine[], tableDocument: boolean): void {
    const parent = tableDocument ? null : this.tableParent
    const parsed = parseTable(lines, {
      pathPrefix: parent ? `${parent.path}/` : '',
      headingOf: (text) => this.headingOf(text),
    })
    if (parsed.box) {
      const boxUnit = this.pushParsed(parsed.box)
      for (const unit of parsed.units) this.pushParsed(unit)
      // Text after a box in the same outline unit continues that unit, not the box.
      this.box = null
      this.tableParent = boxUnit
      return
    }
    for (const unit of parsed.units) this.pushParsed(unit)
    if (parent && parsed.notes.length) this.pending.get(parent)?.push(...parsed.notes)
  }

  finish(): ParsedUnit[] {
    for (const unit of this.units) {
      const lines = this.pending.get(unit)
      if (!lines) continue
      const filled = lines.filter((l) => l.text && !isNoiseLine(l.text))
      if (filled.length === 0) continue
      const texts = filled.map((l) => l.text)
      // A heading on a line of its own is a paragraph of its own, even without a full stop; a
      // short first line that the next one continues (「…签订\n1年以上…」) was only wrapped.
      const wrapped = unit.text !== '' && continuesSentence(unit.text, texts[0])
      const headingLine = unit.heading !== '' && unit.text === unit.heading && !wrapped
      unit.text = joinWrapped(unit.text ? [unit.text, ...(headingLine ? [''] : []), ...texts] : texts)
      if (wrapped && unit.kind !== 'box') unit.heading = this.headingOf(unit.text)
      if (!unit.end) unit.start = filled[0].start
      unit.end = Math.max(unit.end, filled[filled.length - 1].end)
    }
    return this.units.filter((u) => u.text || u.kind === 'annex')
  }

  private push(spec: { path: string; kind: UnitKind; heading: string; lines: SourceLine[]; first?: string }): ParsedUnit {
    const unit: ParsedUnit = {
      path: this.uniquePath(spec.path),
      kind: spec.kind,
      heading: spec.heading,
      // The first line's text without its marker; later lines are joined in finish().
      text: spec.first ?? '',
      start: spec.lines[0]?.start ?? 0,
      end: spec.lines[0]?.end ?? 0,
    }
    this.units.push(unit)
    // The marker line's text is already in `text`; only the lines after it are pending.
    this.pending.set(unit, spec.first === undefined ? [...spec.lines] : spec.lines.slice(1))
    return unit
  }

  private pushParsed(unit: ParsedUnit): ParsedUnit {
    const copy = { ...unit, path: this.uniquePath(unit.path) }
    this.units.push(copy)
    this.pending.set(copy, [])
    return copy
  }

  private uniquePath(path: string): string {
    let candidate = path
    // Paths are the citation contract and must be unique; a repeated one gets a 「之二」 suffix
    // rather than silently overwriting the first.
    for (let n = 2; this.paths.has(candidate); n++) candidate = `${path}之${n}`
    this.paths.add(candidate)
    return candidate
  }

  private lastUnit(): ParsedUnit | undefined {
    return this.units[this.units.length - 1]
  }

  /** The open units a marker nests under. */
  private ancestorsOf(marker: Marker): OpenUnit[] {
    const rank = this.order.indexOf(marker.kind)
    if (rank !== -1) return this.stack.filter((s) => this.order.indexOf(s.marker.kind) < rank)
    // A kind met for the first time starts a new level under the open unit when it counts from 1;
    // otherwise (a list numbered on from elsewhere) it takes its GB/T 9704 rank.
    if (marker.number === 1) return this.stack
    return this.stack.filter((s) => s.marker.level < marker.level)
  }

  private parentFor(marker: Marker): string {
    return this.ancestorsOf(marker)
      .map((s) => s.marker.segment)
      .join('/')
  }

  private pathFor(marker: Marker): string {
    const parent = this.parentFor(marker)
    return parent ? `${parent}/${marker.segment}` : marker.segment
  }

  /** A unit's title: the lead phrase before the first 。 when it is short and has no comma. */
  headingOf(rest: string): string {
    const text = rest.trim()
    const stop = text.search(/[。！？]/)
    const lead = stop === -1 ? text : text.slice(0, stop)
    if (lead.length === 0 || lead.length > this.opts.headingMaxChars) return ''
    if (stop === -1 && text.length > this.opts.headingMaxChars) return ''
    if (/[，,；;：:]/.test(lead)) return ''
    return lead
  }
}

function dropBackMatter(lines: SourceLine[]): SourceLine[] {
  // Only the second half is searched: a cover notice may quote 抄送 lines at the top.
  const from = Math.floor(lines.length / 2)
  let end = lines.length
  for (let i = from; i < lines.length; i++) {
    if (BACK_MATTER.test(lines[i].text)) {
      end = i
      break
    }
  }
  const skipBlank = () => {
    while (end > 0 && (!lines[end - 1].text || isNoiseLine(lines[end - 1].text))) end--
  }
  skipBlank()
  // A signature (issuers, then the date) after the last clause belongs to no clause.
  if (end > 0 && DATE_LINE.test(lines[end - 1].text) && !lines[end - 1].cell) {
    end--
    skipBlank()
    while (end > 0 && ORG_LINE.test(lines[end - 1].text) && !lines[end - 1].cell) {
      end--
      skipBlank()
    }
  }
  return lines.slice(0, end)
}

function toBlocks(lines: SourceLine[]): Block[] {
  const blocks: Block[] = []
  let blanks = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line.cell) {
      blocks.push({ type: 'line', line, blankBefore: blanks > 0 })
      blanks = line.text ? 0 : blanks + 1
      continue
    }
    // A table runs until two blank lines are followed by text outside a cell, or an outline
    // marker of chapter or section rank starts a line outside a cell.
    const region: SourceLine[] = []
    let gap = 0
    let j = i
    for (; j < lines.length; j++) {
      const l = lines[j]
      if (!l.text && !l.cell) {
        gap++
        region.push(l)
        continue
      }
      if (!l.cell && region.length && (gap >= 2 || endsTable(l.text))) break
      gap = 0
      region.push(l)
    }
    while (region.length && !region[region.length - 1].text) region.pop()
    blocks.push({ type: 'table', lines: region })
    i = j - 1
    blanks = 1
  }
  return blocks
}

function endsTable(text: string): boolean {
  if (parsePartHeading(text)) return true
  const marker = parseMarker(text)
  return marker !== null && (marker.kind === 'chapter' || marker.kind === 'section' || marker.kind === 'article')
}

function isStructural(block: Block): boolean {
  if (block.type === 'table') return true
  const text = block.line.text
  if (!text) return false
  if (ANNEX_LINE.test(text)) return true
  return parseMarker(text) !== null || parsePartHeading(text) !== null
}

/** Splits the lines before the body into the title and the policy's own opening paragraphs. */
function splitHead(head: SourceLine[]): { title?: string; preamble: SourceLine[]; head: SourceLine[] } {
  const isTitleLike = (l: SourceLine) =>
    l.text.length > 0 &&
    l.text.length <= TITLE_MAX_CHARS &&
    !/[。，；：,;:]/.test(l.text) &&
    !DATE_LINE.test(l.text) &&
    !RED_HEADER.test(l.text) &&
    !DOC_NUMBER.test(l.text) &&
    !isNoiseLine(l.text) &&
    !COVER_NOTICE.test(l.text) &&
    !isAddressee(l.text) &&
    !SENTENCE_OPENER.test(l.text)
  let t = head.length - 1
  while (t >= 0 && !isTitleLike(head[t])) t--
  const keep = (l: SourceLine) =>
    l.text !== '' &&
    !isNoiseLine(l.text) &&
    !COVER_NOTICE.test(l.text) &&
    !isAddressee(l.text) &&
    !DATE_LINE.test(l.text) &&
    !ORG_LINE.test(l.text)
  if (t < 0) return { preamble: head.filter(keep), head: head.filter((l) => !keep(l)) }
  let top = t
  while (top > 0 && isTitleLike(head[top - 1])) top--
  const title = head
    .slice(top, t + 1)
    .map((l) => l.text)
    .join('')
  const after = head.slice(t + 1)
  // Everything of the head that is not the policy's own opening (cover notice, web metadata,
  // signature) stays in `head`, where detectMeta looks for the issuer and the date.
  return { title, preamble: after.filter(keep), head: [...head.slice(0, top), ...after.filter((l) => !keep(l))] }
}

function isAddressee(text: string): boolean {
  return ADDRESSEE.test(text) && !ANNOUNCES.test(text)
}

function isClosing(text: string, blankBefore: boolean): boolean {
  return (blankBefore && CLOSING_START.test(text)) || CLOSING_SENTENCE.test(text)
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i
  return -1
}
