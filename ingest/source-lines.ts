/** @module Source lines: a document's text as lines with offsets, conversion artefacts removed. */
import { parseMarker, parsePartHeading } from './markers.js'

/** One line of a source file, with where it stands in the file. */
export interface SourceLine {
  /** The line without artefacts, trimmed; '' for a blank line. */
  text: string
  /** Offset of the line's first character in the file. */
  start: number
  /** Offset just past the line's last character. */
  end: number
  /** A table cell flattened to a tab-led line (Word and web exports write cells this way). */
  cell: boolean
  /** A tab-led line preceded by spaces: the cell before it (a row number) was lost. */
  lostLeadingCell: boolean
}

// Word bookmarks and field codes that converters leave in the text.
const ARTEFACTS = /\[bookmark:[^\]]*\]|\{\s*(?:PAGE|HYPERLINK|TOC)[^}]*\}/gi
// Spaces of every width, including the ideographic and no-break ones used for indents.
const SPACES = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000]+$/g

/** Splits text (a slice of a file starting at `baseOffset`) into lines with file offsets. */
export function toSourceLines(text: string, baseOffset = 0): SourceLine[] {
  const lines: SourceLine[] = []
  let pos = 0
  while (pos <= text.length) {
    let next = text.indexOf('\n', pos)
    if (next === -1) next = text.length
    const raw = text.slice(pos, next).replace(/\r$/, '')
    const cleaned = raw.replace(ARTEFACTS, '').replace(SPACES, '')
    lines.push({
      text: cleaned,
      start: baseOffset + pos,
      end: baseOffset + pos + raw.length,
      cell: /^[ \u00a0\u3000]*\t/.test(raw),
      lostLeadingCell: /^[ \u00a0\u3000]+\t/.test(raw),
    })
    if (next === text.length) break
    pos = next + 1
  }
  return lines
}

const PAGE_NUMBER = [
  /^[-－—–―]\s*\d{1,4}\s*[-－—–―]$/, // － 2 －
  /^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$/, // 第2页 共9页
  /^\d{1,4}\s*\/\s*\d{1,4}$/, // 2/9
]
// Web-page chrome around an article: share bars, print/close links, font-size switches. Pages
// often put several on one line (【打印本页】【关闭窗口】, 点赞 收藏 转发).
const CHROME_WORD =
  '(?:点赞|收藏|转发|分享|打印|关闭|打印本页|关闭窗口|打印此页|关闭本页|返回顶部|返回|顶部|我要纠错|纠错|字号)'
const CHROME_ONLY = new RegExp(`^(?:[【\\[]?${CHROME_WORD}[】\\]]?[\\s|｜/、]*){1,8}(?:[：:].*)?$`)
const WEB_CHROME = /^(?:(?:字号[：:]?\s*)?(?:[【\[]?[大中小][】\]]?\s*){3}|分享到[：:]?.*|扫一扫.*|当前位置[：:].*|首页\s*[>›»].*|您(?:现在)?(?:的位置|所在的位置)[：:].*)$/
// The metadata block a government web page prints above an article. detectMeta reads it from the
// document head; it is never the policy's own text.
const WEB_META =
  /^(?:发布(?:时间|日期)|来源|信息来源|文章来源|浏览(?:次数|量)?|点击(?:数|量|次数)|阅读(?:数|量|次数)|访问量|作者|责任编辑|编辑|审核|索引号|发文字号|发文机关|发文部门|发布机构|政策级别|政策主题|主题分类|成文日期|公开方式|公开范围|有效性|生效日期)\s*[：:]/

/** True for lines that carry no policy text: page numbers and web-page chrome. */
export function isNoiseLine(text: string): boolean {
  return isPageNumber(text) || CHROME_ONLY.test(text) || WEB_CHROME.test(text) || WEB_META.test(text)
}

/** True for a page number line of a converted PDF or Word file: － 2 －, - 3 -, 第2页 共9页. */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.some((re) => re.test(text))
}

// A line cut by a page break is running text as wide as the page; a shorter line without a full
// stop (附件, 一、总体要求) is a heading, and what follows it is not a running header.
const WRAPPED_LINE_MIN_CHARS = 10
// A running header is a short line (the document's title or issuer) that a converter repeats at
// the top of every page; longer lines are running text.
const RUNNING_HEADER_MAX_CHARS = 40

/**
 * Drops what a page break of a converted PDF or Word file leaves in the text: page-number lines,
 * the blank lines around them, and running headers. A running header is a line that repeats a
 * line of the document's head (before its first outline marker) later in the text, next to a
 * page number or in the middle of a sentence (「…最长不超过\n某某市促进就业若干政策措施\n3年。」).
 * Lines that continue a sentence across the break then join up again.
 */
export function dropPageFurniture(lines: SourceLine[]): SourceLine[] {
  const pageNumber = lines.map((l) => !l.cell && isPageNumber(l.text))
  const firstMarker = lines.findIndex((l) => l.text && (parseMarker(l.text) || parsePartHeading(l.text)))
  const headTexts = new Set(
    lines
      .slice(0, firstMarker === -1 ? lines.length : firstMarker)
      .filter((l) => !l.cell && isHeaderLike(l.text))
      .map((l) => l.text)
  )
  const neighbour = (i: number, step: 1 | -1) => {
    let j = i + step
    while (j >= 0 && j < lines.length && !lines[j].text) j += step
    return j
  }
  const bodyStart = firstMarker === -1 ? lines.length : firstMarker
  const repeats = (i: number) => i >= bodyStart && !lines[i].cell && headTexts.has(lines[i].text)
  // A text is a running header once one of its repeats sits by a page number or cuts a sentence;
  // then every repeat of it goes, including one that happens to fall between two paragraphs.
  const headers = new Set<string>()
  lines.forEach((line, i) => {
    if (!repeats(i)) return
    const before = neighbour(i, -1)
    const after = neighbour(i, 1)
    const byPageNumber = (before >= 0 && pageNumber[before]) || (after < lines.length && pageNumber[after])
    const midSentence =
      before >= 0 &&
      after < lines.length &&
      !pageNumber[before] &&
      !lines[before].cell &&
      lines[before].text.length >= WRAPPED_LINE_MIN_CHARS &&
      !SENTENCE_END.test(lines[before].text)
    if (byPageNumber || midSentence) headers.add(line.text)
  })
  const drop = new Set<number>()
  lines.forEach((line, i) => {
    if (repeats(i) && headers.has(line.text)) drop.add(i)
  })
  lines.forEach((l, i) => {
    if (!pageNumber[i]) return
    drop.add(i)
    // Blank lines around a page number are the page break, not a paragraph break.
    for (let j = i - 1; j >= 0 && !lines[j].text && !lines[j].cell; j--) drop.add(j)
    for (let j = i + 1; j < lines.length && !lines[j].text && !lines[j].cell; j++) drop.add(j)
  })
  return lines.filter((_, i) => !drop.has(i))
}

// Line ends after which the next line starts a new sentence.
const SENTENCE_END = /[。！？；：:;!?”」』）)]$/

function isHeaderLike(text: string): boolean {
  return text.length > 1 && text.length <= RUNNING_HEADER_MAX_CHARS && !/[。，；,;]/.test(text) && !isNoiseLine(text)
}
