/** @module Validity: whether a measure or document still applies today, from the dates in its text. */
import type { DocumentInfo } from '../schema/clause.js'
import type { ValidityStatus } from '../schema/api.js'
import { messages } from './messages.js'

export interface Validity {
  status: ValidityStatus
  /** What applies today, in Chinese. */
  text: string
}

/** A deadline stated in the text, as written and as the last day it covers. */
interface Deadline {
  written: string
  lastDay: Date
}

// 至2025年12月底, 截至2025年12月31日, 到2027年底, 执行至2026年6月30日
const UNTIL =
  /(?:至|到|截至|截止(?:到|至)?|延续(?:实施)?至|执行(?:期)?至)\s*((20\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日|底|末)?)/g
// 2025年12月31日前, 2026年6月30日(之前|以前|止)
const BEFORE = /((20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)\s*(?:前|之前|以前|止)/g
// 2025—2027年，… : a measure run over a span of years.
const SPAN = /(20\d{2})\s*[—–\-－~～至到]\s*((20\d{2})\s*年)/g

/** Every deadline a clause states: 至2025年12月底, 2025年12月31日前, 2025—2027年. */
export function findDeadlines(text: string): Deadline[] {
  const found: Deadline[] = []
  for (const m of text.matchAll(UNTIL)) found.push({ written: m[1], lastDay: lastDayOf(m[2], m[3], m[4]) })
  for (const m of text.matchAll(BEFORE)) found.push({ written: m[1], lastDay: lastDayOf(m[2], m[3], m[4]) })
  for (const m of text.matchAll(SPAN)) found.push({ written: m[2], lastDay: lastDayOf(m[3]) })
  return found
}

/**
 * The validity of a clause today: a draft document is a draft; a measure whose latest stated
 * deadline has passed has ended; a document whose period has passed has ended; else current.
 */
export function assessValidity(doc: DocumentInfo, clauseText: string, today: Date): Validity {
  const notes: string[] = []
  let status: ValidityStatus = 'current'
  const deadlines = findDeadlines(clauseText)
  const latest = deadlines.sort((a, b) => b.lastDay.getTime() - a.lastDay.getTime())[0]
  const docEnd = doc.validTo ? lastDayOf(doc.validTo.slice(0, 4), doc.validTo.slice(5, 7), doc.validTo.slice(8, 10)) : undefined
  if (latest) {
    const ended = latest.lastDay < today
    notes.push(ended ? messages.validityMeasureEnded(latest.written) : messages.validityMeasureRunsTo(latest.written))
    if (ended) status = 'expired'
  } else if (docEnd) {
    const end = formatDay(doc.validTo!)
    const ended = docEnd < today
    notes.push(ended ? messages.validityPlanEnded(end) : messages.validityPlanRunsTo(end))
    if (ended) status = 'expired'
  }
  if (doc.draft) {
    notes.unshift(messages.validityDraft)
    if (status !== 'expired') status = 'draft'
  }
  // A document replaced by a later version no longer applies, whatever dates its text states.
  if (doc.supersededBy) {
    const { title, date } = doc.supersededBy
    notes.unshift(messages.validitySuperseded(title, date && formatDay(date, 'day')))
    status = 'expired'
  }
  if (notes.length === 0) {
    return doc.date ? { status: 'current', text: messages.validityCurrent } : { status: 'unknown', text: messages.validityUnknown }
  }
  return { status, text: notes.join('；') }
}

function lastDayOf(year: string, month?: string, day?: string): Date {
  const y = Number(year)
  if (!month) return new Date(Date.UTC(y, 11, 31, 23, 59, 59))
  const m = Number(month)
  if (day) return new Date(Date.UTC(y, m - 1, Number(day), 23, 59, 59))
  return new Date(Date.UTC(y, m, 0, 23, 59, 59)) // day 0 of the next month: the month's last day
}

/**
 * An end date as people write it: 2025-12-31 → 2025年底, 2025 → 2025年底. As a `day` (a
 * publication date): 2025-12-31 → 2025年12月31日, 2025 → 2025年, 2025-03 → 2025年3月.
 */
export function formatDay(iso: string, as: 'end' | 'day' = 'end'): string {
  const [y, m, d] = iso.split('-')
  if (!m) return as === 'end' ? `${y}年底` : `${y}年`
  if (!d) return as === 'end' ? `${y}年${Number(m)}月底` : `${y}年${Number(m)}月`
  return as === 'end' && m === '12' && d === '31' ? `${y}年底` : `${y}年${Number(m)}月${Number(d)}日`
}
