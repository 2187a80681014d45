/** Every format a bureau publishes in, from bytes to a cited answer: one manifest-free folder, the real ingest and engine. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadIndexFolder } from '../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { QaEngine } from '../src/answer/qa-engine.js'
import type { IndexManifest } from '../src/schema/clause.js'
import { TEST_TODAY } from '../test/support/seed-engine.js'
import { ingest } from './cli.js'
import { writeFormatsFolder } from './fixtures/formats/documents.js'

let work: string
let manifest: IndexManifest
let engine: QaEngine

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'formats-'))
  const docs = join(work, 'docs')
  const { mkdir } = await import('node:fs/promises')
  await mkdir(docs)
  await writeFormatsFolder(docs)
  manifest = await ingest([docs], join(work, 'index'))
  engine = new QaEngine(await loadIndexFolder(join(work, 'index'), new HashingEmbeddings()), createJiebaSegmenter(), {
    clock: () => TEST_TODAY,
  })
}, 120_000)

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('a folder of every format, without a manifest', () => {
  it('detects each document’s format, city and date, and keys it by its file name', () => {
    expect(manifest.documents.map((d) => [d.docKey, d.format, d.city, d.date])).toEqual([
      ['huaian-2023', 'text', '淮安市', '2023-03-01'],
      ['huaian-2025', 'text', '淮安市', '2025-03-01'],
      ['nantong-wengang', 'pdf', '南通市', '2025-04-10'],
      ['yancheng-linghuo', 'html', '盐城市', '2025-02-10'],
      ['zhenjiang', 'docx', '镇江市', '2025-03-01'],
    ])
    expect(manifest.documents.find((d) => d.docKey === 'huaian-2023')!.supersededBy?.docKey).toBe('huaian-2025')
  })

  const cases: [string, string, string, string, string][] = [
    ['docx', '镇江招用高校毕业生的一次性吸纳就业补贴是多少？', 'zhenjiang', '一/1', '2000元'],
    ['docx table', '镇江就业见习岗位计划中设备运维岗位计划多少人？', 'zhenjiang', '附件/第2项', '120人'],
    ['pdf', '南通对招用高校毕业生的企业扩岗补助标准是多少？', 'nantong-wengang', '一/（二）', '5000元'],
    ['html', '盐城对建设零工市场有什么要求？', 'yancheng-linghuo', '一/（一）', '1家'],
    ['GBK text', '淮安公益性岗位补贴每月多少钱？', 'huaian-2025', '第五条', '500元'],
  ]
  for (const [format, question, docKey, path, fact] of cases) {
    it(`answers a question about the ${format} document with the right citation`, async () => {
      const res = await engine.chat({ question })
      expect(res.abstained).toBe(false)
      expect(res.citations[0]).toMatchObject({ docKey, path })
      expect(res.answer).toContain(fact)
    })
  }

  it('answers from the current version and says it replaces the older one', async () => {
    const res = await engine.chat({ question: '淮安公益性岗位补贴每月多少钱？' })
    expect(res.citations.map((c) => c.docKey)).not.toContain('huaian-2023')
    expect(res.answer).toContain('所引文件已取代此前的《淮安市就业困难人员认定和援助办法》（2023年3月1日）')
  })

  it('answers from the older version only what the current one dropped, saying it was replaced', async () => {
    const res = await engine.chat({ question: '淮安参加职业技能鉴定的就业困难人员有求职创业补贴吗？' })
    expect(res.citations[0]).toMatchObject({ docKey: 'huaian-2023', path: '第七条', status: 'expired' })
    expect(res.citations[0].validity).toContain('该文件已被2025年3月1日的新版《淮安市就业困难人员认定和援助办法》取代')
    expect(res.answer).toContain('取代')
  })
})
