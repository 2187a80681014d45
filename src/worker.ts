/**
 * @module Workers entry: the app of src/server/app.ts (as src/node.ts serves it) over Cloudflare's
 * services: D1 for units, chunks and BM25 postings, Vectorize for vectors, Workers AI for query
 * embeddings (bge-m3) and, optionally, answers, one Durable Object per conversation, and the
 * rate-limiting binding. jieba-wasm cuts questions with the policy dictionary the Node build uses.
 * Citizens' channels are those of Node: the widget (its script bundled ahead of time by wrangler's
 * [build] command), the demo page, the document view and the WeChat callback (WECHAT_* vars and
 * secrets; retries of a message are matched per isolate, in memory).
 *
 * Nothing here may reach a Node-only module (nodejieba, hnswlib-node, better-sqlite3, node:fs):
 * `npx wrangler deploy --dry-run` in test/e2e/worker.test.ts checks the bundle. The index is loaded
 * by `npm run export:cloudflare` and wrangler (README, 部署到 Cloudflare Workers).
 */
import type {
  Ai,
  D1Database,
  DurableObjectNamespace,
  ExecutionContext,
  RateLimit,
  Request as WorkerRequest,
  Vectorize,
} from '@cloudflare/workers-types'
import type { Context } from 'hono'
import { loadD1PolicySource } from './adapters/d1/index.js'
import { DurableConversationStore } from './adapters/durable-conversations/index.js'
import { createJiebaWasmSegmenter } from './adapters/jieba-wasm/index.js'
import jiebaWasmModule from './adapters/jieba-wasm/wasm-module.js'
import { prebuiltWidget } from './adapters/prebuilt-widget/index.js'
import { VectorizeIndex, d1ChunkIdResolver } from './adapters/vectorize/index.js'
import { ChatWorkersAi, WorkersAiEmbeddings } from './adapters/workers-ai/index.js'
import { QaEngine } from './answer/qa-engine.js'
import { withLexicalFallback } from './retrieval/vector-index.js'
import { WorkerVarsSchema } from './schema/worker-vars.js'
import { createApp } from './server/app.js'
import { wechatRouteOptions } from './server/wechat/settings.js'

export { ConversationObject } from './adapters/durable-conversations/index.js'

/** The bindings of wrangler.toml, plus `[vars]` (see WorkerVarsSchema). */
export type WorkerEnv = Record<string, unknown> & {
  DB: D1Database
  VECTORIZE: Vectorize
  AI: Ai
  CONVERSATIONS: DurableObjectNamespace
  /** The rate-limiting binding; without it there is no per-client limit. */
  LIMITER?: RateLimit
}

/**
 * The client a request comes from, as Cloudflare's edge reports it. A request without the header
 * did not come through the edge (a service binding, a local test) and is not limited.
 */
function clientAddress(c: Context): string | undefined {
  return c.req.header('cf-connecting-ip') || undefined
}

/**
 * The app over an environment's bindings: reads the manifest from D1 and builds jieba's dictionary
 * (about 0.4 s CPU), so it runs on the first request, never at global scope, where it would eat
 * the 1 s startup budget.
 */
async function createWorkerApp(env: WorkerEnv) {
  const vars = WorkerVarsSchema.parse(env)
  const segmenter = createJiebaWasmSegmenter({ wasm: jiebaWasmModule })
  const embeddings = new WorkersAiEmbeddings({ binding: env.AI, model: vars.EMBEDDINGS_MODEL })
  // A vector search that fails (Workers AI over quota) leaves BM25 alone to answer.
  const vectors = withLexicalFallback(
    new VectorizeIndex({ index: env.VECTORIZE, embeddings, resolveChunkIds: d1ChunkIdResolver(env.DB) }),
    console.warn
  )
  const source = await loadD1PolicySource(env.DB, vectors)
  const exported = source.manifest.embeddings
  if (exported.name !== embeddings.name || exported.dimensions !== embeddings.dimensions) {
    throw new Error(
      `worker: D1 holds vectors of ${exported.name} (${exported.dimensions} dimensions) but queries would be embedded with ` +
        `${embeddings.name} (${embeddings.dimensions}); export with --embeddings workers-ai-rest --model ${embeddings.name} or set EMBEDDINGS_MODEL`
    )
  }
  const today = vars.TODAY ? new Date(`${vars.TODAY}T00:00:00+08:00`) : undefined
  const engine = new QaEngine(source, segmenter, {
    clock: () => today ?? new Date(),
    conversations: new DurableConversationStore(env.CONVERSATIONS),
    model: vars.CHAT_MODEL ? new ChatWorkersAi({ binding: env.AI, model: vars.CHAT_MODEL }) : undefined,
    grounding: { timeoutMs: vars.LLM_TIMEOUT_MS },
  })
  return createApp({
    qa: engine,
    catalog: engine,
    corsOrigins: vars.CORS_ORIGINS,
    widgetAssets: prebuiltWidget,
    wechat: wechatRouteOptions(vars),
    rateLimit: env.LIMITER ? { limiter: env.LIMITER, keyOf: clientAddress } : undefined,
  })
}

let started: Promise<ReturnType<typeof createApp>> | undefined

export default {
  async fetch(request: WorkerRequest, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    // One app per isolate; a start that failed (D1 not loaded yet) is tried again by the next request.
    const app = (started ??= createWorkerApp(env))
    app.catch(() => {
      if (started === app) started = undefined
    })
    return (await app).fetch(request as unknown as Request, env, ctx)
  },
}
