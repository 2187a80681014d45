/** @module vectorize: the retriever's VectorIndex over a Cloudflare Vectorize index (Workers). */
import type { Vectorize, VectorizeMatch, VectorizeQueryOptions } from '@cloudflare/workers-types'
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import type { VectorHit, VectorIndex, VectorMetadata } from '../../retrieval/vector-index.js'
import { matchesNothing, toVectorizeFilter, whereOf } from './filter.js'
import type { ChunkIdResolver } from './vector-id.js'

export {
  vectorFilter,
  toVectorizeFilter,
  type DeclarativeVectorFilter,
  type MetadataWhere,
} from './filter.js'
export {
  chunkIdResolver,
  d1ChunkIdResolver,
  vectorIdOf,
  VECTOR_ID_SCHEME,
  MAX_VECTOR_ID_BYTES,
  type ChunkIdResolver,
} from './vector-id.js'

/** Vectorize's topK ceiling with `returnMetadata: 'indexed'` and no values. */
export const VECTORIZE_MAX_TOP_K = 100
/** Vectorize's topK ceiling with `returnMetadata: 'all'` (needed to read the `chunk` key back). */
export const VECTORIZE_MAX_TOP_K_ALL_METADATA = 20
/** Vectorize refuses a filter whose JSON reaches this many bytes. */
const MAX_FILTER_BYTES = 2048

export type VectorizeIndexOptions = {
  /** The Vectorize binding (`env.VECTORIZE`), an index created with `--metric=cosine`. Required. */
  index: Vectorize
  /** Embeds the query; must be the model the vectors were made with (bge-m3 on Workers AI). Required. */
  embeddings: EmbeddingsInterface
  /**
   * Maps Vectorize ids to chunk ids ({@link d1ChunkIdResolver}, {@link chunkIdResolver}).
   * Default: none, and each match's `chunk` metadata key is read instead, which needs
   * `returnMetadata: 'all'` and so caps a search at {@link VECTORIZE_MAX_TOP_K_ALL_METADATA}
   * matches. With a resolver, a search returns up to {@link VECTORIZE_MAX_TOP_K}.
   */
  resolveChunkIds?: ChunkIdResolver
}

/**
 * The dense side of hybrid retrieval on Workers. Embeds the query text, asks Vectorize for the
 * nearest vectors and returns chunk ids with Vectorize's cosine score clamped into [0, 1], the
 * same similarity hnswlib's `1 − distance` gives on Node, so fusion weighs both alike.
 *
 * Filters: one made by `vectorFilter({ city, docKey })` is pushed into the query as `$eq`/`$in`
 * (needs metadata indexes on `city` and `docKey`, created before the vectors were inserted); a
 * plain predicate is applied to the best {@link VECTORIZE_MAX_TOP_K} matches, so it may return
 * fewer than `k` hits. `k` above Vectorize's ceiling is lowered to it. Vectors whose id the
 * resolver does not know (an index ahead of or behind D1) are skipped.
 *
 * @example
 * const vectors = new VectorizeIndex({
 *   index: env.VECTORIZE,
 *   embeddings: new WorkersAiEmbeddings({ binding: env.AI }),
 *   resolveChunkIds: d1ChunkIdResolver(env.DB),
 * })
 * await vectors.search('灵活就业社保补贴', 50, vectorFilter({ city: '宜春市' }))
 */
export class VectorizeIndex implements VectorIndex {
  readonly name = 'vectorize'
  readonly #index: Vectorize
  readonly #embeddings: EmbeddingsInterface
  readonly #resolve: ChunkIdResolver | undefined

  constructor(options: VectorizeIndexOptions) {
    if (typeof options?.index?.query !== 'function') {
      throw new Error(
        'vectorize: a Vectorize index binding is required, eg { index: env.VECTORIZE } ([[vectorize]] in wrangler.toml)'
      )
    }
    if (typeof options.embeddings?.embedQuery !== 'function') {
      throw new Error(
        'vectorize: embeddings are required, eg { embeddings: new WorkersAiEmbeddings({ binding: env.AI }) }'
      )
    }
    this.#index = options.index
    this.#embeddings = options.embeddings
    this.#resolve = options.resolveChunkIds
  }

  async search(
    text: string,
    k: number,
    filter?: (metadata: VectorMetadata) => boolean
  ): Promise<VectorHit[]> {
    if (!(Number.isInteger(k) && k >= 1))
      throw new Error(`vectorize: k must be an integer ≥ 1, got ${k}`)
    const where = whereOf(filter)
    if (where && matchesNothing(where)) return []
    const pushed = where ? toVectorizeFilter(where) : undefined
    const pushDown =
      pushed !== undefined &&
      new TextEncoder().encode(JSON.stringify(pushed)).length < MAX_FILTER_BYTES
    const readMetadataChunk = this.#resolve === undefined
    const ceiling = readMetadataChunk ? VECTORIZE_MAX_TOP_K_ALL_METADATA : VECTORIZE_MAX_TOP_K
    const postFilter = filter !== undefined && !pushDown
    const options: VectorizeQueryOptions = {
      // A predicate can only thin out what comes back, so ask for as many as allowed.
      topK: postFilter ? ceiling : Math.min(k, ceiling),
      returnValues: false,
      returnMetadata: readMetadataChunk ? 'all' : 'indexed',
      ...(pushDown ? { filter: pushed } : {}),
    }

    const vector = await this.#embeddings.embedQuery(text)
    let matches: VectorizeMatch[]
    try {
      matches = (await this.#index.query(vector, options)).matches
    } catch (cause) {
      throw new Error(
        `vectorize: query (topK ${options.topK}) failed: ${(cause as Error).message}`,
        { cause }
      )
    }
    if (postFilter) matches = matches.filter((match) => filter(metadataOf(match)))
    const chunkIds = readMetadataChunk
      ? chunkIdsFromMetadata(matches)
      : await this.#resolve!(matches.map((m) => m.id))

    const hits: VectorHit[] = []
    for (const match of matches) {
      const id = chunkIds.get(match.id)
      if (id === undefined) continue
      hits.push({ id, similarity: Math.min(1, Math.max(0, match.score)) })
      if (hits.length === k) break
    }
    return hits
  }
}

function metadataOf(match: VectorizeMatch): VectorMetadata {
  const metadata = (match.metadata ?? {}) as Record<string, unknown>
  return { docKey: String(metadata.docKey ?? ''), city: String(metadata.city ?? '') }
}

function chunkIdsFromMetadata(matches: VectorizeMatch[]): Map<string, string> {
  const ids = new Map<string, string>()
  for (const match of matches) {
    const chunk = (match.metadata as Record<string, unknown> | undefined)?.chunk
    if (typeof chunk === 'string') ids.set(match.id, chunk)
  }
  return ids
}
