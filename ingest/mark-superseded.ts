/** @module markSuperseded: a later document of the same city and title replaces the earlier ones. */
import type { DocumentInfo } from '../src/schema/clause.js'

// Version words in brackets that do not change a document's subject: a draft, a trial version.
const VERSION_NOTE = /[（(](?:征求意见稿|送审稿|草案|试行|暂行|修订稿|修订版|讨论稿)[）)]/g
// Quotes and brackets that the same title is written with or without.
const DECORATION = /[《》〈〉“”‘’"'「」『』\s\u3000]/g

/**
 * Marks every document that a later one of the same city and subject replaces: `supersededBy`
 * names the latest. The subject is the title without quotes, spaces and version notes, so
 * 「关于…的若干措施（征求意见稿）」 and 「关于…的若干措施」 are one subject; a year in the title
 * stays part of it (a 2024 work plan does not replace the 2023 one, it follows it).
 *
 * Only dates that order the two are trusted: 2025-03-01 is later than 2023-06-01, but 2025 is
 * not later or earlier than 2025-04-10. On the same date, the final text replaces the draft.
 * Documents without a date are never marked. Returns new objects; the input is not changed.
 */
export function markSuperseded(documents: DocumentInfo[]): DocumentInfo[] {
  const groups = new Map<string, DocumentInfo[]>()
  for (const doc of documents) {
    if (!doc.date) continue
    const key = `${doc.city}\u0000${subjectOf(doc.title)}`
    groups.set(key, [...(groups.get(key) ?? []), doc])
  }
  const replacedBy = new Map<string, DocumentInfo>()
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const latest = group.reduce((a, b) => (isLater(b, a) ? b : a))
    for (const doc of group) if (doc !== latest && isLater(latest, doc)) replacedBy.set(doc.docKey, latest)
  }
  return documents.map((doc) => {
    const latest = replacedBy.get(doc.docKey)
    if (!latest) return doc
    return { ...doc, supersededBy: { docKey: latest.docKey, title: latest.title, ...(latest.date ? { date: latest.date } : {}) } }
  })
}

/** The subject of a title: what stays the same from one version of a document to the next. */
export function subjectOf(title: string): string {
  return title.normalize('NFKC').replace(VERSION_NOTE, '').replace(/[()（）]/g, '').replace(DECORATION, '')
}

/** Whether `a` is a later version than `b`: a later date, or the same date and final over draft. */
function isLater(a: DocumentInfo, b: DocumentInfo): boolean {
  const da = a.date!
  const db = b.date!
  if (da === db) return b.draft && !a.draft
  // 2025 and 2025-04-10 do not say which came first.
  if (da.startsWith(db) || db.startsWith(da)) return false
  return da > db
}
