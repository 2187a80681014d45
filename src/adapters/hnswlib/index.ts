/** @module hnswlib: build, save, load and search LangChain HNSWLib stores (Node, native addon). */
import { Document } from '@langchain/core/documents'
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib'
import { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory'
import hnswlib from 'hnswlib-node'
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
  /**
   * Size of the candidate list while building (hnswlib `efConstruction`). Integer ≥ 1. Default
   * 64: hnswlib's 200 took three times as long to build 100k chunks (a third of the ingest) for
   * no recall@5 we can measure on the dev questions (the dense side only adds candidates to
   * BM25's, and a one-city search is exact).
   */
  efConstruction?: number
  /** Texts embedded per `embedDocuments` call while building. Integer ≥ 1. Default 256. */
  batchSize?: number
}

export const defaultHnswStoreOptions = {
  ef: 64,
  efConstruction: 64,
  batchSize: 256,
} satisfies Required<HnswStoreOptions>

/** Links per node (hnswlib `M`), hnswlib's default. */
const HNSW_M = 16
/** Seed of hnswlib's level generator, hnswlib's default: the same records build the same graph. */
const HNSW_RANDOM_SEED = 100

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
  metadata: Record<string, unknown>
  /** 1 − cosine distance, clamped into [0, 1]; higher is closer. */
  similarity: number
}

/**
 * Embeds the records and builds a cosine-space HNSWLib store (M 16). Each record's id becomes the
 * LangChain `Document.id`; the docstore keeps ids and metadata but not the texts, which the
 * caller has (an index folder holds them in chunks.jsonl): a second copy of every chunk was a
 * third of the folder and of the memory of a loaded index.
 *
 * - `ef`: query-time candidate list, default 64.
 * - `efConstruction`: build-time candidate list, default 100.
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
  const { ef, efConstruction, batchSize } = { ...defaultHnswStoreOptions, ...options }
  checkPositiveInteger('ef', ef)
  checkPositiveInteger('efConstruction', efConstruction)
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

  // Each batch is added as soon as it is embedded: a million chunks' vectors held as number[][]
  // first would be ~6 GB of heap on top of the native index.
  let index: hnswlib.HierarchicalNSW | undefined
  let numDimensions = 0
  const documents = new Map<string, Document>()
  for (let start = 0; start < records.length; start += batchSize) {
    const batch = records.slice(start, start + batchSize)
    const vectors = await embeddings.embedDocuments(batch.map((record) => record.text))
    if (!index) {
      numDimensions = vectors[0].length
      // Built here rather than by HNSWLib.addVectors, which initialises the index with hnswlib's
      // default efConstruction; LangChain's docstore is filled in one call (it checks each added
      // key against every stored key).
      index = new hnswlib.HierarchicalNSW('cosine', numDimensions)
      index.initIndex(records.length, HNSW_M, efConstruction, HNSW_RANDOM_SEED)
    }
    batch.forEach(({ id, metadata = {} }, offset) => {
      const label = start + offset
      index!.addPoint(vectors[offset], label)
      documents.set(String(label), new Document({ id, pageContent: '', metadata }))
    })
  }
  // records is not empty (checked above), so the first batch created the index.
  index!.setEf(ef)
  return new HNSWLib(embeddings, {
    space: 'cosine',
    numDimensions,
    index: index!,
    docstore: new SynchronousInMemoryDocstore(documents),
  })
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
    metadata: document.metadata,
    similarity: clamp(1 - distance),
  }))
}

function checkPositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 1))
    throw new Error(`hnswlib: ${name} must be an integer ≥ 1, got ${value}`)
}

export interface HnswVectorIndexOptions {
  /**
   * Above this many vectors in scope a search goes to hnswlib; at or below, the vectors of the
   * documents in scope are compared exactly (an index this small is searched exactly whole).
   * hnswlib's filtered search visits most of the graph when few vectors pass (one city is 0.4% of
   * 100k chunks), calling back into JS for each; 5,000 dot products of 512 dimensions take about
   * a millisecond, and a city of the seeds has ~450. Default 5000.
   */
  exactSearchMaxVectors: number
  /**
   * Returns the one copy of a chunk id the caller already holds (the chunks and the BM25 index
   * keep the same ids: three copies were ~20 MB at 100k chunks). Default: the docstore's own.
   */
  intern: (id: string) => string
}

export const defaultHnswVectorIndexOptions: HnswVectorIndexOptions = { exactSearchMaxVectors: 5000, intern: (id) => id }

/** Vectors kept unpacked for exact search, at most (about 40 MB at 512 dimensions). */
const EXACT_CACHE_MAX_VECTORS = 20_000

/** The labels of one document's vectors and the metadata they share. */
type DocumentVectors = { labels: number[]; metadata: VectorMetadata }

/**
 * A saved HNSWLib store as the retriever's {@link VectorIndex}. A filter is asked once per
 * document (the retriever's filters read only the metadata, which all vectors of a document
 * share), and a search over few vectors (a small index, or a filter that keeps few) is exact.
 */
export class HnswVectorIndex implements VectorIndex {
  readonly name = 'hnswlib'
  readonly #index: HNSWLib['index']
  readonly #embeddings: EmbeddingsInterface
  readonly #exactSearchMaxVectors: number
  /** Vector labels by document, in label order. */
  readonly #documents: DocumentVectors[]
  /** Chunk id by label. */
  readonly #ids: string[] = []
  /** Stored (unit length) vectors of recently searched documents, by their first label. */
  #cache = new Map<number, Float32Array>()
  #cachedVectors = 0
  #lastQuery: { text: string; vector: Promise<number[]> } | undefined

  /**
   * Keeps the store's hnswlib index and, from its docstore, each label's id and document; not
   * the docstore itself (a LangChain Document per vector, 37 MB at 100k chunks).
   */
  constructor(store: HNSWLib, options: Partial<HnswVectorIndexOptions> = {}) {
    this.#index = store.index
    this.#embeddings = store.embeddings
    const { exactSearchMaxVectors, intern } = { ...defaultHnswVectorIndexOptions, ...options }
    this.#exactSearchMaxVectors = exactSearchMaxVectors
    const byDocKey = new Map<string, DocumentVectors>()
    const docs = (store.docstore as unknown as { _docs: Map<string, Document> })._docs
    for (const [key, document] of docs) {
      const label = Number(key)
      const { docKey, city } = document.metadata as VectorMetadata
      this.#ids[label] = intern(document.id ?? '')
      const entry = byDocKey.get(docKey)
      if (entry) entry.labels.push(label)
      else byDocKey.set(docKey, { labels: [label], metadata: { docKey, city } })
    }
    this.#documents = [...byDocKey.values()]
    for (const d of this.#documents) d.labels.sort((a, b) => a - b)
  }

  /** Loads a store saved by {@link saveHnswStore}; `ef` is set after loading (it is not saved). */
  static async load(directory: string, embeddings: EmbeddingsInterface, options: { ef?: number } & Partial<HnswVectorIndexOptions> = {}) {
    return new HnswVectorIndex(await loadHnswStore(directory, embeddings, options), options)
  }

  async search(text: string, k: number, filter?: (metadata: VectorMetadata) => boolean): Promise<VectorHit[]> {
    checkPositiveInteger('k', k)
    const stored = this.#ids.length
    const scoped = filter ? this.#documents.filter((d) => filter(d.metadata)) : this.#documents
    const inScope = filter ? scoped.reduce((sum, d) => sum + d.labels.length, 0) : stored
    if (inScope === 0) return []
    const query = await this.#embed(text)
    if (inScope <= this.#exactSearchMaxVectors) return this.#exactSearch(query, scoped, k)
    let allowed: Uint8Array | undefined
    if (filter) {
      allowed = new Uint8Array(stored)
      for (const d of scoped) for (const label of d.labels) allowed[label] = 1
    }
    const result = this.#index.searchKnn(query, Math.min(k, inScope), allowed ? (label) => allowed[label] === 1 : undefined)
    return result.neighbors.map((label, i) => ({ id: this.#ids[label], similarity: clamp(1 - result.distances[i]) }))
  }

  /**
   * The query's vector. The last one is kept, as a promise: a comparison searches each city with
   * the same text at once. A failed embedding is not kept, so the next search tries again.
   */
  #embed(text: string): Promise<number[]> {
    if (this.#lastQuery?.text === text) return this.#lastQuery.vector
    const vector = this.#embeddings.embedQuery(text)
    const entry = { text, vector }
    this.#lastQuery = entry
    vector.catch(() => {
      if (this.#lastQuery === entry) this.#lastQuery = undefined
    })
    return vector
  }

  /** Cosine similarity of the query with every vector of the documents, best k first. */
  #exactSearch(query: number[], documents: DocumentVectors[], k: number): VectorHit[] {
    // A loop, not Math.hypot(...query): spreading 512 arguments cost a third of the products.
    let sumOfSquares = 0
    for (const x of query) sumOfSquares += x * x
    const norm = Math.sqrt(sumOfSquares) || 1
    // Only the query's non-zero dimensions count: a hashed n-gram embedding of a question has a
    // few dozen of its 512, which makes each product an order of magnitude cheaper.
    const at: number[] = []
    const weight: number[] = []
    query.forEach((x, j) => {
      if (x !== 0) at.push(j), weight.push(x / norm)
    })
    // Vectors pointing away from the question (about half of a hashed embedding's) all score 0:
    // they are sorted, by label, only when fewer than k point towards it.
    const towards: Array<{ label: number; similarity: number }> = []
    const away: number[] = []
    for (const d of documents) {
      const columns = this.#vectorsOf(d.labels)
      const count = d.labels.length
      // Column by column: each pass reads dimensions of every vector in a row, which is several
      // times faster than vector by vector; four dimensions a pass, so each sum is read and
      // written a quarter as often.
      const dots = new Float64Array(count)
      let n = 0
      for (; n + 3 < at.length; n += 4) {
        const c0 = at[n] * count
        const c1 = at[n + 1] * count
        const c2 = at[n + 2] * count
        const c3 = at[n + 3] * count
        const w0 = weight[n]
        const w1 = weight[n + 1]
        const w2 = weight[n + 2]
        const w3 = weight[n + 3]
        for (let i = 0; i < count; i++) {
          dots[i] += columns[c0 + i] * w0 + columns[c1 + i] * w1 + columns[c2 + i] * w2 + columns[c3 + i] * w3
        }
      }
      for (; n < at.length; n++) {
        const column = at[n] * count
        const w = weight[n]
        for (let i = 0; i < count; i++) dots[i] += columns[column + i] * w
      }
      for (let i = 0; i < count; i++) {
        if (dots[i] > 0) towards.push({ label: d.labels[i], similarity: Math.min(1, dots[i]) })
        else away.push(d.labels[i])
      }
    }
    towards.sort((a, b) => b.similarity - a.similarity || a.label - b.label)
    if (towards.length < k) towards.push(...away.sort((a, b) => a - b).map((label) => ({ label, similarity: 0 })))
    return towards.slice(0, k).map(({ label, similarity }) => ({ id: this.#ids[label], similarity }))
  }

  /**
   * The stored vectors of a document's labels, packed dimension by dimension (dimension j of
   * vector i at j × count + i); cached while the cache has room.
   */
  #vectorsOf(labels: number[]): Float32Array {
    const cached = this.#cache.get(labels[0])
    if (cached) return cached
    const count = labels.length
    const packed = new Float32Array(count * this.#index.getNumDimensions())
    labels.forEach((label, i) => {
      this.#index.getPoint(label).forEach((x, j) => (packed[j * count + i] = x))
    })
    if (this.#cachedVectors + labels.length > EXACT_CACHE_MAX_VECTORS) {
      this.#cache.clear()
      this.#cachedVectors = 0
    }
    this.#cache.set(labels[0], packed)
    this.#cachedVectors += labels.length
    return packed
  }
}

function clamp(similarity: number): number {
  return Math.min(1, Math.max(0, similarity))
}
