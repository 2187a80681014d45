/** @module PolicyIndex: the loaded index, whatever store it was read from. */
import type { Chunk, Clause, IndexManifest } from '../schema/clause.js'
import type { ClauseIndex } from './clause-index.js'
import type { VectorIndex } from './vector-index.js'

/** Everything retrieval reads: the units, their chunks, and the lexical and dense indexes. */
export interface PolicyIndex {
  manifest: IndexManifest
  clauses: Clause[]
  chunks: Chunk[]
  lexical: ClauseIndex
  vectors: VectorIndex
}

/** The key of a unit across the corpus: the same path in two documents never collides. */
export function clauseKey(docKey: string, path: string): string {
  return `${docKey}#${path}`
}
