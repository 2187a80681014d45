/** @module decideAbstention: when the documents on file do not answer, say so instead of guessing. */
import type { Retrieval } from '../retrieval/hybrid-retriever.js'
import { normalizeForMatch } from '../retrieval/hybrid-retriever.js'

export interface AbstainOptions {
  /** Top units searched for the question's specific concepts. Default 3: what an answer cites. */
  conceptWindow: number
  /**
   * Least share of the question's idf mass the best unit must match. Below it the unit was found
   * by the dense side alone, on shared characters, not shared words. Range 0–0.3; default 0.02:
   * the dev questions that deserve an answer reach 0.05 and above even in everyday wording, so
   * only units matching no word of the question fall under it.
   */
  minCoverage: number
}

export const defaultAbstainOptions: AbstainOptions = { conceptWindow: 3, minCoverage: 0.02 }

export type Abstention =
  | { abstain: false }
  | { abstain: true; reason: 'outside'; places: string[] }
  | { abstain: true; reason: 'missing'; concepts: string[] }
  | { abstain: true; reason: 'weak' }

/**
 * Decides whether to abstain, in order: the question names only places not on file; nothing was
 * found; a specific concept of the question (公积金, 购房) appears in no document in scope or in none
 * of the top units; the best unit matches almost none of the question's words.
 */
export function decideAbstention(retrieval: Retrieval, options: Partial<AbstainOptions> = {}): Abstention {
  const { conceptWindow, minCoverage } = { ...defaultAbstainOptions, ...options }
  if (retrieval.outside.length > 0 && retrieval.cities.length === 0) {
    return { abstain: true, reason: 'outside', places: retrieval.outside }
  }
  if (retrieval.hits.length === 0) return { abstain: true, reason: 'weak' }
  // A unit says what its headings and its document's title say too (附件 …指导清单 › 第15项).
  const top = retrieval.hits
    .slice(0, conceptWindow)
    .map((h) => normalizeForMatch(`${h.clause.docTitle}${h.breadcrumb}${h.clause.heading}${h.clause.text}`))
  const missing = retrieval.concepts
    .filter((c) => {
      if (!c.inScope) return true
      const found = (text: string) =>
        text.includes(normalizeForMatch(c.word)) || (c.parts.length > 0 && c.parts.every((p) => text.includes(normalizeForMatch(p))))
      return !top.some(found)
    })
    .map((c) => c.word)
  if (missing.length) return { abstain: true, reason: 'missing', concepts: missing }
  if (retrieval.hits[0].coverage < minCoverage) return { abstain: true, reason: 'weak' }
  return { abstain: false }
}
