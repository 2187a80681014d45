/** The admin API and a hot re-index under load, over real HTTP, with the real engine and ingest. */
import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingest } from '../../ingest/cli.js'
import { loadIndexFolder } from '../../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../../src/adapters/hashing-embeddings/index.js'
import { ingestInChildProcess } from '../../src/adapters/ingest-process/index.js'
import { createJiebaSegmenter } from '../../src/adapters/jieba-node/index.js'
import { MemoryConversationStore } from '../../src/answer/memory-conversation-store.js'
import { QaEngine } from '../../src/answer/qa-engine.js'
import { HealthSchema, ReindexStatusSchema, type ReindexStatus } from '../../src/schema/api.js'
import { createApp } from '../../src/server/app.js'
import { EngineHolder } from '../../src/server/engine-holder.js'
import { ReindexJob } from '../../src/server/reindex-job.js'
import { listen, type Listening } from '../support/listen.js'
import { TEST_TODAY } from '../support/seed-engine.js'

const TOKEN = 'test-admin-token-0123456789'
const AUTH = { Authorization: `Bearer ${TOKEN}` }
const QUESTIONS = ['常州对创业担保贷款有什么规定？', '连云港对招用高校毕业生的企业有什么补贴？', '宜春对高校毕业生就业有什么支持？']
/** Parallel clients during a re-index, and the bound on how long they run. */
const LOAD_CLIENTS = 12
const LOAD_LIMIT_MS = 90_000
const PARALLEL_BURST = 300

let docsDir: string
let served: Listening

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'policy-qa-reindex-'))
  docsDir = join(root, 'docs')
  const indexDir = join(root, 'index')
  await cp('seeds', docsDir, { recursive: true })
  await ingest([docsDir], indexDir)
  const segmenter = createJiebaSegmenter()
  const conversations = new MemoryConversationStore()
  const loadEngine = async () =>
    new QaEngine(await loadIndexFolder(indexDir, new HashingEmbeddings()), segmenter, {
      clock: () => TEST_TODAY,
      conversations,
    })
  const holder = new EngineHolder(await loadEngine())
  const job = new ReindexJob({
    holder,
    rebuild: async () => {
      await ingestInChildProcess([docsDir], indexDir)
      return loadEngine()
    },
  })
  const app = createApp({
    qa: holder,
    catalog: holder,
    admin: { token: TOKEN, admin: job },
    maxConcurrentRequests: 1000,
  })
  served = await listen(app.fetch)
}, 180_000)

afterAll(() => served?.close())

const url = (path: string) => `${served.base}${path}`

function post(path: string, body: unknown) {
  return fetch(url(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function indexVersion() {
  return HealthSchema.parse(await (await fetch(url('/healthz'))).json()).indexVersion
}

async function reindexStatus(): Promise<ReindexStatus> {
  return ReindexStatusSchema.parse(await (await fetch(url('/api/admin/reindex'), { headers: AUTH })).json())
}

/** Polls the status until the rebuild has ended (bounded). */
async function finished(): Promise<ReindexStatus> {
  const deadline = Date.now() + LOAD_LIMIT_MS
  for (;;) {
    const status = await reindexStatus()
    if (status.state !== 'running' || Date.now() > deadline) return status
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('admin API', () => {
  describe('authentication', () => {
    it('should answer 401 with WWW-Authenticate and a Chinese message without a token', async () => {
      const res = await fetch(url('/api/admin/reindex'), { method: 'POST' })
      expect(res.status).toBe(401)
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
      expect((await res.json()).error.code).toBe('UNAUTHORIZED')
    })

    it('should answer 401 to a wrong token, and start nothing', async () => {
      const res = await fetch(url('/api/admin/reindex'), {
        method: 'POST',
        headers: { Authorization: 'Bearer wrong-token-0123456789' },
      })
      expect(res.status).toBe(401)
      expect((await reindexStatus()).state).toBe('idle')
    })
  })

  describe('under load', () => {
    it(`should answer ${PARALLEL_BURST} parallel requests`, async () => {
      const responses = await Promise.all(
        Array.from({ length: PARALLEL_BURST }, (_, i) =>
          i % 2
            ? post('/api/chat', { question: QUESTIONS[i % QUESTIONS.length] })
            : post('/api/search', { query: QUESTIONS[i % QUESTIONS.length], k: 3 })
        )
      )
      expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
      await Promise.all(responses.map((r) => r.arrayBuffer()))
    })
  })

  describe('POST /api/admin/reindex', () => {
    it('should swap in the new index with no failed request, refusing a second rebuild with 409', async () => {
      const before = await indexVersion()
      const first = await (await post('/api/chat', { question: QUESTIONS[0] })).json()
      // A change of a source file changes the index version.
      await appendFile(join(docsDir, '001_f750de1b91a1a462.txt'), '\n')

      let stop = false
      const failures: string[] = []
      let answered = 0
      const client = async (n: number) => {
        const started = Date.now()
        for (let i = 0; !stop && Date.now() - started < LOAD_LIMIT_MS; i++) {
          const question = QUESTIONS[(n + i) % QUESTIONS.length]
          const res = await (i % 3 === 2
            ? fetch(url('/api/docs'))
            : i % 2
              ? post('/api/chat', { question })
              : post('/api/search', { query: question, k: 5 }))
          await res.arrayBuffer()
          if (res.status === 200) answered++
          else failures.push(`${res.status}`)
        }
      }
      const load = Promise.all(Array.from({ length: LOAD_CLIENTS }, (_, n) => client(n)))

      const started = await fetch(url('/api/admin/reindex'), { method: 'POST', headers: AUTH })
      expect(started.status).toBe(202)
      expect(ReindexStatusSchema.parse(await started.json()).state).toBe('running')
      const second = await fetch(url('/api/admin/reindex'), { method: 'POST', headers: AUTH })
      expect(second.status).toBe(409)
      expect((await second.json()).error.code).toBe('REINDEX_RUNNING')

      const status = await finished()
      // Keep the load on a little past the swap, so requests run on both sides of it.
      await new Promise((resolve) => setTimeout(resolve, 500))
      stop = true
      await load

      expect(status).toMatchObject({ state: 'succeeded' })
      expect(status.error).toBeUndefined()
      expect(failures).toEqual([])
      expect(answered).toBeGreaterThan(LOAD_CLIENTS)
      const after = await indexVersion()
      expect(after).not.toBe(before)
      expect(status.indexVersion).toBe(after)
      // The conversation goes on across the swap.
      const followUp = await (
        await post('/api/chat', { question: '那宜春呢？', conversationId: first.conversationId })
      ).json()
      expect(followUp.conversationId).toBe(first.conversationId)
    })

    it('should keep the old index serving when the rebuild fails, and say why', async () => {
      const before = await indexVersion()
      const manifest = join(docsDir, 'manifest.json')
      const good = await readFile(manifest, 'utf8')
      await writeFile(manifest, '{ not json')
      try {
        expect((await fetch(url('/api/admin/reindex'), { method: 'POST', headers: AUTH })).status).toBe(202)
        const status = await finished()
        expect(status.state).toBe('failed')
        expect(status.error).toMatch(/manifest\.json/)
        expect(status.indexVersion).toBe(before)
        expect(await indexVersion()).toBe(before)
        expect((await post('/api/chat', { question: QUESTIONS[1] })).status).toBe(200)
      } finally {
        await writeFile(manifest, good)
      }
    })
  })
})
