/** @module How a citation reads in the widget: the clause part of its label, and its document link. */
import type { Citation } from '../schema/api.js'

/**
 * The clause part of a citation label, e.g. 二（三）1 from 常州市《…》二（三）1. The label is built as
 * city + 《title》 + formatted path (src/answer/cite-clause.ts); if it is not, the path is shown
 * with spaces between its levels.
 */
export function clauseOf(citation: Pick<Citation, 'city' | 'docTitle' | 'path' | 'label'>): string {
  const title = citation.docTitle.startsWith('《') ? citation.docTitle : `《${citation.docTitle}》`
  const prefix = `${citation.city}${title}`
  const rest = citation.label.startsWith(prefix) ? citation.label.slice(prefix.length).trim() : ''
  return rest || citation.path.split('/').join(' ')
}

/** The document title in 《》 once. */
export function quotedTitle(title: string): string {
  return title.startsWith('《') ? title : `《${title}》`
}

/**
 * The full-document view with the clause highlighted: `{api}/doc/{docKey}#{path}`, the same link
 * WeChat answers carry (src/server/wechat/format-reply.ts).
 */
export function documentUrl(api: string, citation: Pick<Citation, 'docKey' | 'path'>): string {
  return `${api}/doc/${encodeURIComponent(citation.docKey)}#${encodeURI(citation.path)}`
}
