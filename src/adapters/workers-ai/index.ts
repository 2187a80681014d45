/** @module workers-ai: LangChain embeddings and chat over a Workers AI binding (`env.AI`). */
import type { Ai } from '@cloudflare/workers-types'
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings'

export {
  ChatWorkersAi,
  defaultChatWorkersAiOptions,
  type ChatWorkersAiOptions,
} from './chat-model.js'
export { createWorkersAiRestBinding, type WorkersAiRestOptions } from './rest-binding.js'

/**
 * What the adapters call on Workers AI. `env.AI` is one; so is {@link createWorkersAiRestBinding}
 * (the REST API, for scripts outside Workers) and the fake in test/support/fake-cloudflare.ts.
 */
export type WorkersAiBinding = Pick<Ai, 'run'>

/** Multilingual (Chinese included) dense embeddings, 1024 dimensions. The bge-*-en models are English-only. */
export const BGE_M3 = '@cf/baai/bge-m3'

export type WorkersAiEmbeddingsOptions = EmbeddingsParams & {
  /** The `AI` binding (`env.AI`), or a REST binding. Required. */
  binding: WorkersAiBinding
  /** Embedding model of the Workers AI catalog. Default {@link BGE_M3}. */
  model?: string
  /**
   * Length of the vectors the model returns; every vector is checked against it. Default 1024
   * (bge-m3). It must equal the Vectorize index's `--dimensions`.
   */
  dimensions?: number
  /**
   * Texts per `run` call. Integer 1–100 (Workers AI takes at most 100 texts per call).
   * Default 50: one call stays well under the model's per-request token budget for chunks of
   * a few hundred characters.
   */
  batchSize?: number
}

export const defaultWorkersAiEmbeddingsOptions = {
  model: BGE_M3,
  dimensions: 1024,
  batchSize: 50,
  // A query is embedded inside a user's request: retry once, not six times (LangChain's default).
  maxRetries: 1,
  // Batches go out in parallel; four stay within the 3000 requests/min embedding limit.
  maxConcurrency: 4,
} satisfies Partial<WorkersAiEmbeddingsOptions>

/** Workers AI refuses more texts than this in one call. */
const MAX_BATCH = 100

type EmbeddingOutput = { shape?: number[]; data?: number[][] }

/**
 * LangChain `Embeddings` over `env.AI.run(model, { text: string[] })`, which answers
 * `{ shape, data }`. Batched (`batchSize` texts per call) and retried through LangChain's
 * AsyncCaller (`maxRetries`, `maxConcurrency`). Every answer is checked: one vector per text, each
 * of `dimensions` numbers, so a model swapped behind the same name fails loudly instead of
 * filling the index with vectors of another space. Newlines are kept: bge-m3 reads them.
 *
 * - `binding`: required. `model`: default bge-m3. `dimensions`: default 1024.
 * - `batchSize`: default 50. `maxRetries`: default 1. `maxConcurrency`: default 4.
 *
 * @example
 * const embeddings = new WorkersAiEmbeddings({ binding: env.AI })
 * const vector = await embeddings.embedQuery('灵活就业人员社保补贴怎么申请')
 */
export class WorkersAiEmbeddings extends Embeddings {
  /** The model name, as an index manifest records it. */
  readonly name: string
  readonly dimensions: number
  readonly batchSize: number
  readonly #binding: WorkersAiBinding

  constructor(options: WorkersAiEmbeddingsOptions) {
    const { binding, model, dimensions, batchSize, ...params } = {
      ...defaultWorkersAiEmbeddingsOptions,
      ...options,
    }
    super(params)
    if (typeof binding?.run !== 'function') {
      throw new Error(
        'workers-ai embeddings: a Workers AI binding is required, eg { binding: env.AI } ([ai] binding = "AI" in wrangler.toml)'
      )
    }
    if (typeof model !== 'string' || model === '') {
      throw new Error(
        `workers-ai embeddings: model must be a Workers AI model name, got ${JSON.stringify(model)}, eg "${BGE_M3}"`
      )
    }
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new Error(
        `workers-ai embeddings: dimensions must be an integer ≥ 1, got ${dimensions}, eg 1024 for ${BGE_M3}`
      )
    }
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= MAX_BATCH)) {
      throw new Error(
        `workers-ai embeddings: batchSize must be an integer in 1–${MAX_BATCH}, got ${batchSize}`
      )
    }
    this.#binding = binding
    this.name = model
    this.dimensions = dimensions
    this.batchSize = batchSize
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const batches: string[][] = []
    for (let start = 0; start < texts.length; start += this.batchSize)
      batches.push(texts.slice(start, start + this.batchSize))
    const results = await Promise.all(batches.map((batch) => this.#embedBatch(batch)))
    return results.flat()
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.#embedBatch([text]))[0]
  }

  async #embedBatch(texts: string[]): Promise<number[][]> {
    let output: EmbeddingOutput
    try {
      output = (await this.caller.call(() =>
        this.#binding.run(this.name, { text: texts })
      )) as EmbeddingOutput
    } catch (cause) {
      throw new Error(
        `workers-ai embeddings: ${this.name} failed on a batch of ${texts.length} texts: ${(cause as Error).message}`,
        { cause }
      )
    }
    const vectors = output?.data
    if (!Array.isArray(vectors) || vectors.length !== texts.length) {
      const got = Array.isArray(vectors)
        ? `${vectors.length} vectors`
        : `no data (keys: ${Object.keys(output ?? {}).join(', ') || 'none'})`
      throw new Error(
        `workers-ai embeddings: ${this.name} returned ${got} for ${texts.length} texts`
      )
    }
    for (const vector of vectors) {
      if (!Array.isArray(vector) || vector.length !== this.dimensions) {
        throw new Error(
          `workers-ai embeddings: ${this.name} returned vectors of ${Array.isArray(vector) ? vector.length : 'no'} dimensions, expected ${this.dimensions}`
        )
      }
    }
    return vectors
  }
}
