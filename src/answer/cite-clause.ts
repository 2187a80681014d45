/** @module citeClause: a unit → the citation object of CITATIONS.md. */
import type { Clause, DocumentInfo } from '../schema/clause.js'
import type { Citation } from '../schema/api.js'
import { assessValidity } from './validity.js'

/** 二/（三）/1 → 二（三）1; 专栏1/2 → 专栏1第2项; 第23项/2024年度 → 第23项（2024年度）; 附件/第1项 → 附件第1项. */
export function formatPath(path: string): string {
  const parts = path.split('/')
  return parts
    .map((part, i) => {
      if (i === 0) return part
      if (/年度?$/.test(part)) return `（${part}）`
      if (/^\d+$/.test(part) && parts[i - 1].startsWith('专栏')) return `第${part}项`
      return part
    })
    .join('')
}

/** A document title as cited: in 《》 unless it already is. */
export function quotedTitle(title: string): string {
  return title.startsWith('《') && /[》]/.test(title) ? title : `《${title}》`
}

/** The citation of a unit, with its validity as of `today`. */
export function citeClause(clause: Clause, doc: DocumentInfo, today: Date): Citation {
  const validity = assessValidity(doc, clause.text, today)
  return {
    city: clause.city,
    docKey: clause.docKey,
    docTitle: clause.docTitle,
    path: clause.path,
    label: `${clause.city}${quotedTitle(clause.docTitle)}${formatPath(clause.path)}`,
    quote: clause.text,
    validity: validity.text,
    status: validity.status,
  }
}
