/** @module openai-compatible: chat model and embeddings behind any OpenAI-compatible API (Qwen, DeepSeek, GLM, vLLM, Ollama, bge-m3 servers). */
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { ChatOpenAICompletions, OpenAIEmbeddings } from '@langchain/openai'

/**
 * Sent as the bearer token when no key is configured: the OpenAI client refuses to start without
 * one, and local servers (vLLM, Ollama) ignore it.
 */
const NO_API_KEY = 'not-needed'

export type OpenAiCompatibleChatOptions = {
  /** API root including the version, e.g. `https://dashscope.aliyuncs.com/compatible-mode/v1`. Required. */
  baseURL: string
  /** Bearer key; default none (local servers). */
  apiKey?: string
  /** Model name as the server knows it (`qwen-plus`, `deepseek-chat`, `glm-4-flash`). Required. */
  model: string
  /** Sampling temperature, 0–2. Default 0.1: answers quote rules, they should not vary. */
  temperature?: number
  /**
   * Request timeout in ms, a backstop for the caller's own deadline (the engine aborts at
   * LLM_TIMEOUT_MS). Default 8000.
   */
  timeoutMs?: number
  /** Most tokens generated per answer. Default 1024: about 1,500 Chinese characters. */
  maxTokens?: number
}

export const defaultOpenAiCompatibleChatOptions = {
  temperature: 0.1,
  timeoutMs: 8000,
  maxTokens: 1024,
} satisfies Partial<OpenAiCompatibleChatOptions>

/**
 * A LangChain chat model over `POST {baseURL}/chat/completions`, plain and streaming.
 * `ChatOpenAICompletions` rather than `ChatOpenAI`: the latter switches some model names to
 * OpenAI's Responses API, which compatible servers do not have. No retries: a failed call falls
 * back to the extractive answer at once, where a retry would spend the whole time budget.
 *
 * - `baseURL`, `model`: required. `apiKey`: default none.
 * - `temperature`: default 0.1. `timeoutMs`: default 8000. `maxTokens`: default 1024.
 *
 * @example
 * const model = createOpenAiCompatibleChatModel({ baseURL: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b-instruct' })
 */
export function createOpenAiCompatibleChatModel(
  options: OpenAiCompatibleChatOptions
): BaseChatModel {
  const { baseURL, apiKey, model, temperature, timeoutMs, maxTokens } = {
    ...defaultOpenAiCompatibleChatOptions,
    ...options,
  }
  checkBaseUrl('chat', baseURL)
  if (!model)
    throw new Error(
      'openai-compatible chat: a model name is required, eg { model: "qwen-plus" } (LLM_MODEL)'
    )
  return new ChatOpenAICompletions({
    model,
    apiKey: apiKey || NO_API_KEY,
    configuration: { baseURL },
    temperature,
    maxTokens,
    timeout: timeoutMs,
    maxRetries: 0,
    // `stream_options` is rejected by some compatible servers, and usage is not used here.
    streamUsage: false,
  })
}

export type OpenAiCompatibleEmbeddingsOptions = EmbeddingsParams & {
  /** API root including the version, e.g. `http://127.0.0.1:8080/v1`. Required. */
  baseURL: string
  /** Bearer key; default none. */
  apiKey?: string
  /** Model name (`bge-m3`, `text-embedding-v3`); recorded in the index manifest. Required. */
  model: string
  /**
   * Length of the vectors the model returns. Required: it is recorded in the index manifest and
   * every response is checked against it. It is not sent to the server (bge-m3 servers refuse the
   * `dimensions` parameter); pick the model's native size (bge-m3: 1024).
   */
  dimensions: number
  /**
   * Texts per request. Integer 1–2048. Default 32: some hosted APIs cap a request at 10–64
   * inputs; a local server is faster with more.
   */
  batchSize?: number
  /** Request timeout in ms. Default 10000. */
  timeoutMs?: number
}

export const defaultOpenAiCompatibleEmbeddingsOptions = {
  batchSize: 32,
  timeoutMs: 10_000,
  maxRetries: 3,
  // Batches run in parallel through the AsyncCaller; four keep a shared server responsive.
  maxConcurrency: 4,
} satisfies Partial<OpenAiCompatibleEmbeddingsOptions>

/**
 * LangChain `Embeddings` over `POST {baseURL}/embeddings`, through `OpenAIEmbeddings`: batched
 * (`batchSize` texts per request) and retried with backoff by LangChain's AsyncCaller
 * (`maxRetries`, default 3; `maxConcurrency` requests at a time, default 4). Every returned vector is
 * checked against `dimensions`, so a model changed behind the same name is caught.
 *
 * - `baseURL`, `model`, `dimensions`: required. `apiKey`: default none.
 * - `batchSize`: default 32. `timeoutMs`: default 10000. `maxRetries`: default 3. `maxConcurrency`: default 4.
 *
 * @example
 * const embeddings = new OpenAiCompatibleEmbeddings({ baseURL: 'http://127.0.0.1:8080/v1', model: 'bge-m3', dimensions: 1024 })
 */
export class OpenAiCompatibleEmbeddings extends Embeddings {
  /** The model name, as the index manifest records it. */
  readonly name: string
  readonly dimensions: number
  readonly #client: OpenAIEmbeddings

  constructor(options: OpenAiCompatibleEmbeddingsOptions) {
    const { baseURL, apiKey, model, dimensions, batchSize, timeoutMs, ...params } = {
      ...defaultOpenAiCompatibleEmbeddingsOptions,
      ...options,
    }
    super(params)
    checkBaseUrl('embeddings', baseURL)
    if (!model)
      throw new Error(
        'openai-compatible embeddings: a model name is required, eg { model: "bge-m3" } (EMBEDDINGS_MODEL)'
      )
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new Error(
        `openai-compatible embeddings: dimensions must be an integer ≥ 1, got ${dimensions}, eg { dimensions: 1024 } (EMBEDDINGS_DIMENSIONS)`
      )
    }
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 2048)) {
      throw new Error(
        `openai-compatible embeddings: batchSize must be an integer in 1–2048, got ${batchSize}`
      )
    }
    this.name = model
    this.dimensions = dimensions
    this.#client = new OpenAIEmbeddings({
      ...params,
      model,
      apiKey: apiKey || NO_API_KEY,
      configuration: { baseURL },
      batchSize,
      timeout: timeoutMs,
      // Policy text is laid out in lines; a newline is meaningful to current models.
      stripNewLines: false,
    })
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return []
    const vectors = await this.#client.embedDocuments(texts)
    if (vectors.length !== texts.length) {
      throw new Error(
        `openai-compatible embeddings: ${this.name} returned ${vectors.length} vectors for ${texts.length} texts`
      )
    }
    for (const vector of vectors) this.#check(vector)
    return vectors
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.#check(await this.#client.embedQuery(text))
  }

  #check(vector: number[]): number[] {
    if (vector.length !== this.dimensions) {
      throw new Error(
        `openai-compatible embeddings: ${this.name} returned vectors of ${vector.length} dimensions, but EMBEDDINGS_DIMENSIONS is ${this.dimensions}`
      )
    }
    return vector
  }
}

function checkBaseUrl(what: string, baseURL: string): void {
  if (!/^https?:\/\/[^/]+/.test(baseURL ?? '')) {
    throw new Error(
      `openai-compatible ${what}: baseURL must be an http(s) URL, got ${JSON.stringify(baseURL)}, eg "http://127.0.0.1:8000/v1"`
    )
  }
}
