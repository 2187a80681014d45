/**
 * The Workers build end to end: the bundle `wrangler deploy` would upload, run in workerd with
 * local D1, Durable Objects and rate limiter, and fakes for Workers AI and Vectorize (no local
 * simulation exists). Round trip: ingest the seeds → `npm run export:cloudflare` (embedding through
 * the Workers AI REST API, faked) → schema.sql and data.sql into local D1, the NDJSON into
 * Vectorize → /api/chat in workerd answers with the Node build's citations.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingest } from '../../ingest/cli.js'
import { loadIndexFolder } from '../../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../../src/adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../../src/adapters/jieba-node/index.js'
import { widgetBundle } from '../../src/adapters/widget-bundle/index.js'
import { QaEngine } from '../../src/answer/qa-engine.js'
import type { ChatRequest, ChatResponse } from '../../src/schema/api.js'
import { WechatSettingsSchema } from '../../src/schema/wechat-settings.js'
import { createApp } from '../../src/server/app.js'
import { wechatRouteOptions } from '../../src/server/wechat/settings.js'
import { wechatSignature } from '../../src/server/wechat/signature.js'
import { widgetCss } from '../../src/widget/styles.js'
import { createFakeAi, DEPLOYED_METADATA_INDEXES, FakeVectorize, startFakeWorkersAiRest } from '../support/fake-cloudflare.js'
import { FakeWechat } from '../support/fake-wechat.js'
import { FakeWechatApi } from '../support/fake-wechat-api.js'
import { listen, type Listening } from '../support/listen.js'
import { loadD1Export } from '../support/sql-statements.js'
import { TEST_TODAY } from '../support/seed-engine.js'
import { buildWorkerBundle, startWorkerInWorkerd, type WorkerInWorkerd } from '../support/workerd.js'

/** Worker size limits (workers.md § Platform limits): 64 MiB uncompressed since 2026-09, 10 MB gzip (Paid) before. */
const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
const OLD_PAID_GZIP_BYTES = 10 * 1024 * 1024
const OLD_FREE_GZIP_BYTES = 3 * 1024 * 1024

const DEV_QUESTIONS = readFileSync('evals/questions.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; question: string; split?: string; history?: ChatRequest['history'] })
  .filter((q) => q.split !== 'heldout')

const cited = (response: ChatResponse) => response.citations.map((c) => `${c.docKey} ${c.path}`)

/** The WeChat account of these tests: vars and secrets (`wrangler secret put`) as the Worker reads them. */
const WECHAT = {
  WECHAT_TOKEN: 'workerToken01',
  WECHAT_APPID: 'wx134c8103faa5a59e',
  WECHAT_AES_KEY: 'B'.repeat(43),
  PUBLIC_BASE_URL: 'https://policy.example.gov.cn',
}
const WECHAT_APPSECRET = 'fake-app-secret-0002'

describe('Workers build', () => {
  let bundle: { dir: string; output: string }
  let node: QaEngine
  let worker: WorkerInWorkerd
  const ai = createFakeAi()
  const vectorize = new FakeVectorize({
    dimensions: 1024,
    metric: 'cosine',
    metadataIndexes: DEPLOYED_METADATA_INDEXES,
  })
  const LIMIT_PER_MINUTE = 40
  let exportDir: string

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'worker-e2e-'))
    const indexDir = join(work, 'index')
    exportDir = join(work, 'cloudflare')
    // The same embedding on both sides: the fake bge-m3 answers with these hashing vectors.
    const embeddings = new HashingEmbeddings({ dimensions: 1024 })
    await ingest(['seeds'], indexDir, undefined, embeddings)
    node = new QaEngine(await loadIndexFolder(indexDir, embeddings), createJiebaSegmenter(), { clock: () => TEST_TODAY })

    const accountId = 'a'.repeat(32)
    const rest = await startFakeWorkersAiRest({ accountId, apiToken: 'test-token', ai })
    try {
      await promisify(execFile)(
        'npm',
        ['run', 'export:cloudflare', '--', '--index', indexDir, '--out', exportDir, '--embeddings', 'workers-ai-rest'],
        { env: { ...process.env, CLOUDFLARE_ACCOUNT_ID: accountId, CLOUDFLARE_API_TOKEN: 'test-token', CLOUDFLARE_API_BASE_URL: `${rest.base}/client/v4` } }
      )
    } finally {
      await rest.close()
    }
    // wrangler vectorize insert --file: batches of at most 1000 vectors.
    for (const file of readdirSync(exportDir).filter((f) => f.endsWith('.ndjson'))) {
      const lines = readFileSync(join(exportDir, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
      for (let i = 0; i < lines.length; i += 1000) await vectorize.insert(lines.slice(i, i + 1000))
    }

    bundle = await buildWorkerBundle()
    worker = await startWorkerInWorkerd({
      bundleDir: bundle.dir,
      ai,
      vectorize,
      vars: { CHAT_MODEL: '', TODAY: '2026-11-23', ...WECHAT },
      limitPerMinute: LIMIT_PER_MINUTE,
    })
    // wrangler d1 execute DB --local --file=schema.sql, then --file=data.sql.
    await loadD1Export(await worker.db(), exportDir)
  }, 300_000)

  afterAll(async () => {
    await worker?.dispose()
  })

  // Miniflare sets CF-Connecting-IP on every request; each chat here comes from its own client,
  // so that only the rate-limit test meets the limit.
  let client = 0
  const chat = async (body: ChatRequest) => {
    const response = await worker.fetch('/api/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': `198.51.100.${++client % 250}` },
      body: JSON.stringify(body),
    })
    return { status: response.status, headers: response.headers, body: (await response.json()) as ChatResponse }
  }

  describe('bundle (wrangler deploy --dry-run)', () => {
    it('should build with every binding of wrangler.toml', () => {
      for (const binding of ['env.DB', 'env.VECTORIZE', 'env.AI', 'env.CONVERSATIONS (ConversationObject)', 'env.LIMITER'])
        expect(bundle.output).toContain(binding)
    })

    it('should hold no native module or Node-only adapter, and fit the size limits', () => {
      const files = readdirSync(bundle.dir).filter((f) => !f.endsWith('.map'))
      expect(files.some((f) => f.endsWith('.node'))).toBe(false)
      const script = readFileSync(join(bundle.dir, 'worker.js'), 'utf8')
      for (const nodeOnly of ['nodejieba', 'hnswlib-node', 'better-sqlite3', '"node:fs"', '"node:fs/promises"', '"node:child_process"'])
        expect(script, nodeOnly).not.toContain(nodeOnly)
      const bytes = files.reduce((sum, f) => sum + statSync(join(bundle.dir, f)).size, 0)
      const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(bundle.dir, f))).length, 0)
      console.log(`worker bundle: ${(bytes / 2 ** 20).toFixed(2)} MiB, ${(gzip / 2 ** 20).toFixed(2)} MiB gzip (${files.join(', ')})`)
      expect(bytes).toBeLessThan(MAX_UNCOMPRESSED_BYTES)
      expect(gzip).toBeLessThan(OLD_PAID_GZIP_BYTES)
      // jieba's dictionary alone is 2.8 MB gzip: over the Free plan's old 3 MB, as workers.md § 3 says.
      expect(gzip).toBeGreaterThan(OLD_FREE_GZIP_BYTES)
    })
  })

  describe('in workerd', () => {
    it('should list the exported documents from D1', async () => {
      const response = await worker.fetch('/api/docs')
      expect(response.status).toBe(200)
      const { documents } = (await response.json()) as { documents: Array<{ docKey: string; unitsByKind: object }> }
      expect(documents.map((d) => d.docKey)).toEqual(node.documents().map((d) => d.docKey))
      expect(documents).toEqual(JSON.parse(JSON.stringify(node.documents())))
    })

    it('should cite what the Node build cites, for every dev question', async () => {
      const disagreements: string[] = []
      const searchesBefore = worker.bindingCalls.get('vectorize.query') ?? 0
      for (const { id, question, history } of DEV_QUESTIONS) {
        const fromNode = await node.chat({ question, history })
        const { status, body } = await chat({ question, history })
        expect(status, id).toBe(200)
        if (JSON.stringify(cited(body)) !== JSON.stringify(cited(fromNode)) || body.abstained !== fromNode.abstained)
          disagreements.push(`${id}: node [${cited(fromNode).join('; ')}] worker [${cited(body).join('; ')}]`)
      }
      const agreement = 1 - disagreements.length / DEV_QUESTIONS.length
      console.log(`Node/Worker citation agreement: ${DEV_QUESTIONS.length - disagreements.length}/${DEV_QUESTIONS.length} (${(agreement * 100).toFixed(1)}%)`, disagreements)
      expect(disagreements).toEqual([])
      // The dense side took part: each question (without history) is embedded by bge-m3 and searched in Vectorize.
      expect((worker.bindingCalls.get('vectorize.query') ?? 0) - searchesBefore).toBeGreaterThanOrEqual(DEV_QUESTIONS.length)
      expect(ai.calls.filter((c) => c.model === '@cf/baai/bge-m3').length).toBeGreaterThan(DEV_QUESTIONS.length)
    })

    it('should remember a conversation across requests in its Durable Object', async () => {
      // Dev question A043, its first turn asked for real instead of sent as history.
      const opening = '连云港企业派人去外地招聘，有补贴吗？'
      const followUpQuestion = '这个补贴到什么时候截止？'
      const first = await chat({ question: opening })
      const followUp = await chat({ question: followUpQuestion, conversationId: first.body.conversationId })
      expect(followUp.body.conversationId).toBe(first.body.conversationId)
      expect(cited(followUp.body)).toContain('lianyungang 三/8')

      const nodeFirst = await node.chat({ question: opening })
      const nodeFollowUp = await node.chat({ question: followUpQuestion, conversationId: nodeFirst.conversationId })
      expect(cited(followUp.body)).toEqual(cited(nodeFollowUp))
      expect(followUp.body.rewrittenQuery).toBe(nodeFollowUp.rewrittenQuery)

      // An unknown id starts a new conversation rather than reading someone else's.
      const stranger = await chat({ question: followUpQuestion, conversationId: 'c'.repeat(32) })
      expect(stranger.body.conversationId).not.toBe('c'.repeat(32))
      expect(cited(stranger.body)).not.toEqual(cited(followUp.body))
    })

    it('should answer 429 with Retry-After once a client is over the rate limit', async () => {
      const headers = { 'CF-Connecting-IP': '203.0.113.9' }
      const statuses: number[] = []
      for (let i = 0; i <= LIMIT_PER_MINUTE; i++) statuses.push((await worker.fetch('/api/docs', { headers })).status)
      expect(statuses.slice(0, LIMIT_PER_MINUTE).every((s) => s === 200)).toBe(true)
      const refused = await worker.fetch('/api/docs', { headers })
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED')
      // Another client is not affected.
      expect((await worker.fetch('/api/docs', { headers: { 'CF-Connecting-IP': '203.0.113.10' } })).status).toBe(200)
    })
  })

  describe('citizens’ pages in workerd: widget, demo page, document view', () => {
    /** The Node build's app over the same index, to compare pages with. */
    const nodeApp = () => createApp({ qa: node, catalog: node, widgetAssets: widgetBundle() })

    it('should serve the widget script built by wrangler’s [build], as the Node build bundles it, with CSP-friendly headers', async () => {
      const response = await worker.fetch('/widget.js')
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
      // Loadable by a portal on another origin, even one that sets COEP.
      expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
      expect(response.headers.get('ETag')).toBeTruthy()
      // The same bytes as Node's, whose build is checked for eval, Function() and innerHTML (widget-bundle).
      expect(await response.text()).toBe(await widgetBundle().script())
      const stylesheet = await worker.fetch('/widget.css')
      expect(stylesheet.headers.get('Content-Type')).toBe('text/css; charset=utf-8')
      expect(await stylesheet.text()).toBe(widgetCss)
    })

    it('should render the demo page under a strict CSP with the documents from D1, as the Node build does', async () => {
      const response = await worker.fetch('/')
      expect(response.status).toBe(200)
      const csp = response.headers.get('Content-Security-Policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      const html = await response.text()
      expect(html).toContain('<script src="/widget.js"')
      expect(html).toBe(await (await nodeApp().request('/')).text())
    })

    it('should render a document’s full text from D1 as the Node build does, and a readable 404 for an unknown key', async () => {
      for (const { docKey } of node.documents()) {
        const response = await worker.fetch(`/doc/${docKey}`)
        expect(response.status, docKey).toBe(200)
        expect(await response.text(), docKey).toBe(await (await nodeApp().request(`/doc/${docKey}`)).text())
      }
      const missing = await worker.fetch('/doc/nowhere')
      expect(missing.status).toBe(404)
      expect(missing.headers.get('Content-Type')).toMatch(/^text\/html/)
    })
  })

  describe('WeChat in workerd (/wechat)', () => {
    let nodeWechat: Listening

    beforeAll(async () => {
      const wechat = wechatRouteOptions(WechatSettingsSchema.parse(WECHAT))
      nodeWechat = await listen(createApp({ qa: node, catalog: node, wechat }).fetch)
    })

    afterAll(async () => {
      await nodeWechat?.close()
    })

    it('should answer the URL check with echostr', async () => {
      const timestamp = String(Math.floor(Date.now() / 1000))
      const query = new URLSearchParams({ timestamp, nonce: '42', echostr: 'echo-123' })
      query.set('signature', await wechatSignature([WECHAT.WECHAT_TOKEN, timestamp, '42']))
      const response = await worker.fetch(`/wechat?${query}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('echo-123')
    })

    it('should reply passively to a signed plain text message, citing the city asked about, as the Node build does', async () => {
      const wechat = new FakeWechat({ base: worker.url.origin, token: WECHAT.WECHAT_TOKEN })
      const xml = wechat.textXml('oWorkerPlain01', '连云港对招用高校毕业生的企业有什么补贴？')
      const [reply, retry] = await Promise.all([wechat.push(xml), wechat.push(xml)])
      expect(reply.status).toBe(200)
      expect(reply.contentType).toBe('application/xml; charset=utf-8')
      expect(reply.reply).toMatchObject({ ToUserName: 'oWorkerPlain01', MsgType: 'text' })
      const content = reply.reply!.Content!
      expect(content).toContain('[1] 连云港市')
      expect(content).toContain(`查看原文：${WECHAT.PUBLIC_BASE_URL}/doc/lianyungang#`)
      // WeChat's retry of the same MsgId (same isolate) gets the same reply.
      expect(retry.reply!.Content).toBe(content)

      const fromNode = new FakeWechat({ base: nodeWechat.base, token: WECHAT.WECHAT_TOKEN })
      expect((await fromNode.push(xml)).reply!.Content).toBe(content)
    })

    it('should decrypt an encrypted (安全模式) message and reply encrypted and signed, with workerd’s Web Crypto', async () => {
      const wechat = new FakeWechat({
        base: worker.url.origin,
        token: WECHAT.WECHAT_TOKEN,
        appId: WECHAT.WECHAT_APPID,
        encodingAesKey: WECHAT.WECHAT_AES_KEY,
      })
      const reply = await wechat.push(wechat.textXml('oWorkerSafe01', '扬州推行按经常居住地登记户口，牵头的是哪个部门？'), { encrypted: true, nonce: '415670741' })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatch(/^<xml><Encrypt>/)
      expect(reply.body).not.toContain('扬州')
      expect(reply.replySignatureOk).toBe(true)
      expect(reply.replyNonce).toBe('415670741')
      expect(reply.reply).toMatchObject({ ToUserName: 'oWorkerSafe01', MsgType: 'text' })
      expect(reply.reply!.Content).toContain('扬州市')
    })

    it('should answer a forged signature with success and ask nothing', async () => {
      const wechat = new FakeWechat({ base: worker.url.origin, token: WECHAT.WECHAT_TOKEN })
      const reply = await wechat.push(wechat.textXml('oWorkerForged1', '连云港有什么补贴？'), { signature: '0'.repeat(40) })
      expect(reply).toMatchObject({ status: 200, body: 'success' })
    })
  })

  describe('with a Workers AI chat model (CHAT_MODEL)', () => {
    let withModel: WorkerInWorkerd
    /** A model slower than WeChat's reply deadline below, so WeChat answers go the slow path. */
    const CHAT_DELAY_MS = 1500
    const chatAi = createFakeAi({
      chatReply: '根据政策文件，连云港对企业招用重点群体按每人1500元给予一次性扩岗补助[1]。',
      chatDelayMs: CHAT_DELAY_MS,
    })
    const wechatApi = new FakeWechatApi({ appId: WECHAT.WECHAT_APPID, appSecret: WECHAT_APPSECRET })

    beforeAll(async () => {
      await wechatApi.start()
      withModel = await startWorkerInWorkerd({
        bundleDir: bundle.dir,
        ai: chatAi,
        vectorize,
        vars: {
          CHAT_MODEL: '@cf/qwen/qwen3-30b-a3b-fp8',
          TODAY: '2026-11-23',
          ...WECHAT,
          WECHAT_APPSECRET,
          WECHAT_API_BASE: wechatApi.base,
          WECHAT_REPLY_DEADLINE_MS: '500',
        },
      })
      await loadD1Export(await withModel.db(), exportDir)
    }, 120_000)

    afterAll(async () => {
      await withModel?.dispose()
      await wechatApi.close()
    })

    it('should ask the chat model through the AI binding and answer with citations', async () => {
      const response = await withModel.fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ question: '连云港对企业招用重点群体发的一次性扩岗补助，每招一个人补多少钱？' }),
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as ChatResponse
      expect(chatAi.calls.some((c) => c.model === '@cf/qwen/qwen3-30b-a3b-fp8')).toBe(true)
      expect(cited(body)).toContain('lianyungang 一/1')
    })

    it('should reply success to WeChat in time and send the slow answer by customer-service message after the response (ctx.waitUntil)', async () => {
      const wechat = new FakeWechat({ base: withModel.url.origin, token: WECHAT.WECHAT_TOKEN })
      const reply = await wechat.push(wechat.textXml('oWorkerSlow01', '连云港对企业招用重点群体发的一次性扩岗补助，每招一个人补多少钱？'))
      expect(reply).toMatchObject({ status: 200, body: 'success' })
      const [sent] = await wechatApi.waitForSends(1)
      expect(sent.touser).toBe('oWorkerSlow01')
      expect(sent.text.content).toContain('1500元')
      expect(sent.text.content).toContain('[1] 连云港市')
      expect(wechatApi.tokenRequests).toHaveLength(1)
    })
  })
})
