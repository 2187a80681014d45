/** @module VectorIndex: the dense side of hybrid retrieval (hnswlib on Node, Vectorize on Workers). */

/** What a vector entry carries besides its id, so searches can be restricted without a lookup. */
export interface VectorMetadata {
  docKey: string
  city: string
}

export interface VectorHit {
  /** The chunk id (docKey#path#n). */
  id: string
  /** Cosine similarity in [0, 1], higher is closer, whatever the backend reports. */
  similarity: number
}

/** Nearest chunks to a text. Implementations embed the text with the index's own embeddings. */
export interface VectorIndex {
  readonly name: string
  search(text: string, k: number, filter?: (metadata: VectorMetadata) => boolean): Promise<VectorHit[]>
}

/**
 * The index, except that a failed search (a remote embedding server down or slow) returns no hits
 * after a log line: retrieval goes on with BM25 alone instead of failing the question.
 */
export function withLexicalFallback(index: VectorIndex, log: (line: string) => void): VectorIndex {
  return {
    name: index.name,
    search: async function searchOrNothing(text, k, filter) {
      try {
        return await index.search(text, k, filter)
      } catch (error) {
        log(`vector search failed (${(error as Error).message?.slice(0, 160)}); searching by BM25 alone`)
        return []
      }
    },
  }
}
