/** @module The ClauseStore and LexicalIndex of an index held in memory (Node), over a PolicyIndex. */
import type { Chunk } from '../schema/clause.js'
import type { ClauseIndex, WeightedTerm } from './clause-index.js'
import type { ChunkPlace, ClauseStore, LexicalHit, LexicalIndex, LexicalSearchOptions, StoredUnit, TermStats, UnitAddress } from './clause-store.js'
import { ClauseTree } from './clause-tree.js'
import { clauseKey, type PolicyIndex, type PolicySource } from './policy-index.js'
import { normalizeForMatch } from './normalize.js'
import { CharacterPairs } from './character-pairs.js'

/** The units and chunks of a loaded index; lookups are map reads. */
export class MemoryClauseStore implements ClauseStore {
  readonly #chunks: Map<string, Chunk>
  readonly #tree: ClauseTree
  readonly #breadcrumbs: Map<string, string>
  readonly #allChunks: readonly Chunk[]
  /** All text of a city's chunks (normalised), built on first use, for {@link mentions}. */
  readonly #textByCity = new Map<string, string>()
  /** The chunks of each city, grouped on first use. */
  #byCity: Map<string, Chunk[]> | undefined
  /** The character pairs of all chunks, built on the first question that names no city. */
  #characterPairs: CharacterPairs | undefined

  constructor(index: Pick<PolicyIndex, 'clauses' | 'chunks'>) {
    this.#allChunks = index.chunks
    this.#chunks = new Map(index.chunks.map((c) => [c.id, c]))
    this.#tree = new ClauseTree(index.clauses)
    this.#breadcrumbs = new Map(index.chunks.map((c) => [clauseKey(c.docKey, c.path), c.breadcrumb]))
  }

  async chunkPlaces(chunkIds: readonly string[]): Promise<Map<string, ChunkPlace>> {
    const places = new Map<string, ChunkPlace>()
    for (const id of chunkIds) {
      const chunk = this.#chunks.get(id)
      // The chunk itself: it is a ChunkPlace, and the same object each time (the retriever keys by it).
      if (chunk) places.set(id, chunk)
    }
    return places
  }

  async units(addresses: readonly UnitAddress[]): Promise<Map<string, StoredUnit>> {
    const units = new Map<string, StoredUnit>()
    for (const { docKey, path } of addresses) {
      const key = clauseKey(docKey, path)
      const clause = this.#tree.getByKey(key)
      if (clause) units.set(key, { clause, breadcrumb: this.#breadcrumbs.get(key) ?? '' })
    }
    return units
  }

  /** The whole index's outline: it holds every document asked for. */
  async tree(): Promise<ClauseTree> {
    return this.#tree
  }

  async mentions(text: string, cities: readonly string[]): Promise<boolean> {
    const needle = normalizeForMatch(text)
    // No city means every city. A word with a character pair that no chunk has is in none of them:
    // known without scanning (and caching) the text of the whole corpus, 35 MB at 100k clauses.
    if (cities.length === 0 && !this.#pairs().mayHold(needle)) return false
    // Otherwise every city's text in turn, not a second copy of the whole corpus (70 MB at 100k).
    const scope = cities.length ? cities : [...this.#chunksByCity().keys()]
    return scope.some((city) => this.#scopeText(city).includes(needle))
  }

  #pairs(): CharacterPairs {
    this.#characterPairs ??= CharacterPairs.ofChunks(this.#allChunks)
    return this.#characterPairs
  }

  #scopeText(city: string): string {
    let text = this.#textByCity.get(city)
    if (text === undefined) {
      // Chunk by chunk: normalising one joined text made three transient copies of it, whose
      // pages the process kept (a city of a million-clause corpus is tens of megabytes).
      const chunks = this.#chunksByCity().get(city) ?? []
      text = chunks.map((c) => normalizeForMatch(`${c.heading}${c.text}`)).join('')
      this.#textByCity.set(city, text)
    }
    return text
  }

  #chunksByCity(): Map<string, Chunk[]> {
    if (!this.#byCity) {
      this.#byCity = new Map()
      for (const chunk of this.#allChunks) {
        const list = this.#byCity.get(chunk.city)
        if (list) list.push(chunk)
        else this.#byCity.set(chunk.city, [chunk])
      }
    }
    return this.#byCity
  }
}

/** A {@link ClauseIndex} as a LexicalIndex: the city scope filters by each chunk's city. */
export class MemoryLexicalIndex implements LexicalIndex {
  readonly #index: ClauseIndex
  /** City by doc key: a chunk id starts with its doc key, the group ClauseIndex scopes by. */
  readonly #cityOfDocument: Map<string, string>

  constructor(index: Pick<PolicyIndex, 'lexical' | 'chunks'>) {
    this.#index = index.lexical
    this.#cityOfDocument = new Map(index.chunks.map((c) => [c.docKey, c.city]))
  }

  async search(terms: readonly WeightedTerm[], { limit, cities = [] }: LexicalSearchOptions): Promise<LexicalHit[]> {
    const scope = cities.length > 0 ? (docKey: string) => cities.includes(this.#cityOfDocument.get(docKey) ?? '') : undefined
    return this.#index.search(terms, { limit, scope })
  }

  async termStats(terms: readonly string[]): Promise<TermStats> {
    const frequencies = new Map<string, number>()
    for (const term of terms) {
      const df = this.#index.documentFrequency(term)
      if (df > 0) frequencies.set(term, df)
    }
    return { documentCount: this.#index.documentCount, frequencies }
  }
}

/** The source of an index: a loaded {@link PolicyIndex} gets the in-memory stores, a source is kept. */
export function policySource(index: PolicyIndex | PolicySource): PolicySource {
  if ('store' in index) return index
  const unitsByKind = new Map<string, Record<string, number>>()
  for (const { docKey, kind } of index.clauses) {
    const counts = unitsByKind.get(docKey) ?? {}
    counts[kind] = (counts[kind] ?? 0) + 1
    unitsByKind.set(docKey, counts)
  }
  return {
    manifest: index.manifest,
    unitsByKind,
    store: new MemoryClauseStore(index),
    lexical: new MemoryLexicalIndex(index),
    vectors: index.vectors,
  }
}
