/** @module preferCurrent: when an old and a new version of a document both match, answer from the new one. */
import type { DocumentInfo } from '../schema/clause.js'
import type { Retrieval } from '../retrieval/hybrid-retriever.js'

export interface PreferCurrentOptions {
  /**
   * Score of the replacing document's best hit, relative to the superseded document's best, at
   * least, for the old hits to be set aside. Below it the new version does not say what the
   * question asks (it dropped that measure), so the old one answers and its validity says it was
   * replaced. Range 0–1; default 0.5, the same order as the composer's ratio for a second unit.
   */
  minScoreRatio: number
}

export const defaultPreferCurrentOptions: PreferCurrentOptions = { minScoreRatio: 0.5 }

export interface PreferredRetrieval {
  retrieval: Retrieval
  /** Superseded documents whose hits were set aside for those of the document that replaces them. */
  replaced: DocumentInfo[]
}

/**
 * Sets aside the hits of a superseded document when the document that replaces it answers nearly
 * as well: the question is answered from the version in force, and the caller says so.
 */
export function preferCurrent(
  retrieval: Retrieval,
  documents: ReadonlyMap<string, DocumentInfo>,
  options: Partial<PreferCurrentOptions> = {}
): PreferredRetrieval {
  const { minScoreRatio } = { ...defaultPreferCurrentOptions, ...options } satisfies PreferCurrentOptions
  const best = new Map<string, number>()
  for (const { clause, score } of retrieval.hits) best.set(clause.docKey, Math.max(best.get(clause.docKey) ?? 0, score))
  const replaced = [...best.keys()]
    .map((docKey) => documents.get(docKey))
    .filter((doc): doc is DocumentInfo => {
      const by = doc?.supersededBy?.docKey
      return by !== undefined && (best.get(by) ?? 0) >= minScoreRatio * best.get(doc!.docKey)!
    })
  if (replaced.length === 0) return { retrieval, replaced }
  const setAside = new Set(replaced.map((d) => d.docKey))
  return { retrieval: { ...retrieval, hits: retrieval.hits.filter((h) => !setAside.has(h.clause.docKey)) }, replaced }
}
