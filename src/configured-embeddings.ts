/** @module configuredEmbeddings: the embeddings the configuration names, for ingest and for the server. */
import { HashingEmbeddings } from './adapters/hashing-embeddings/index.js'
import type { Config } from './schema/config.js'
import type { IndexEmbeddings } from './retrieval/index-format.js'

/**
 * The embeddings of the configuration: the EMBEDDINGS_* model when EMBEDDINGS_BASE_URL is set, else
 * the local hashing embedding. For `ingest`, requests are retried (3 times, with backoff); for
 * `query`, not at all: a question waits for one request at most, then is searched by BM25 alone.
 * The OpenAI-compatible client is imported only then: loading it is a good part of a second.
 */
export async function configuredEmbeddings(config: Config, purpose: 'ingest' | 'query'): Promise<IndexEmbeddings> {
  if (!config.EMBEDDINGS_BASE_URL) return new HashingEmbeddings()
  const { OpenAiCompatibleEmbeddings } = await import('./adapters/openai-compatible/index.js')
  return new OpenAiCompatibleEmbeddings({
    baseURL: config.EMBEDDINGS_BASE_URL,
    apiKey: config.EMBEDDINGS_API_KEY,
    model: config.EMBEDDINGS_MODEL!,
    dimensions: config.EMBEDDINGS_DIMENSIONS!,
    batchSize: config.EMBEDDINGS_BATCH_SIZE,
    timeoutMs: config.EMBEDDINGS_TIMEOUT_MS,
    ...(purpose === 'query' ? { maxRetries: 0 } : {}),
  })
}
