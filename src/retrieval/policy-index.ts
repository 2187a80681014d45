/** @module PolicyIndex: the loaded index, whatever store it was read from. */
import type { Chunk, Clause, IndexManifest } from '../schema/clause.js'
import type { ClauseIndex } from './clause-index.js'
import type { VectorIndex } from './vector-index.js'
import type { ClauseStore, LexicalIndex } from './clause-store.js'

/** Everything retrieval reads: the units, their chunks, and the lexical and dense indexes. */
export interface PolicyIndex {
  manifest: IndexManifest
  clauses: Clause[]
  chunks: Chunk[]
  lexical: ClauseIndex
  vectors: VectorIndex
}

/**
 * What retrieval and answering read, whatever the runtime: the manifest (small, held in memory)
 * and the stores behind async interfaces (memory-stores.ts on Node, src/adapters/d1 on Workers).
 */
export interface PolicySource {
  manifest: IndexManifest
  /** Units per kind of each document (chapter 8, item 31…), for the catalogue; by doc key. */
  unitsByKind: Map<string, Record<string, number>>
  store: ClauseStore
  lexical: LexicalIndex
  vectors: VectorIndex
}

/** The key of a unit across the corpus: the same path in two documents never collides. */
export function clauseKey(docKey: string, path: string): string {
  return `${docKey}#${path}`
}
