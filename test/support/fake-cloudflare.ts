/**
 * @module Fakes of the Cloudflare bindings that have no local simulation (Workers AI, Vectorize)
 * and in-memory twins of those that do (Durable Objects, rate limiting, D1), typed against
 * @cloudflare/workers-types so an adapter tested here takes the real `env.X` unchanged.
 *
 * Each fake keeps the documented rules that change results: Vectorize's topK caps, filter
 * operators, 64-byte ids and the metadata indexes that must exist before vectors are written;
 * Workers AI's `{ shape, data }` embeddings and chat output shapes; one instance and one storage
 * per Durable Object id; D1's 100 bound parameters and 100 KB statements. Limits are those of
 * ../shared/reference/workers.md; error texts are ours (the real ones are not documented).
 */
import { createHash, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'
import type {
  Ai,
  D1Database,
  D1ExecResult,
  D1PreparedStatement,
  D1Result,
  DurableObjectId,
  DurableObjectNamespace,
  DurableObjectState,
  DurableObjectStorage,
  DurableObjectStub,
  RateLimit,
  RateLimitOptions,
  RateLimitOutcome,
  Vectorize,
  VectorizeAsyncMutation,
  VectorizeDistanceMetric,
  VectorizeIndexInfo,
  VectorizeMatch,
  VectorizeMatches,
  VectorizeQueryOptions,
  VectorizeVector,
  VectorizeVectorMetadata,
  VectorizeVectorMetadataFilter,
} from '@cloudflare/workers-types'
import { HashingEmbeddings } from '../../src/adapters/hashing-embeddings/index.js'
import { listen, type Listening } from './listen.js'

// ---------------------------------------------------------------------------------------------
// Workers AI
// ---------------------------------------------------------------------------------------------

/** Embedding models of the catalog and their vector sizes. */
export const FAKE_AI_EMBEDDING_MODELS: Readonly<Record<string, number>> = {
  '@cf/baai/bge-m3': 1024,
  '@cf/baai/bge-small-en-v1.5': 384,
  '@cf/baai/bge-base-en-v1.5': 768,
  '@cf/baai/bge-large-en-v1.5': 1024,
}

/** Chat models answering in the OpenAI chat-completion shape; the older ones answer `{ response }`. */
const OPENAI_SHAPED_CHAT_MODELS = new Set([
  '@cf/qwen/qwen3-30b-a3b-fp8',
  '@cf/zai-org/glm-4.7-flash',
])

/** Texts per embedding call the fake accepts (the catalog's `maxItems` for bge models). */
export const FAKE_AI_MAX_EMBEDDING_BATCH = 100

export type FakeAiCall = { model: string; inputs: Record<string, unknown> }

export type FakeAiOptions = {
  /** The assistant's reply to a chat call: fixed text or computed from the messages. */
  chatReply?: string | ((messages: Array<{ role: string; content: string }>) => string)
  /** Characters per streamed SSE event. Default 4, so a reply arrives in several events. */
  streamChunkSize?: number
  /** How long a chat call takes, in ms: a slow model, for deadlines. Default 0. */
  chatDelayMs?: number
}

export type FakeAi = Pick<Ai, 'run'> & {
  readonly calls: FakeAiCall[]
  /** The next `run` rejects with this error (once), as a capacity or quota error would. */
  failNext(error: Error): void
}

/**
 * An `Ai` binding whose embedding models return deterministic {@link HashingEmbeddings} vectors
 * of the model's size (texts sharing words land close, as with a real model) and whose chat
 * models answer with `chatReply`, plain or as an SSE stream (`stream: true`).
 */
export function createFakeAi(options: FakeAiOptions = {}): FakeAi {
  const { chatReply = '根据政策文件，可以申请。', streamChunkSize = 4, chatDelayMs = 0 } = options
  const calls: FakeAiCall[] = []
  const embedders = new Map<number, HashingEmbeddings>()
  let failure: Error | undefined

  async function run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    calls.push({ model, inputs })
    if (failure) {
      const error = failure
      failure = undefined
      throw error
    }
    const dimensions = FAKE_AI_EMBEDDING_MODELS[model]
    if (dimensions !== undefined) {
      const texts = typeof inputs.text === 'string' ? [inputs.text] : inputs.text
      if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
        throw new Error(`AiError: ${model}: Type mismatch of '/text', 'string' or 'array' expected`)
      }
      if (texts.length > FAKE_AI_MAX_EMBEDDING_BATCH) {
        throw new Error(
          `AiError: ${model}: '/text' must NOT have more than ${FAKE_AI_MAX_EMBEDDING_BATCH} items`
        )
      }
      let embedder = embedders.get(dimensions)
      if (!embedder) embedders.set(dimensions, (embedder = new HashingEmbeddings({ dimensions })))
      return {
        shape: [texts.length, dimensions],
        data: texts.map((text) => embedder.embed(text)),
        pooling: 'cls',
      }
    }
    if (!model.startsWith('@cf/')) throw new Error(`AiError: 5007: No such model ${model} or task`)
    const messages = inputs.messages as Array<{ role: string; content: string }> | undefined
    if (!Array.isArray(messages) || messages.length === 0) {
      throw new Error(`AiError: ${model}: required properties at '/' are 'messages' or 'prompt'`)
    }
    if (chatDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, chatDelayMs))
    const reply = typeof chatReply === 'function' ? chatReply(messages) : chatReply
    const openAiShaped = OPENAI_SHAPED_CHAT_MODELS.has(model)
    if (inputs.stream === true) return sseStream(reply, streamChunkSize, openAiShaped)
    if (!openAiShaped)
      return { response: reply, usage: { prompt_tokens: 10, completion_tokens: reply.length } }
    return {
      id: `chatcmpl-${randomUUID()}`,
      object: 'chat.completion',
      model,
      choices: [
        { index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: reply.length,
        total_tokens: 10 + reply.length,
      },
    }
  }

  return {
    calls,
    failNext(error: Error) {
      failure = error
    },
    run: run as unknown as Ai['run'],
  }
}

function sseStream(reply: string, size: number, openAiShaped: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const pieces = Array.from({ length: Math.ceil(reply.length / size) }, (_, i) =>
    reply.slice(i * size, (i + 1) * size)
  )
  const events = pieces.map((piece) =>
    openAiShaped
      ? { choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }
      : { response: piece, p: 'abcdefghijklmnopqrstuvwxyz' }
  )
  return new ReadableStream({
    start(controller) {
      // One event split across two network chunks, as a real stream may deliver it.
      for (const event of events) {
        const text = `data: ${JSON.stringify(event)}\n\n`
        const cut = Math.floor(text.length / 2)
        controller.enqueue(encoder.encode(text.slice(0, cut)))
        controller.enqueue(encoder.encode(text.slice(cut)))
      }
      controller.enqueue(encoder.encode('data: [DONE]\n\n'))
      controller.close()
    },
  })
}

/**
 * The Workers AI REST API (`POST /client/v4/accounts/:account/ai/run/:model`, bearer token) on
 * 127.0.0.1, answering from {@link createFakeAi}: `{ result, success, errors, messages }`, 401
 * for a wrong token, 400 with `errors` when the model refuses the input.
 */
export async function startFakeWorkersAiRest(options: {
  accountId: string
  apiToken: string
  ai?: FakeAi
}): Promise<
  Listening & { ai: FakeAi; requests: Array<{ path: string; authorization: string | null }> }
> {
  const ai = options.ai ?? createFakeAi()
  const requests: Array<{ path: string; authorization: string | null }> = []
  const prefix = `/client/v4/accounts/${options.accountId}/ai/run/`
  const reply = (status: number, body: object) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  const listening = await listen(async (request) => {
    const { pathname } = new URL(request.url)
    requests.push({ path: pathname, authorization: request.headers.get('Authorization') })
    if (request.method !== 'POST' || !pathname.startsWith(prefix)) {
      return reply(404, {
        success: false,
        errors: [{ code: 7003, message: 'No route for that URI' }],
        messages: [],
        result: null,
      })
    }
    if (request.headers.get('Authorization') !== `Bearer ${options.apiToken}`) {
      return reply(401, {
        success: false,
        errors: [{ code: 10000, message: 'Authentication error' }],
        messages: [],
        result: null,
      })
    }
    const model = decodeURIComponent(pathname.slice(prefix.length))
    try {
      const result = await ai.run(model as never, (await request.json()) as never)
      return reply(200, { result, success: true, errors: [], messages: [] })
    } catch (error) {
      return reply(400, {
        success: false,
        errors: [{ code: 5006, message: (error as Error).message }],
        messages: [],
        result: null,
      })
    }
  })
  return { ...listening, ai, requests }
}

// ---------------------------------------------------------------------------------------------
// Vectorize
// ---------------------------------------------------------------------------------------------

/** Vectorize limits (workers.md § Vectorize). */
export const VECTORIZE_LIMITS = {
  maxTopK: 100,
  /** topK cap when values or all metadata are returned. */
  maxTopKWithValuesOrAllMetadata: 20,
  maxIdBytes: 64,
  maxMetadataBytes: 10 * 1024,
  /** Vectors per insert/upsert call from a Worker. */
  maxBatch: 1000,
  maxFilterBytes: 2048,
  maxMetadataIndexes: 10,
  /** Bytes of a string that a metadata index keeps, for filtering and `returnMetadata: 'indexed'`. */
  indexedStringBytes: 64,
  maxDimensions: 1536,
} as const

type MetadataIndexType = 'string' | 'number' | 'boolean'
type StoredVector = {
  id: string
  values: Float32Array
  namespace?: string
  metadata?: Record<string, VectorizeVectorMetadata>
  /** Metadata properties that had an index when the vector was written: only those filter. */
  indexed: ReadonlySet<string>
}

export type FakeVectorizeOptions = {
  dimensions: number
  metric?: VectorizeDistanceMetric
  /** Metadata indexes present from the start (`wrangler vectorize create-metadata-index`). */
  metadataIndexes?: Array<{ propertyName: string; type: MetadataIndexType }>
}

/** The metadata indexes the README's deploy steps create before the vectors are inserted. */
export const DEPLOYED_METADATA_INDEXES: NonNullable<FakeVectorizeOptions['metadataIndexes']> = [
  { propertyName: 'city', type: 'string' },
  { propertyName: 'docKey', type: 'string' },
]

/**
 * An in-memory Vectorize index, brute force. Mutations are visible at once (the real index
 * applies them a few seconds later). A filter on a property without a metadata index is refused,
 * and vectors written before an index existed never match a filter on it until upserted again.
 */
export class FakeVectorize implements Vectorize {
  readonly dimensions: number
  readonly metric: VectorizeDistanceMetric
  readonly #indexes = new Map<string, MetadataIndexType>()
  readonly #vectors = new Map<string, StoredVector>()
  readonly queries: Array<{ topK: number; options: VectorizeQueryOptions }> = []
  #mutations = 0

  constructor(options: FakeVectorizeOptions) {
    const { dimensions, metric = 'cosine', metadataIndexes = [] } = options
    if (!(
      Number.isInteger(dimensions) &&
      dimensions >= 1 &&
      dimensions <= VECTORIZE_LIMITS.maxDimensions
    )) {
      throw new Error(
        `FakeVectorize: dimensions must be an integer in 1–${VECTORIZE_LIMITS.maxDimensions}, got ${dimensions}`
      )
    }
    this.dimensions = dimensions
    this.metric = metric
    for (const { propertyName, type } of metadataIndexes)
      this.createMetadataIndex(propertyName, type)
  }

  /** `wrangler vectorize create-metadata-index`: applies to vectors written from now on. */
  createMetadataIndex(propertyName: string, type: MetadataIndexType): void {
    if (
      this.#indexes.size >= VECTORIZE_LIMITS.maxMetadataIndexes &&
      !this.#indexes.has(propertyName)
    ) {
      throw new Error(
        `FakeVectorize: at most ${VECTORIZE_LIMITS.maxMetadataIndexes} metadata indexes`
      )
    }
    this.#indexes.set(propertyName, type)
  }

  async describe(): Promise<VectorizeIndexInfo> {
    return {
      vectorCount: this.#vectors.size,
      dimensions: this.dimensions,
      processedUpToDatetime: Date.now(),
      processedUpToMutation: this.#mutations,
    }
  }

  async insert(vectors: VectorizeVector[]): Promise<VectorizeAsyncMutation> {
    return this.#write(vectors, false)
  }

  async upsert(vectors: VectorizeVector[]): Promise<VectorizeAsyncMutation> {
    return this.#write(vectors, true)
  }

  async deleteByIds(ids: string[]): Promise<VectorizeAsyncMutation> {
    for (const id of ids) this.#vectors.delete(id)
    return this.#mutation()
  }

  async getByIds(ids: string[]): Promise<VectorizeVector[]> {
    return ids.flatMap((id) => {
      const stored = this.#vectors.get(id)
      if (!stored) return []
      return [
        {
          id,
          values: Array.from(stored.values),
          namespace: stored.namespace,
          metadata: structuredClone(stored.metadata),
        },
      ]
    })
  }

  async queryById(vectorId: string, options?: VectorizeQueryOptions): Promise<VectorizeMatches> {
    const stored = this.#vectors.get(vectorId)
    return stored ? this.query(stored.values, options) : { matches: [], count: 0 }
  }

  async query(
    vector: VectorizeVector['values'],
    options: VectorizeQueryOptions = {}
  ): Promise<VectorizeMatches> {
    const { topK = 5, namespace, returnValues = false, filter } = options
    const returnMetadata =
      options.returnMetadata === true
        ? 'all'
        : options.returnMetadata === false
          ? 'none'
          : (options.returnMetadata ?? 'none')
    this.queries.push({ topK, options })
    const cap =
      returnValues || returnMetadata === 'all'
        ? VECTORIZE_LIMITS.maxTopKWithValuesOrAllMetadata
        : VECTORIZE_LIMITS.maxTopK
    if (!(Number.isInteger(topK) && topK >= 1 && topK <= cap)) {
      throw new Error(
        `VECTOR_QUERY_ERROR: topK must be an integer in 1–${cap}` +
          (cap < VECTORIZE_LIMITS.maxTopK
            ? ' when returnValues is true or returnMetadata is "all"'
            : '') +
          `, got ${topK}`
      )
    }
    const query = this.#checkValues(vector, 'query vector')
    const matchesFilter = filter ? this.#compileFilter(filter) : () => true
    const scored: VectorizeMatch[] = []
    for (const stored of this.#vectors.values()) {
      if (namespace !== undefined && stored.namespace !== namespace) continue
      if (!matchesFilter(stored)) continue
      const match: VectorizeMatch = { id: stored.id, score: this.#score(query, stored.values) }
      if (stored.namespace !== undefined) match.namespace = stored.namespace
      if (returnValues) match.values = Array.from(stored.values)
      if (returnMetadata === 'all' && stored.metadata)
        match.metadata = structuredClone(stored.metadata)
      if (returnMetadata === 'indexed' && stored.metadata)
        match.metadata = this.#indexedMetadata(stored)
      scored.push(match)
    }
    const closerFirst =
      this.metric === 'euclidean'
        ? (a: VectorizeMatch, b: VectorizeMatch) => a.score - b.score
        : (a: VectorizeMatch, b: VectorizeMatch) => b.score - a.score
    const matches = scored.sort(closerFirst).slice(0, topK)
    return { matches, count: matches.length }
  }

  #write(vectors: VectorizeVector[], replace: boolean): VectorizeAsyncMutation {
    if (vectors.length > VECTORIZE_LIMITS.maxBatch) {
      throw new Error(
        `VECTOR_INSERT_ERROR: at most ${VECTORIZE_LIMITS.maxBatch} vectors per call from a Worker, got ${vectors.length}`
      )
    }
    const checked = vectors.map((vector) => {
      const bytes = Buffer.byteLength(vector.id ?? '', 'utf8')
      if (!vector.id || bytes > VECTORIZE_LIMITS.maxIdBytes) {
        throw new Error(
          `VECTOR_INSERT_ERROR: id must be 1–${VECTORIZE_LIMITS.maxIdBytes} bytes, got ${bytes} bytes: ${JSON.stringify(vector.id)}`
        )
      }
      const metadataBytes = vector.metadata
        ? Buffer.byteLength(JSON.stringify(vector.metadata), 'utf8')
        : 0
      if (metadataBytes > VECTORIZE_LIMITS.maxMetadataBytes) {
        throw new Error(
          `VECTOR_INSERT_ERROR: metadata of ${vector.id} is ${metadataBytes} bytes, more than ${VECTORIZE_LIMITS.maxMetadataBytes}`
        )
      }
      return {
        id: vector.id,
        values: this.#checkValues(vector.values, `vector ${vector.id}`),
        namespace: vector.namespace,
        metadata: vector.metadata ? structuredClone(vector.metadata) : undefined,
        indexed: new Set(this.#indexes.keys()),
      } satisfies StoredVector
    })
    for (const stored of checked) {
      if (!replace && this.#vectors.has(stored.id)) continue
      this.#vectors.set(stored.id, stored)
    }
    return this.#mutation()
  }

  #mutation(): VectorizeAsyncMutation {
    this.#mutations++
    return { mutationId: randomUUID() }
  }

  #checkValues(values: VectorizeVector['values'], what: string): Float32Array {
    if (values.length !== this.dimensions) {
      throw new Error(
        `VECTOR_DIMENSION_MISMATCH: ${what} has ${values.length} dimensions, the index ${this.dimensions}`
      )
    }
    const copy = Float32Array.from(values)
    if (copy.some((value) => !Number.isFinite(value)))
      throw new Error(`VECTOR_INSERT_ERROR: ${what} has a non-finite value`)
    return copy
  }

  #score(a: Float32Array, b: Float32Array): number {
    let dot = 0
    let normA = 0
    let normB = 0
    let squared = 0
    for (let i = 0; i < a.length; i++) {
      dot += a[i] * b[i]
      normA += a[i] * a[i]
      normB += b[i] * b[i]
      squared += (a[i] - b[i]) ** 2
    }
    if (this.metric === 'dot-product') return dot
    if (this.metric === 'euclidean') return Math.sqrt(squared)
    return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB)
  }

  #indexedMetadata(stored: StoredVector): Record<string, VectorizeVectorMetadata> {
    const kept: Record<string, VectorizeVectorMetadata> = {}
    for (const [key, value] of Object.entries(stored.metadata ?? {})) {
      if (!stored.indexed.has(key)) continue
      kept[key] =
        typeof value === 'string' ? truncateUtf8(value, VECTORIZE_LIMITS.indexedStringBytes) : value
    }
    return kept
  }

  #compileFilter(filter: VectorizeVectorMetadataFilter): (stored: StoredVector) => boolean {
    const bytes = Buffer.byteLength(JSON.stringify(filter), 'utf8')
    if (bytes >= VECTORIZE_LIMITS.maxFilterBytes) {
      throw new Error(
        `VECTOR_QUERY_ERROR: filter is ${bytes} bytes of JSON, the limit is under ${VECTORIZE_LIMITS.maxFilterBytes}`
      )
    }
    const tests = Object.entries(filter).map(([property, condition]) => {
      if (!this.#indexes.has(property)) {
        throw new Error(
          `VECTOR_QUERY_ERROR: no metadata index on "${property}"; create one with wrangler vectorize create-metadata-index`
        )
      }
      const operations: Array<[string, unknown]> =
        condition !== null && typeof condition === 'object'
          ? Object.entries(condition)
          : [['$eq', condition]]
      return (stored: StoredVector) => {
        if (!stored.indexed.has(property)) return false
        const raw = (stored.metadata as Record<string, unknown> | undefined)?.[property]
        const value =
          typeof raw === 'string' ? truncateUtf8(raw, VECTORIZE_LIMITS.indexedStringBytes) : raw
        return operations.every(([operator, operand]) => compare(operator, value, operand))
      }
    })
    return (stored) => tests.every((test) => test(stored))
  }
}

function compare(operator: string, value: unknown, operand: unknown): boolean {
  const key = (x: unknown) =>
    typeof x === 'string' ? truncateUtf8(x, VECTORIZE_LIMITS.indexedStringBytes) : x
  switch (operator) {
    case '$eq':
      return operand === null ? value === undefined || value === null : value === key(operand)
    case '$ne':
      return operand === null ? value !== undefined && value !== null : value !== key(operand)
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand))
        throw new Error(
          `VECTOR_QUERY_ERROR: ${operator} needs an array, got ${JSON.stringify(operand)}`
        )
      const found = operand.some((item) => value === key(item))
      return operator === '$in' ? found : !found
    }
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte': {
      if (value === undefined || value === null || typeof value !== typeof operand) return false
      const order =
        typeof value === 'string'
          ? Buffer.compare(Buffer.from(value), Buffer.from(key(operand) as string))
          : (value as number) - (operand as number)
      return operator === '$lt'
        ? order < 0
        : operator === '$lte'
          ? order <= 0
          : operator === '$gt'
            ? order > 0
            : order >= 0
    }
    default:
      throw new Error(`VECTOR_QUERY_ERROR: unknown filter operator ${operator}`)
  }
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, never cutting a character. */
function truncateUtf8(text: string, bytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= bytes) return text
  let kept = ''
  let used = 0
  for (const char of text) {
    used += Buffer.byteLength(char, 'utf8')
    if (used > bytes) break
    kept += char
  }
  return kept
}

// ---------------------------------------------------------------------------------------------
// Durable Objects
// ---------------------------------------------------------------------------------------------

/** What a Durable Object class built on the fetch API provides. */
export interface FetchDurableObject {
  fetch(request: Request): Response | Promise<Response>
  alarm?(): void | Promise<void>
}

class FakeDurableObjectId implements DurableObjectId {
  constructor(
    readonly hex: string,
    readonly name?: string
  ) {}
  toString(): string {
    return this.hex
  }
  equals(other: DurableObjectId): boolean {
    return other.toString() === this.hex
  }
}

/**
 * KV storage of one object: values are structured-cloned in and out, as the real storage
 * serialises them. The SQL API is not faked (use the KV API, which SQLite-backed objects also have).
 */
class FakeDurableObjectStorage {
  readonly data = new Map<string, unknown>()
  alarm: number | null = null

  async get(keyOrKeys: string | string[]): Promise<unknown> {
    if (Array.isArray(keyOrKeys)) {
      return new Map(
        keyOrKeys
          .filter((key) => this.data.has(key))
          .map((key) => [key, structuredClone(this.data.get(key))])
      )
    }
    return structuredClone(this.data.get(keyOrKeys))
  }
  async put(keyOrEntries: string | Record<string, unknown>, value?: unknown): Promise<void> {
    const entries = typeof keyOrEntries === 'string' ? { [keyOrEntries]: value } : keyOrEntries
    for (const [key, entry] of Object.entries(entries)) this.data.set(key, structuredClone(entry))
  }
  async delete(keyOrKeys: string | string[]): Promise<boolean | number> {
    if (Array.isArray(keyOrKeys)) return keyOrKeys.filter((key) => this.data.delete(key)).length
    return this.data.delete(keyOrKeys)
  }
  async deleteAll(): Promise<void> {
    this.data.clear()
  }
  async list(options: { prefix?: string; limit?: number } = {}): Promise<Map<string, unknown>> {
    const keys = [...this.data.keys()].filter((key) => key.startsWith(options.prefix ?? '')).sort()
    return new Map(
      keys
        .slice(0, options.limit ?? keys.length)
        .map((key) => [key, structuredClone(this.data.get(key))])
    )
  }
  async getAlarm(): Promise<number | null> {
    return this.alarm
  }
  async setAlarm(time: number | Date): Promise<void> {
    this.alarm = typeof time === 'number' ? time : time.getTime()
  }
  async deleteAlarm(): Promise<void> {
    this.alarm = null
  }
  async sync(): Promise<void> {}
  get sql(): never {
    throw new Error('FakeDurableObjectStorage: the SQL API is not faked; use get/put')
  }
}

type LiveObject = {
  storage: FakeDurableObjectStorage
  instance?: FetchDurableObject
  queue: Promise<unknown>
}

export type FakeDurableObjectNamespace = DurableObjectNamespace & {
  /** Objects created so far, by id string. */
  readonly objectCount: number
  /** Stored keys and values of the object named `name` (undefined when never created). */
  storageOf(name: string): ReadonlyMap<string, unknown> | undefined
  /** Alarm time of the object named `name`, ms since the epoch, or null. */
  alarmOf(name: string): number | null | undefined
  /** Runs, one by one, the alarms due at `now`, as the runtime would. */
  runAlarms(now: number): Promise<number>
  /** Drops the in-memory instance of an object (its storage stays), as an eviction does. */
  evict(name: string): void
}

/**
 * A Durable Object namespace in memory: one instance and one storage per id, created on first
 * use with `create(state, env)`, and requests to one object run one at a time (the real runtime
 * interleaves only at awaits that are not storage calls).
 */
export function createFakeDurableObjectNamespace(
  create: (state: DurableObjectState, env: unknown) => FetchDurableObject,
  env: unknown = {}
): FakeDurableObjectNamespace {
  const objects = new Map<string, LiveObject>()
  const hexOf = (name: string) =>
    createHash('sha256').update(`fake-namespace:${name}`).digest('hex')

  const live = (id: DurableObjectId): LiveObject => {
    const key = id.toString()
    let object = objects.get(key)
    if (!object)
      objects.set(
        key,
        (object = { storage: new FakeDurableObjectStorage(), queue: Promise.resolve() })
      )
    if (!object.instance) {
      const storage = object.storage
      const state = {
        id,
        props: undefined,
        storage: storage as unknown as DurableObjectStorage,
        waitUntil: () => {},
        blockConcurrencyWhile: <T>(callback: () => Promise<T>) => callback(),
      } as unknown as DurableObjectState
      object.instance = create(state, env)
    }
    return object
  }

  const serially = <T>(object: LiveObject, work: () => Promise<T>): Promise<T> => {
    const result = object.queue.then(work, work)
    object.queue = result.catch(() => undefined)
    return result
  }

  const stub = (id: DurableObjectId) =>
    ({
      id,
      name: (id as FakeDurableObjectId).name,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const object = live(id)
        return serially(object, async () => object.instance!.fetch(new Request(input, init)))
      },
    }) as unknown as DurableObjectStub

  const namespace = {
    newUniqueId: () => new FakeDurableObjectId(randomUUID().replace(/-/g, '').padEnd(64, '0')),
    idFromName: (name: string) => new FakeDurableObjectId(hexOf(name), name),
    idFromString: (hex: string) => {
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError(`Invalid Durable Object ID: ${hex}`)
      return new FakeDurableObjectId(hex)
    },
    get: (id: DurableObjectId) => stub(id),
    getByName: (name: string) => stub(new FakeDurableObjectId(hexOf(name), name)),
    jurisdiction: () => namespace,
    get objectCount() {
      return objects.size
    },
    storageOf: (name: string) => objects.get(hexOf(name))?.storage.data,
    alarmOf: (name: string) => objects.get(hexOf(name))?.storage.alarm,
    async runAlarms(now: number) {
      let ran = 0
      for (const [key, object] of objects) {
        const { alarm } = object.storage
        if (alarm === null || alarm > now) continue
        object.storage.alarm = null
        const { instance } = live(new FakeDurableObjectId(key))
        await serially(object, async () => instance?.alarm?.())
        ran++
      }
      return ran
    },
    evict: (name: string) => {
      const object = objects.get(hexOf(name))
      if (object) object.instance = undefined
    },
  }
  return namespace as unknown as FakeDurableObjectNamespace
}

// ---------------------------------------------------------------------------------------------
// Rate limiting
// ---------------------------------------------------------------------------------------------

export type FakeRateLimitOptions = {
  /** Requests allowed per key and period. */
  limit: number
  /** Window in seconds: the binding accepts only 10 or 60. */
  period: 10 | 60
  /** Now, in ms; injected so tests can move time. Default Date.now. */
  now?: () => number
}

/** The rate-limiting binding as a fixed window per key (the real one is per location and approximate). */
export class FakeRateLimit implements RateLimit {
  readonly keys: string[] = []
  readonly #windows = new Map<string, { start: number; count: number }>()
  readonly #options: Required<FakeRateLimitOptions>

  constructor(options: FakeRateLimitOptions) {
    if (options.period !== 10 && options.period !== 60) {
      throw new Error(`FakeRateLimit: period must be 10 or 60 seconds, got ${options.period}`)
    }
    if (!(Number.isInteger(options.limit) && options.limit >= 1)) {
      throw new Error(`FakeRateLimit: limit must be an integer ≥ 1, got ${options.limit}`)
    }
    this.#options = { now: () => Date.now(), ...options }
  }

  async limit({ key }: RateLimitOptions): Promise<RateLimitOutcome> {
    this.keys.push(key)
    const now = this.#options.now()
    const periodMs = this.#options.period * 1000
    let window = this.#windows.get(key)
    if (!window || now - window.start >= periodMs)
      this.#windows.set(key, (window = { start: now - (now % periodMs), count: 0 }))
    window.count++
    return { success: window.count <= this.#options.limit }
  }
}

// ---------------------------------------------------------------------------------------------
// D1
// ---------------------------------------------------------------------------------------------

/** D1 limits (workers.md § D1). */
export const D1_LIMITS = { maxBoundParameters: 100, maxStatementBytes: 100_000 } as const

export type FakeD1 = D1Database & {
  /** The SQLite database behind it, for assertions. */
  readonly sqlite: BetterSqlite3.Database
  /** Number of statements run, as D1 counts queries per invocation. */
  readonly queryCount: number
}

/**
 * D1 over an in-memory better-sqlite3 database (the same SQLite engine family D1 runs), with
 * D1's limits on bound parameters and statement size. `batch` runs in one transaction, as D1 does.
 */
export function createFakeD1(): FakeD1 {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
  const sqlite = new Database(':memory:')
  let queryCount = 0

  const check = (sql: string, values: unknown[]) => {
    const bytes = Buffer.byteLength(sql, 'utf8')
    if (bytes > D1_LIMITS.maxStatementBytes)
      throw new Error(
        `D1_ERROR: statement too long: ${bytes} bytes (limit ${D1_LIMITS.maxStatementBytes})`
      )
    if (values.length > D1_LIMITS.maxBoundParameters)
      throw new Error(
        `D1_ERROR: too many SQL variables: ${values.length} (limit ${D1_LIMITS.maxBoundParameters})`
      )
  }
  const meta = (changes = 0, lastRowId = 0) => ({
    duration: 0,
    size_after: 0,
    rows_read: 0,
    rows_written: changes,
    last_row_id: lastRowId,
    changed_db: changes > 0,
    changes,
  })

  const statement = (sql: string, values: unknown[] = []): D1PreparedStatement => {
    // D1 binds `?NNN` (ordered) as well as `?`; better-sqlite3 only `?` and names, so ?NNN
    // becomes @pNNN bound by name.
    const numbered = /\?\d/.test(sql)
    const text = numbered ? outsideQuotes(sql, (part) => part.replace(/\?(\d+)/g, '@p$1')) : sql
    const args: unknown[] = numbered
      ? [Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value]))]
      : values
    const prepared = () => {
      check(sql, values)
      queryCount++
      return sqlite.prepare(text)
    }
    const rows = (): Record<string, unknown>[] => {
      const stmt = prepared()
      return stmt.reader
        ? (stmt.all(...args) as Record<string, unknown>[])
        : (stmt.run(...args), [])
    }
    const self = {
      bind: (...bound: unknown[]) => statement(sql, bound),
      async first(column?: string) {
        const row = rows()[0]
        if (!row) return null
        return column === undefined ? row : (row[column] ?? null)
      },
      async all() {
        return { success: true, meta: meta(), results: rows() } as D1Result
      },
      async run() {
        const stmt = prepared()
        if (stmt.reader)
          return { success: true, meta: meta(), results: stmt.all(...args) } as D1Result
        const info = stmt.run(...args)
        return {
          success: true,
          meta: meta(info.changes, Number(info.lastInsertRowid)),
          results: [],
        } as D1Result
      },
      async raw(options?: { columnNames?: boolean }) {
        const stmt = prepared()
        const raw = stmt.raw(true).all(...args) as unknown[][]
        return options?.columnNames ? [stmt.columns().map((c) => c.name), ...raw] : raw
      },
      /** For `batch`: runs without the promise wrapper, inside the caller's transaction. */
      runSync: () => ({ success: true, meta: meta(), results: rows() }) as D1Result,
    }
    return self as unknown as D1PreparedStatement
  }

  const database = {
    sqlite,
    get queryCount() {
      return queryCount
    },
    prepare: (sql: string) => statement(sql),
    async batch(statements: D1PreparedStatement[]) {
      return sqlite.transaction(() =>
        statements.map((s) => (s as unknown as { runSync: () => D1Result }).runSync())
      )()
    },
    async exec(sql: string): Promise<D1ExecResult> {
      check(sql, [])
      queryCount++
      sqlite.exec(sql)
      return { count: 1, duration: 0 }
    },
    withSession: () => database,
    dump: async () => new ArrayBuffer(0),
  }
  return database as unknown as FakeD1
}

/** Applies `rewrite` to the parts of `sql` outside single-quoted strings. */
function outsideQuotes(sql: string, rewrite: (part: string) => string): string {
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join('')
}
