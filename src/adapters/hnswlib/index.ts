/** @module hnswlib: build, save, load and search LangChain HNSWLib stores (Node, native addon). */
import { Document } from '@langchain/core/documents'
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib'
import type { VectorHit, VectorIndex, VectorMetadata } from '../../retrieval/vector-index.js'

export type HnswRecord = { id: string; text: string; metadata?: Record<string, unknown> }

export type HnswStoreOptions = {
  /**
   * Size of the candidate list at query time (hnswlib `ef`); hnswlib uses max(ef, k). Integer
   * ≥ 1. Default 64: hnswlib's own default of 10 loses recall at k = 10, while 64 still answers
   * in well under a millisecond for 100k vectors. `ef` is not saved with the index, so
   * {@link loadHnswStore} sets it again.
   */
  ef?: number
  /** Texts embedded per `embedDocuments` call while building. Integer ≥ 1. Default 256. */
  batchSize?: number
}

export const defaultHnswStoreOptions = {
  ef: 64,
  batchSize: 256,
} satisfies Required<HnswStoreOptions>

export type HnswSearchOptions = {
  /** Most hits returned, integer ≥ 1. Default 10; capped at the number of stored vectors. */
  k?: number
  /** Keeps a hit when it returns true. It may throw: the error is re-thrown after the search. */
  filter?: (record: { id: string; metadata: Record<string, unknown> }) => boolean
}

export const defaultHnswSearchOptions = { k: 10 } satisfies Omit<
  Required<HnswSearchOptions>,
  'filter'
>

export type HnswHit = {
  id: string
  text: string
  metadata: Record<string, unknown>
  /** 1 − cosine distance, clamped into [0, 1]; higher is closer. */
  similarity: number
}

/**
 * Embeds the records and builds a cosine-space HNSWLib store (hnswlib defaults M 16,
 * efConstruction 200). Each record's id becomes the LangChain `Document.id`.
 *
 * - `ef`: query-time candidate list, default 64.
 * - `batchSize`: texts per `embedDocuments` call, default 256.
 *
 * @example
 * const store = await buildHnswStore(chunks.map((c) => ({ id: c.id, text: c.text })), embeddings)
 * await saveHnswStore(store, dir)
 */
export async function buildHnswStore(
  records: readonly HnswRecord[],
  embeddings: EmbeddingsInterface,
  options: HnswStoreOptions = {}
): Promise<HNSWLib> {
  const { ef, batchSize } = { ...defaultHnswStoreOptions, ...options }
  checkPositiveInteger('ef', ef)
  checkPositiveInteger('batchSize', batchSize)
  if (records.length === 0)
    throw new Error('hnswlib: no records to index; an HNSW index needs at least one vector')
  const seen = new Set<string>()
  for (const { id } of records) {
    if (typeof id !== 'string' || id === '')
      throw new Error(`hnswlib: record id must be a non-empty string, got ${JSON.stringify(id)}`)
    if (seen.has(id)) throw new Error(`hnswlib: duplicate record id ${id}`)
    seen.add(id)
  }

  const vectors: number[][] = []
  for (let start = 0; start < records.length; start += batchSize) {
    const batch = records.slice(start, start + batchSize)
    vectors.push(...(await embeddings.embedDocuments(batch.map((record) => record.text))))
  }
  const numDimensions = vectors[0].length
  const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions })
  const documents = records.map(
    ({ id, text, metadata = {} }) => new Document({ id, pageContent: text, metadata })
  )
  // One addVectors call: LangChain's in-memory docstore checks each added key against every
  // stored key, which is quadratic when a large store is filled batch by batch.
  await store.addVectors(vectors, documents)
  store.index.setEf(ef)
  return store
}

/** Writes hnswlib.index, docstore.json and args.json into `directory` (created if missing). */
export async function saveHnswStore(store: HNSWLib, directory: string): Promise<void> {
  await store.save(directory)
}

/** Loads a store written by {@link saveHnswStore} and sets `ef`, which the index file lacks. */
export async function loadHnswStore(
  directory: string,
  embeddings: EmbeddingsInterface,
  options: Pick<HnswStoreOptions, 'ef'> = {}
): Promise<HNSWLib> {
  const { ef } = { ...defaultHnswStoreOptions, ...options }
  checkPositiveInteger('ef', ef)
  const store = await HNSWLib.load(directory, embeddings)
  store.index.setEf(ef)
  return store
}

/**
 * Nearest records to a query text (embedded with the store's embeddings) or vector, closest
 * first, with similarity in [0, 1]. A throwing filter never reaches hnswlib, where an exception
 * inside the native search callback would abort the process: the first error is kept, the
 * remaining candidates are rejected, and the error is re-thrown once the search returns.
 */
export async function searchHnswStore(
  store: HNSWLib,
  query: string | number[],
  options: HnswSearchOptions = {}
): Promise<HnswHit[]> {
  const { k, filter } = { ...defaultHnswSearchOptions, ...options }
  checkPositiveInteger('k', k)
  const stored = store._index ? store.index.getCurrentCount() : 0
  if (stored === 0) return []
  const vector = typeof query === 'string' ? await store.embeddings.embedQuery(query) : query

  let failed = false
  let failure: unknown
  const safeFilter = filter
    ? (document: Document) => {
        if (failed) return false
        try {
          return filter({ id: document.id ?? '', metadata: document.metadata }) === true
        } catch (error) {
          failed = true
          failure = error
          return false
        }
      }
    : undefined
  const results = await store.similaritySearchVectorWithScore(
    vector,
    Math.min(k, stored),
    safeFilter
  )
  if (failed) throw failure

  return results.map(([document, distance]) => ({
    id: document.id ?? '',
    text: document.pageContent,
    metadata: document.metadata,
    similarity: Math.min(1, Math.max(0, 1 - distance)),
  }))
}

function checkPositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 1))
    throw new Error(`hnswlib: ${name} must be an integer ≥ 1, got ${value}`)
}

/** A saved HNSWLib store as the retriever's {@link VectorIndex}. */
export class HnswVectorIndex implements VectorIndex {
  readonly name = 'hnswlib'

  constructor(private readonly store: HNSWLib) {}

  /** Loads a store saved by {@link saveHnswStore}; `ef` is set after loading (it is not saved). */
  static async load(directory: string, embeddings: EmbeddingsInterface, options?: { ef?: number }) {
    return new HnswVectorIndex(await loadHnswStore(directory, embeddings, options))
  }

  async search(text: string, k: number, filter?: (metadata: VectorMetadata) => boolean): Promise<VectorHit[]> {
    const hits = await searchHnswStore(this.store, text, {
      k,
      filter: filter ? ({ metadata }) => filter(metadata as unknown as VectorMetadata) : undefined,
    })
    return hits.map(({ id, similarity }) => ({ id, similarity }))
  }
}
