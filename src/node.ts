/** @module Node entry: read config, build the index if missing, load it, serve the app. */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { parseConfig, type Config } from './schema/config.js'
import { loadIndexFolder } from './adapters/fs-index/index.js'
import { withLexicalFallback } from './retrieval/vector-index.js'
import { createJiebaSegmenter } from './adapters/jieba-node/index.js'
import { QaEngine } from './answer/qa-engine.js'
import { swaggerUiAssets } from './adapters/swagger-ui/index.js'
import { widgetBundle } from './adapters/widget-bundle/index.js'
import { createApp } from './server/app.js'
import { wechatRouteOptions } from './server/wechat/settings.js'
import { INDEX_FILES } from './retrieval/index-format.js'
import { configuredEmbeddings } from './configured-embeddings.js'
import { MemoryConversationStore } from './answer/memory-conversation-store.js'
import type { ConversationStore } from './answer/conversation-store.js'
import { ingestInChildProcess } from './adapters/ingest-process/index.js'
import { nodeClientAddress } from './adapters/node-client-address/index.js'
import { gracefulShutdown } from './adapters/node-shutdown/index.js'
import { EngineHolder } from './server/engine-holder.js'
import { ReindexJob } from './server/reindex-job.js'
import { FsDocumentLibrary } from './adapters/fs-documents/index.js'
import { createError } from './errors.js'
import { MemoryRateLimiter } from './server/middleware/rate-limit/index.js'
import { createPinoLog } from './adapters/pino-log/index.js'
import { Metrics } from './server/metrics.js'

async function main() {
  const config = parseConfig(process.env)
  const log = createPinoLog({ level: config.LOG_LEVEL })
  // Uploaded documents are indexed with the configured folders; each upload or delete re-indexes.
  const documents = new FsDocumentLibrary({
    uploadDir: config.UPLOAD_DIR,
    indexDir: config.INDEX_DIR,
    reindex: async () => {
      if (!reindexJob.reindex()) throw createError('REINDEX_BUSY')
      await reindexJob.settled()
      const status = reindexJob.status()
      if (status.state === 'failed') throw createError('REINDEX_FAILED', status.error ?? '')
    },
  })
  const manifestPath = join(config.INDEX_DIR, INDEX_FILES.manifest)
  const exists = await access(manifestPath).then(
    () => true,
    () => false
  )
  if (!exists) {
    console.log(`No index at ${config.INDEX_DIR}: building it from ${config.DOCS_DIRS.join(', ')} …`)
    // Imported only now: the parsers of every document format take a while to load.
    const { ingest } = await import('../ingest/cli.js')
    const manifest = await ingest(await documents.folders(config.DOCS_DIRS), config.INDEX_DIR, undefined, await configuredEmbeddings(config, 'ingest'))
    console.log(`Index ${manifest.indexVersion}: ${manifest.documents.length} documents, ${manifest.clauses} units`)
  }
  const today = config.TODAY ? new Date(`${config.TODAY}T00:00:00+08:00`) : undefined
  const segmenter = createJiebaSegmenter()
  // One store for every engine, so conversations go on across a re-index.
  const conversations = await openConversationStore(config)
  // Remote models when EMBEDDINGS_* / LLM_* are set; the offline defaults otherwise.
  const embeddings = await configuredEmbeddings(config, 'query')
  // The OpenAI-compatible client is imported only when a model is configured (it loads slowly).
  const model = config.LLM_BASE_URL
    ? (await import('./adapters/openai-compatible/index.js')).createOpenAiCompatibleChatModel({
        baseURL: config.LLM_BASE_URL,
        apiKey: config.LLM_API_KEY,
        model: config.LLM_MODEL!,
        temperature: config.LLM_TEMPERATURE,
        timeoutMs: config.LLM_TIMEOUT_MS,
      })
    : undefined
  console.log(`Answers: ${model ? `${config.LLM_MODEL} at ${config.LLM_BASE_URL}, checked against the clauses, extractive on failure` : 'extractive (offline)'}; embeddings ${embeddings.name}`)
  // One set of counters for every engine, so model fallbacks keep counting across a re-index.
  const metrics = new Metrics()
  /** The engine over the index folder as it is now; used at start and after each re-index. */
  const loadEngine = async () => {
    // Refuses an index built with other embeddings (INDEX_EMBEDDINGS), at start and after a re-index.
    const index = await loadIndexFolder(config.INDEX_DIR, embeddings)
    if (config.EMBEDDINGS_BASE_URL) index.vectors = withLexicalFallback(index.vectors, console.warn)
    return new QaEngine(index, segmenter, {
      clock: () => today ?? new Date(),
      conversations,
      model,
      grounding: {
        timeoutMs: config.LLM_TIMEOUT_MS,
        // As a field, not the message: pino's formatter redacts fields, and a dropped sentence is quoted.
        log: (line) => log.logger.warn({ detail: line }, 'model answer'),
        onFallback: (reason) => metrics.countModelFallback(reason),
      },
    })
  }
  const engine = new EngineHolder(await loadEngine())
  const stopIngest = new AbortController()
  const reindexJob = new ReindexJob({
    holder: engine,
    rebuild: async () => {
      await ingestInChildProcess(await documents.folders(config.DOCS_DIRS), config.INDEX_DIR, { signal: stopIngest.signal })
      return loadEngine()
    },
    onSettled: (status) => {
      if (status.state === 'failed') log.logger.error(status, 're-index failed; the previous index keeps answering')
      else log.logger.info(status, 're-index done')
    },
  })
  const app = createApp({
    qa: engine,
    catalog: engine,
    staticAssets: swaggerUiAssets(),
    widgetAssets: widgetBundle(),
    wechat: wechatRouteOptions(config),
    corsOrigins: config.CORS_ORIGINS,
    rateLimit:
      config.RATE_LIMIT_PER_MIN > 0
        ? {
            limiter: new MemoryRateLimiter({ limitPerMinute: config.RATE_LIMIT_PER_MIN }),
            keyOf: nodeClientAddress({ trustedProxies: config.TRUSTED_PROXIES }),
          }
        : undefined,
    maxConcurrentRequests: config.MAX_CONCURRENT_REQUESTS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    admin: config.ADMIN_TOKEN ? { token: config.ADMIN_TOKEN, admin: reindexJob } : undefined,
    accessLog: log.accessLog,
    log: log.errorLog,
    metrics,
    documents,
  })
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    console.log(`政策问答 listening on http://localhost:${info.port} (index ${engine.health().indexVersion})`)
  }) as Server
  // A client gets this long to send its whole request (slow-loris), as long as a handler may take.
  if (config.REQUEST_TIMEOUT_MS > 0) {
    server.requestTimeout = config.REQUEST_TIMEOUT_MS
    server.headersTimeout = Math.min(server.headersTimeout, config.REQUEST_TIMEOUT_MS)
  }
  gracefulShutdown(server, {
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onClose: async () => {
      // An interrupted ingest leaves the previous index in place (temporary folder, then rename).
      stopIngest.abort()
      await reindexJob.settled()
      conversations.close?.()
      log.logger.flush()
    },
  })
}

/** The configured conversation store; SQLite is imported only when chosen (a native addon). */
async function openConversationStore(config: Config): Promise<ConversationStore & { close?(): void }> {
  const limits = { ttlMs: config.CONVERSATION_TTL_MIN * 60_000 }
  if (config.CONVERSATION_STORE === 'memory') return new MemoryConversationStore(limits)
  const { SqliteConversationStore } = await import('./adapters/sqlite-conversations/index.js')
  return new SqliteConversationStore(config.CONVERSATION_DB, limits)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
