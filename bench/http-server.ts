/**
 * @module The HTTP target of the load test, run as a child: loads an index, serves `createApp`
 * with @hono/node-server on 127.0.0.1 at a free port, and prints `{"port":N}` on stdout.
 */
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { loadIndexFolder } from '../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { QaEngine } from '../src/answer/qa-engine.js'
import { createApp } from '../src/server/app.js'
import { EVAL_TODAY } from '../evals/eval-constants.js'

// Exit normally on SIGTERM, so `node --cpu-prof` writes its profile when the load test stops us.
process.on('SIGTERM', () => process.exit(0))

async function main() {
  const { values } = parseArgs({ options: { index: { type: 'string' } }, strict: true })
  if (!values.index) throw new Error('http-server: --index DIR is required')
  const index = await loadIndexFolder(values.index, new HashingEmbeddings())
  const today = new Date(`${EVAL_TODAY}T00:00:00Z`)
  const engine = new QaEngine(index, createJiebaSegmenter(), { clock: () => today })
  const app = createApp({ qa: engine, catalog: engine })
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
    process.stdout.write(`${JSON.stringify({ port: info.port })}\n`)
  })
}

main().catch((error: Error) => {
  console.error(`http-server failed: ${error.message}`)
  process.exit(1)
})
