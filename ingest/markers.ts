/** @module Outline markers of Chinese official documents (GB/T 9704) and their path segments. */
import type { UnitKind } from '../src/schema/clause.js'

/** A numbered marker at the start of a line. */
export interface Marker {
  kind: Extract<UnitKind, 'chapter' | 'section' | 'item' | 'subitem' | 'article' | 'box'>
  /** Outline depth: chapter 1, section 2, item 3, subitem 4; articles and boxes are top-level. */
  level: number
  /** The number as written (mistyped numbers are kept: the path follows the text). */
  number: number
  /** The path segment, normalised per CITATIONS.md: 一, （一）, 1, （1）, 第五条, 专栏3. */
  segment: string
  /** Text after the marker and its punctuation. */
  rest: string
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const CN_NUMERAL = '[零〇一二两三四五六七八九十百]+'

/** Parses a Chinese numeral up to 999 (十一 → 11, 二十三 → 23, 一百零五 → 105); NaN when malformed. */
export function parseChineseNumber(text: string): number {
  let total = 0
  let digit = 0
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch]
    } else if (ch === '十') {
      total += (digit || 1) * 10
      digit = 0
    } else if (ch === '百') {
      total += (digit || 1) * 100
      digit = 0
    } else {
      return NaN
    }
  }
  return total + digit
}

/** Writes n (1–999) as a Chinese numeral, the inverse of parseChineseNumber. */
export function toChineseNumber(n: number): string {
  const digits = '零一二三四五六七八九'
  if (n < 10) return digits[n]
  if (n < 20) return '十' + (n % 10 ? digits[n % 10] : '')
  if (n < 100) return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '')
  const rest = n % 100
  const tail = rest === 0 ? '' : rest < 10 ? '零' + digits[rest] : rest < 20 ? '一' + toChineseNumber(rest) : toChineseNumber(rest)
  return digits[Math.floor(n / 100)] + '百' + tail
}

// Words that, right after a marker, show the line is a cross-reference inside a sentence
// (「第四条规定的」, 「（一）项」), not the start of a new unit.
// Lists of references count too: 「第三条、第四条规定的」, 「第八条第二款」, 「（一）、（二）项所列」.
const CROSS_REFERENCE =
  /^(?:规定|所[述列指称规]|的|中的|款|项(?!目)|条(?![件例])|至第|之[一二三四五六七八九十]|(?:[、，,和及与或至到]|以及)\s*(?:第|[（(][一二三四五六七八九十\d]+[）)])|第[一二三四五六七八九十\d]+[款项目]|[（(][一二三四五六七八九十\d]+[）)][项款目])/

const CHAPTER = new RegExp(`^(${CN_NUMERAL})\\s*[、，,．.]\\s*(.*)$`)
const SECTION = new RegExp(`^[（(]\\s*(${CN_NUMERAL})\\s*[）)]\\s*[、．.]?\\s*(.*)$`)
// An item number must not run into another digit (「2.5万元」) or a unit of measure.
const ITEM = /^(\d{1,3})\s*(?:[.．](?![\d０-９])|、)\s*(.*)$/
const SUBITEM = /^[（(]\s*(\d{1,3})\s*[）)]\s*(.*)$/
const ARTICLE = new RegExp(`^第\\s*(${CN_NUMERAL}|\\d{1,3})\\s*条\\s*(.*)$`)
const BOX = /^专栏\s*(\d{1,3})\s*[：:．.、]?\s*(.*)$/
// Chapter titles of regulations are a few words (总则, 见习单位, 法律责任, 附则).
const PART_TITLE_MAX_CHARS = 20
const PART = new RegExp(`^第\\s*(${CN_NUMERAL}|\\d{1,3})\\s*([编章节])\\s*(.*)$`)

/** A 第X章 (or 第X编, 第X节) heading that groups articles: 「第二章　见习单位」. */
export interface PartHeading {
  number: number
  /** 编, 章 or 节. */
  unit: string
  title: string
}

/**
 * Recognises a 第X章 heading. Articles (第X条) are numbered straight through a regulation and cited
 * on their own (第五条, not 第二章/第五条), so a chapter heading only groups them and is no unit.
 */
export function parsePartHeading(line: string): PartHeading | null {
  const text = line.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  const m = text.match(PART)
  // A heading is short and has no sentence punctuation; 「第二章规定的…」 is a cross-reference.
  if (!m || CROSS_REFERENCE.test(m[3]) || m[3].length > PART_TITLE_MAX_CHARS || /[，。；,;]/.test(m[3])) return null
  const n = /\d/.test(m[1]) ? Number(m[1]) : parseChineseNumber(m[1])
  return Number.isNaN(n) || n <= 0 ? null : { number: n, unit: m[2], title: m[3] }
}

/** Recognises the outline marker that starts a line, or null when the line has none. */
export function parseMarker(line: string): Marker | null {
  const source = line.trim()
  // Full-width digits are matched as half-width; the rest keeps the source characters.
  const text = source.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  const tail = (rest: string) => source.slice(source.length - rest.length)
  let m: RegExpMatchArray | null
  if ((m = text.match(BOX))) {
    return { kind: 'box', level: 0, number: Number(m[1]), segment: `专栏${Number(m[1])}`, rest: tail(m[2]) }
  }
  if ((m = text.match(ARTICLE)) && !CROSS_REFERENCE.test(m[2])) {
    const n = /\d/.test(m[1]) ? Number(m[1]) : parseChineseNumber(m[1])
    if (!Number.isNaN(n) && n > 0) {
      return { kind: 'article', level: 0, number: n, segment: `第${toChineseNumber(n)}条`, rest: tail(m[2]) }
    }
  }
  if ((m = text.match(CHAPTER)) && !CROSS_REFERENCE.test(m[2])) {
    const n = parseChineseNumber(m[1])
    if (!Number.isNaN(n) && n > 0) {
      return { kind: 'chapter', level: 1, number: n, segment: toChineseNumber(n), rest: tail(m[2]) }
    }
  }
  if ((m = text.match(SECTION)) && !CROSS_REFERENCE.test(m[2])) {
    const n = parseChineseNumber(m[1])
    if (!Number.isNaN(n) && n > 0) {
      return { kind: 'section', level: 2, number: n, segment: `（${toChineseNumber(n)}）`, rest: tail(m[2]) }
    }
  }
  if ((m = text.match(ITEM)) && m[2] !== '' && !CROSS_REFERENCE.test(m[2])) {
    const n = Number(m[1])
    if (n > 0) return { kind: 'item', level: 3, number: n, segment: String(n), rest: tail(m[2]) }
  }
  if ((m = text.match(SUBITEM)) && !CROSS_REFERENCE.test(m[2])) {
    const n = Number(m[1])
    if (n > 0) return { kind: 'subitem', level: 4, number: n, segment: `（${n}）`, rest: tail(m[2]) }
  }
  return null
}
