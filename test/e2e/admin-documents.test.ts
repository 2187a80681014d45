/** Documents added, replaced and deleted through the admin API while answering, over real HTTP, with the real ingest. */
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingest } from '../../ingest/cli.js'
import {
  HTML_FIXTURE,
  HUAIAN_2023,
  PDF_FIXTURE,
  huaianGbk,
  pdfWithoutText,
  zhenjiangDocx,
} from '../../ingest/fixtures/formats/documents.js'
import { FsDocumentLibrary } from '../../src/adapters/fs-documents/index.js'
import { loadIndexFolder } from '../../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../../src/adapters/hashing-embeddings/index.js'
import { ingestInChildProcess } from '../../src/adapters/ingest-process/index.js'
import { createJiebaSegmenter } from '../../src/adapters/jieba-node/index.js'
import { MemoryConversationStore } from '../../src/answer/memory-conversation-store.js'
import { QaEngine } from '../../src/answer/qa-engine.js'
import { createError } from '../../src/errors.js'
import { AdminDocumentListSchema, DocumentAddedSchema } from '../../src/schema/admin-documents.js'
import { ChatResponseSchema, ErrorResponseSchema, HealthSchema } from '../../src/schema/api.js'
import { createApp } from '../../src/server/app.js'
import { EngineHolder } from '../../src/server/engine-holder.js'
import { ReindexJob } from '../../src/server/reindex-job.js'
import { listen, type Listening } from '../support/listen.js'
import { TEST_TODAY } from '../support/seed-engine.js'

const TOKEN = 'test-admin-token-documents-0123'
const AUTH = { Authorization: `Bearer ${TOKEN}` }
const HAN = /\p{Script=Han}/u
const MB = 1024 * 1024
/** A question about a configured document, asked in a loop while documents change. */
const STEADY_QUESTION = '南通对招用高校毕业生的企业扩岗补助标准是多少？'

let served: Listening
let uploadDir: string

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'policy-qa-documents-'))
  const docsDir = join(root, 'docs')
  const indexDir = join(root, 'index')
  uploadDir = join(root, 'uploads')
  await mkdir(docsDir)
  await copyFile(PDF_FIXTURE, join(docsDir, 'nantong-wengang.pdf'))
  await copyFile(HTML_FIXTURE, join(docsDir, 'yancheng-linghuo.html'))
  await writeFile(join(docsDir, 'huaian-2023.txt'), HUAIAN_2023)
  await ingest([docsDir], indexDir)

  const segmenter = createJiebaSegmenter()
  const conversations = new MemoryConversationStore()
  const loadEngine = async () =>
    new QaEngine(await loadIndexFolder(indexDir, new HashingEmbeddings()), segmenter, { clock: () => TEST_TODAY, conversations })
  const holder = new EngineHolder(await loadEngine())
  // Composed as src/node.ts composes it.
  const library: FsDocumentLibrary = new FsDocumentLibrary({
    uploadDir,
    indexDir,
    reindex: async () => {
      if (!job.reindex()) throw createError('REINDEX_BUSY')
      await job.settled()
      const status = job.status()
      if (status.state === 'failed') throw createError('REINDEX_FAILED', status.error ?? '')
    },
  })
  const job = new ReindexJob({
    holder,
    rebuild: async () => {
      await ingestInChildProcess(await library.folders([docsDir]), indexDir)
      return loadEngine()
    },
  })
  const app = createApp({ qa: holder, catalog: holder, admin: { token: TOKEN, admin: job }, documents: library })
  served = await listen(app.fetch)
}, 180_000)

afterAll(() => served?.close())

const url = (path: string) => `${served.base}${path}`

function upload(bytes: Uint8Array, name: string, fields: Record<string, string> = {}, headers: Record<string, string> = AUTH) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), name)
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  return fetch(url('/api/admin/documents'), { method: 'POST', headers, body: form })
}

async function ask(question: string) {
  const res = await fetch(url('/api/chat'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ question }),
  })
  expect(res.status).toBe(200)
  return ChatResponseSchema.parse(await res.json())
}

async function list() {
  const res = await fetch(url('/api/admin/documents'), { headers: AUTH })
  expect(res.status).toBe(200)
  return AdminDocumentListSchema.parse(await res.json())
}

async function indexVersion() {
  return HealthSchema.parse(await (await fetch(url('/healthz'))).json()).indexVersion
}

async function expectRefused(res: Response, status: number, code: string, says: RegExp) {
  expect(res.status).toBe(status)
  const { error } = ErrorResponseSchema.parse(await res.json())
  expect(error.code).toBe(code)
  expect(error.message).toMatch(HAN)
  expect(error.message).toMatch(says)
  // No server path in what the client sees.
  expect(error.message).not.toContain(uploadDir)
}

/** Asks STEADY_QUESTION over and over until `until` settles; resolves with every status seen. */
async function answeringWhile(until: Promise<unknown>): Promise<number[]> {
  const statuses: number[] = []
  let done = false
  void until.finally(() => (done = true))
  const deadline = Date.now() + 120_000
  while (!done && Date.now() < deadline) {
    const res = await fetch(url('/api/chat'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: STEADY_QUESTION }),
    })
    statuses.push(res.status)
    await res.arrayBuffer()
  }
  return statuses
}

describe('GET /api/admin/documents', () => {
  it('should list the documents with their detected fields, unit counts and formats', async () => {
    const { documents } = await list()
    expect(documents.map((d) => [d.docKey, d.city, d.format, d.source])).toEqual([
      ['huaian-2023', '淮安市', 'text', 'folder'],
      ['nantong-wengang', '南通市', 'pdf', 'folder'],
      ['yancheng-linghuo', '盐城市', 'html', 'folder'],
    ])
    const yancheng = documents.find((d) => d.docKey === 'yancheng-linghuo')!
    expect(yancheng).toMatchObject({ issuer: '盐城市人力资源和社会保障局', date: '2025-02-10', units: 10 })
    expect(yancheng.detected).toEqual(expect.arrayContaining(['title', 'city', 'date']))
  })

  it('should answer 401 without the admin token', async () => {
    expect((await fetch(url('/api/admin/documents'))).status).toBe(401)
    expect((await upload(Buffer.from('一、总则'), 'a.txt', {}, {})).status).toBe(401)
    expect((await fetch(url('/api/admin/documents/huaian-2023'), { method: 'DELETE' })).status).toBe(401)
  })
})

describe('POST /api/admin/documents', () => {
  it('should add a .docx while answering, and answer from it once the response is back', async () => {
    const before = await indexVersion()
    const adding = upload(await zhenjiangDocx(), '镇江市支持高校毕业生就业创业若干措施.docx', { docKey: 'zhenjiang' })
    const statuses = await answeringWhile(adding)
    const res = await adding
    expect(res.status).toBe(201)
    const added = DocumentAddedSchema.parse(await res.json())
    expect(added.replaced).toBe(false)
    expect(added.document).toMatchObject({ docKey: 'zhenjiang', city: '镇江市', format: 'docx', units: 11, source: 'upload' })
    expect(added.indexVersion).not.toBe(before)
    expect(await indexVersion()).toBe(added.indexVersion)
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.filter((s) => s !== 200)).toEqual([])

    const answer = await ask('镇江招用高校毕业生的一次性吸纳就业补贴是多少？')
    expect(answer.citations[0]).toMatchObject({ city: '镇江市', docKey: 'zhenjiang', path: '一/1' })
    expect(answer.answer).toContain('2000元')
    // Stored under the data folder with its content hash.
    expect(await readdir(uploadDir)).toEqual(expect.arrayContaining([expect.stringMatching(/^zhenjiang-[0-9a-f]{12}\.docx$/), 'manifest.json']))
  })

  it('should replace an uploaded document of the same docKey', async () => {
    const { buildDocx } = await import('../../ingest/fixtures/formats/docx.js')
    const revised = await buildDocx([
      { center: '镇江市支持高校毕业生就业创业若干措施' },
      { center: '（2025年6月1日）' },
      '一、支持企业吸纳就业',
      '1.一次性吸纳就业补贴。对招用毕业年度高校毕业生并签订1年以上劳动合同的企业，按每人2500元给予一次性吸纳就业补贴。',
    ])
    const res = await upload(revised, 'zhenjiang-revised.docx', { docKey: 'zhenjiang' })
    expect(res.status).toBe(201)
    expect(DocumentAddedSchema.parse(await res.json())).toMatchObject({ replaced: true, document: { units: 2 } })
    expect((await ask('镇江招用高校毕业生的一次性吸纳就业补贴是多少？')).answer).toContain('2500元')
    expect((await readdir(uploadDir)).filter((f) => f.startsWith('zhenjiang-'))).toHaveLength(1)
  })

  it('should take a GBK text that replaces an older version, and answer from the current one saying so', async () => {
    const res = await upload(huaianGbk(), 'huaian-2025.txt')
    expect(res.status).toBe(201)
    expect(DocumentAddedSchema.parse(await res.json()).document).toMatchObject({ docKey: 'huaian-2025', city: '淮安市', date: '2025-03-01' })
    const { documents } = await list()
    expect(documents.find((d) => d.docKey === 'huaian-2023')!.supersededBy).toMatchObject({ docKey: 'huaian-2025' })

    const answer = await ask('淮安公益性岗位补贴每月多少钱？')
    expect(answer.citations.map((c) => c.docKey)).toEqual(['huaian-2025'])
    expect(answer.citations[0].path).toBe('第五条')
    expect(answer.answer).toContain('500元')
    expect(answer.answer).toContain('取代此前的《淮安市就业困难人员认定和援助办法》')
  })

  describe('refusals: nothing is stored and the index stays as it was', () => {
    const cases: [string, () => Promise<Uint8Array>, string, number, string, RegExp][] = [
      ['a corrupt .docx', async () => (await zhenjiangDocx()).subarray(0, 500), 'broken.docx', 422, 'DOCUMENT_REFUSED', /已损坏/],
      ['a PDF without a text layer', async () => pdfWithoutText(), 'scan.pdf', 422, 'DOCUMENT_REFUSED', /扫描件.*OCR/],
      ['an empty file', async () => new Uint8Array(0), 'empty.txt', 422, 'DOCUMENT_REFUSED', /空的/],
      ['a text without citable units', async () => Buffer.from('会议纪要\n会议听取了全市就业工作情况汇报。\n'), 'notes.txt', 422, 'DOCUMENT_REFUSED', /可引用的条款/],
      ['an old binary .doc', async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.doc', 415, 'UNSUPPORTED_DOCUMENT', /\.docx/],
      ['a 20 MB file', async () => new Uint8Array(20 * MB).fill(0x41), 'big.txt', 413, 'PAYLOAD_TOO_LARGE', /10 MB/],
    ]
    for (const [what, bytes, name, status, code, says] of cases) {
      it(`should refuse ${what} with a clear message`, async () => {
        const version = await indexVersion()
        const files = await readdir(uploadDir)
        await expectRefused(await upload(await bytes(), name), status, code, says)
        expect(await indexVersion()).toBe(version)
        expect(await readdir(uploadDir)).toEqual(files)
      })
    }

    it('should refuse a docKey that belongs to a configured folder', async () => {
      await expectRefused(await upload(huaianGbk(), 'x.txt', { docKey: 'nantong-wengang' }), 409, 'DOC_KEY_TAKEN', /nantong-wengang/)
    })

    it('should refuse an upload while a rebuild is running, changing nothing', async () => {
      const files = await readdir(uploadDir)
      const started = await fetch(url('/api/admin/reindex'), { method: 'POST', headers: AUTH })
      expect(started.status).toBe(202)
      await expectRefused(await upload(await zhenjiangDocx(), 'zj.docx', { docKey: 'zj2' }), 409, 'REINDEX_RUNNING', /索引正在重建/)
      expect(await readdir(uploadDir)).toEqual(files)
      for (let i = 0; i < 600; i++) {
        const status = await (await fetch(url('/api/admin/reindex'), { headers: AUTH })).json()
        if (status.state !== 'running') break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })
  })
})

describe('DELETE /api/admin/documents/:docKey', () => {
  it('should delete an uploaded document while answering; its answers go with it', async () => {
    const deleting = fetch(url('/api/admin/documents/zhenjiang'), { method: 'DELETE', headers: AUTH })
    const statuses = await answeringWhile(deleting)
    const res = await deleting
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ deleted: 'zhenjiang' })
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect((await list()).documents.map((d) => d.docKey)).not.toContain('zhenjiang')
    expect((await readdir(uploadDir)).filter((f) => f.startsWith('zhenjiang-'))).toEqual([])
    const answer = await ask('镇江招用高校毕业生的一次性吸纳就业补贴是多少？')
    expect(answer.citations.map((c) => c.docKey)).not.toContain('zhenjiang')
  })

  it('should refuse to delete a document of a configured folder, and answer 404 for an unknown one', async () => {
    await expectRefused(await fetch(url('/api/admin/documents/nantong-wengang'), { method: 'DELETE', headers: AUTH }), 409, 'DOC_KEY_TAKEN', /配置目录/)
    expect((await fetch(url('/api/admin/documents/no-such-doc'), { method: 'DELETE', headers: AUTH })).status).toBe(404)
  })
})
