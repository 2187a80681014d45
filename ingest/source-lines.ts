/** @module Source lines: a document's text as lines with offsets, conversion artefacts removed. */

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
// Web-page chrome around an article: share bars, print/close links, font-size switches.
const WEB_CHROME =
  /^(?:【?(?:点赞|收藏|转发|分享|打印|关闭|打印本页|关闭窗口|返回顶部|字号)】?(?:[：:].*)?|分享到[：:]?.*|扫一扫.*|\[?(?:大|中|小)\]?(?:\s*\[?(?:大|中|小)\]?){2}|当前位置[：:].*|首页\s*[>›»].*)$/

/** True for lines that carry no policy text: page numbers and web-page chrome. */
export function isNoiseLine(text: string): boolean {
  return PAGE_NUMBER.some((re) => re.test(text)) || WEB_CHROME.test(text)
}
