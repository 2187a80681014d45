/**
 * @module ClauseStore and LexicalIndex: what retrieval and answering read, as async interfaces, so
 * one core runs over the in-memory index on Node (memory-stores.ts) and over D1 on Workers
 * (src/adapters/d1).
 */
import type { ClauseTree } from './clause-tree.js'
import type { Clause } from '../schema/clause.js'
import type { ClauseSearchResult, WeightedTerm } from './clause-index.js'

/** Where a chunk sits: its unit (doc key + path) and the document's city. */
export type ChunkPlace = { docKey: string; path: string; city: string }

/** A unit with its ancestors' headings (二、主要任务 › （三）…), as its chunks carry them. */
export type StoredUnit = { clause: Clause; breadcrumb: string }

/** A unit's address. */
export type UnitAddress = { docKey: string; path: string }

/** The units and chunks of an index, looked up by address. */
export interface ClauseStore {
  /** The units and places of these chunks, by chunk id; unknown ids are left out. */
  chunkPlaces(chunkIds: readonly string[]): Promise<Map<string, ChunkPlace>>
  /** These units, by `clauseKey(docKey, path)`; addresses of no unit are left out. */
  units(addresses: readonly UnitAddress[]): Promise<Map<string, StoredUnit>>
  /**
   * The outline of these documents (it may hold more): parents, children and neighbours of
   * their units, for composing an answer and for the catalogue.
   */
  tree(docKeys: readonly string[]): Promise<ClauseTree>
  /**
   * Whether a chunk of these cities' documents (any document when none) contains the text, both
   * compared as `normalizeForMatch` leaves them: tells a concept the documents never mention.
   */
  mentions(text: string, cities: readonly string[]): Promise<boolean>
}

/** A scored chunk of a lexical search: its id, BM25+ score and the query terms it contains. */
export type LexicalHit = ClauseSearchResult

export type LexicalSearchOptions = {
  /** Most hits returned, best first. */
  limit: number
  /** Only chunks of these cities' documents; none or empty: all. Scores stay corpus-wide. */
  cities?: readonly string[]
}

/** How common terms are in the index, for weighing a question's terms. */
export type TermStats = {
  /** Chunks in the index. */
  documentCount: number
  /** Chunks containing each asked term in any one field (the most over the fields); absent: none. */
  frequencies: Map<string, number>
}

/** BM25+ search over pre-segmented chunks (ClauseIndex in memory, tables in D1). */
export interface LexicalIndex {
  search(terms: readonly WeightedTerm[], options: LexicalSearchOptions): Promise<LexicalHit[]>
  termStats(terms: readonly string[]): Promise<TermStats>
}
