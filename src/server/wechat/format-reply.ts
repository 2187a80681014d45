/** @module formatReply: a cited answer as one plain-text WeChat message within a byte budget. */
import type { ChatResponse, Citation } from '../../schema/api.js'
import { wechatMessages } from '../messages.js'
import { splitSentences } from '../split-sentences.js'

export type FormatReplyOptions = {
  /**
   * Largest `Content` in UTF-8 bytes. Default 1,800: WeChat publishes no number, replies are reported
   * to fail past ~2,047 bytes, so this keeps a margin (see the WeChat reference, §4).
   */
  maxBytes: number
  /** Absolute link to the full text, shown last; none when undefined. */
  link: string | undefined
}

export const defaultFormatReplyOptions: FormatReplyOptions = {
  maxBytes: 1800,
  link: undefined,
}

/** The engine's validity notes ("提示：[1] …已到期"): kept even when the answer is cut. */
const NOTE_LINE = /^提示[:：]/
/** Where a sentence too long for the budget may still be cut: after a comma or semicolon. */
const CLAUSE_END = /[，；、,;]/g
/** A citation marker, `[12]`; a cut never lands inside one. */
const MARKER = /\[\d+\]/g
/** Where a short title starts: after the last closing quote or bracket of a name, or the last 的. */
const TITLE_TAIL = /[》”」』的]/g

const encoder = new TextEncoder()

/**
 * The answer, then its citations as short labels (`[1] 常州市 实施意见 二（三）1`), then the link,
 * within `maxBytes`. When it does not fit, citations and validity notes stay whole and the answer
 * is cut after a whole sentence (citation markers included) and marked as cut; a first sentence
 * longer than the budget is cut after a comma instead.
 *
 * @param options.maxBytes - default 1800
 * @param options.link - default none
 *
 * @example
 * ```ts
 * formatReply(await qa.chat({ question }), { link: 'https://example.gov.cn/doc/changzhou#二/（三）/1' })
 * ```
 */
export function formatReply(response: Pick<ChatResponse, 'answer' | 'citations'>, options: Partial<FormatReplyOptions> = {}): string {
  const { maxBytes, link } = { ...defaultFormatReplyOptions, ...options } satisfies FormatReplyOptions
  const lines = response.answer.trim().split('\n')
  const notes = lines.filter((line) => NOTE_LINE.test(line))
  const body = lines.filter((line) => !NOTE_LINE.test(line)).join('\n')

  const citationLines = response.citations.map((c, i) => `[${i + 1}] ${shortLabel(c)}`)
  const tailOf = () => [
    ...notes,
    ...(citationLines.length ? [wechatMessages.citationsHeading, ...citationLines] : []),
    ...(link ? [`${wechatMessages.linkPrefix}${link}`] : []),
  ]
  // Whole lines are dropped until the tail leaves at least half the budget to the answer: the last
  // citations first (the first one and the link always stay), then the notes.
  let tail = tailOf()
  while (bytes(tail.join('\n')) > maxBytes / 2 && (citationLines.length > 1 || notes.length > 0)) {
    if (citationLines.length > 1) citationLines.pop()
    else notes.pop()
    tail = tailOf()
  }

  const tailText = tail.join('\n')
  const budget = maxBytes - (tailText ? bytes(tailText) + 1 : 0)
  return [fitAnswer(body, budget), tailText].filter(Boolean).join('\n')
}

/**
 * The page that shows a cited clause in its document: `{base}/doc/{docKey}#{path}`, the full-document
 * view the widget also links to. The path is percent-encoded (WeChat links stop at non-ASCII) with
 * its slashes kept.
 */
export function documentLink(publicBaseUrl: string, citation: Pick<Citation, 'docKey' | 'path'>): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/doc/${encodeURIComponent(citation.docKey)}#${encodeURI(citation.path)}`
}

/** `常州市 实施意见 二（三）1`: city, the kind of document, the unit. */
export function shortLabel(citation: Pick<Citation, 'city' | 'docTitle' | 'label' | 'path'>): string {
  return [citation.city, shortTitle(citation.docTitle, citation.city), unitOf(citation)].filter(Boolean).join(' ')
}

/**
 * A document title shortened to the kind of document: the words after the last 》, ” or 的
 * (关于…的实施意见 → 实施意见), else from a year on (…2023年度主要工作安排), else the title without
 * its city.
 */
export function shortTitle(title: string, city: string): string {
  const tails = [...title.matchAll(TITLE_TAIL)]
  const last = tails.at(-1)
  if (last?.index !== undefined) {
    const tail = title.slice(last.index + 1).trim()
    if (tail.length >= 2) return tail
  }
  const year = /\d{4}年/.exec(title)
  if (year) return title.slice(year.index)
  return title.startsWith(city) ? title.slice(city.length) || title : title
}

/** The unit part of a label (`二（三）1` of `常州市《…》二（三）1`), or the path without slashes. */
function unitOf(citation: Pick<Citation, 'docTitle' | 'label' | 'path'>): string {
  const at = citation.label.lastIndexOf(citation.docTitle)
  if (at < 0) return citation.path.replaceAll('/', '')
  return citation.label.slice(at + citation.docTitle.length).replace(/^》/, '').trim()
}

/** As many whole sentences of `answer` as fit in `budget` bytes, marked when cut. */
function fitAnswer(answer: string, budget: number): string {
  if (bytes(answer) <= budget) return answer
  const room = budget - bytes(wechatMessages.truncated)
  if (room <= 0) return ''
  let kept = ''
  for (const sentence of splitSentences(answer)) {
    if (bytes(kept + sentence) > room) break
    kept += sentence
  }
  if (!kept) kept = cutInsideSentence(splitSentences(answer)[0] ?? '', room)
  return kept.trimEnd() + wechatMessages.truncated
}

/** The longest prefix of one long sentence that ends after a comma (or, failing that, anywhere outside a marker). */
function cutInsideSentence(sentence: string, room: number): string {
  const ends = [...sentence.matchAll(CLAUSE_END)].map((m) => m.index + m[0].length)
  const byClause = ends.filter((end) => bytes(sentence.slice(0, end)) <= room).at(-1)
  if (byClause !== undefined) return sentence.slice(0, byClause)
  const markers = [...sentence.matchAll(MARKER)].map((m) => [m.index, m.index + m[0].length] as const)
  let end = 0
  let used = 0
  for (const char of sentence) {
    used += utf8Length(char)
    if (used > room) break
    end += char.length
  }
  const inside = markers.find(([from, to]) => end > from && end < to)
  return sentence.slice(0, inside ? inside[0] : end)
}

function bytes(text: string): number {
  return encoder.encode(text).length
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}
