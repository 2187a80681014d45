/** @module Node entry: read config, build the index if missing, load it, serve the app. */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { parseConfig } from './schema/config.js'
import { loadIndexFolder } from './adapters/fs-index/index.js'
import { HashingEmbeddings } from './adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from './adapters/jieba-node/index.js'
import { QaEngine } from './answer/qa-engine.js'
import { swaggerUiAssets } from './adapters/swagger-ui/index.js'
import { createApp } from './server/app.js'
import { INDEX_FILES } from './retrieval/index-format.js'
import { ingest } from '../ingest/cli.js'

async function main() {
  const config = parseConfig(process.env)
  const manifestPath = join(config.INDEX_DIR, INDEX_FILES.manifest)
  const exists = await access(manifestPath).then(
    () => true,
    () => false
  )
  if (!exists) {
    console.log(`No index at ${config.INDEX_DIR}: building it from ${config.DOCS_DIRS.join(', ')} …`)
    const manifest = await ingest(config.DOCS_DIRS, config.INDEX_DIR)
    console.log(`Index ${manifest.indexVersion}: ${manifest.documents.length} documents, ${manifest.clauses} units`)
  }
  const index = await loadIndexFolder(config.INDEX_DIR, new HashingEmbeddings())
  const today = config.TODAY ? new Date(`${config.TODAY}T00:00:00+08:00`) : undefined
  const engine = new QaEngine(index, createJiebaSegmenter(), { clock: () => today ?? new Date() })
  const wechat = config.WECHAT_TOKEN
    ? {
        token: config.WECHAT_TOKEN,
        appId: config.WECHAT_APPID,
        encodingAesKey: config.WECHAT_AES_KEY,
        appSecret: config.WECHAT_APPSECRET,
        apiBase: config.WECHAT_API_BASE,
        timestampWindowS: config.WECHAT_TIMESTAMP_WINDOW_S,
        replyDeadlineMs: config.WECHAT_REPLY_DEADLINE_MS,
        publicBaseUrl: config.PUBLIC_BASE_URL,
      }
    : undefined
  const app = createApp({ qa: engine, catalog: engine, staticAssets: swaggerUiAssets(), wechat })
  serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    console.log(`政策问答 listening on http://localhost:${info.port} (index ${index.manifest.indexVersion})`)
  })
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
