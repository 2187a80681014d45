/**
 * Answers over documents the retrieval was not tuned on: the seeds plus ingest/fixtures/unseen (a
 * district notice, 第X条 regulations, numbered measures), indexed by the real ingest.
 */
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingest } from '../../ingest/cli.js'
import { loadIndexFolder } from '../adapters/fs-index/index.js'
import { HashingEmbeddings } from '../adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../adapters/jieba-node/index.js'
import { TEST_TODAY } from '../../test/support/seed-engine.js'
import { QaEngine } from './qa-engine.js'

const UNSEEN = 'ingest/fixtures/unseen'
let engine: QaEngine

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'policy-qa-unseen-'))
  await mkdir(join(dir, 'docs'))
  // The documents only, not their expected parses.
  for (const name of (await readdir(UNSEEN)).filter((n) => n.endsWith('.txt'))) {
    await copyFile(join(UNSEEN, name), join(dir, 'docs', name))
  }
  await ingest(['seeds', join(dir, 'docs')], join(dir, 'index'), () => {})
  const index = await loadIndexFolder(join(dir, 'index'), new HashingEmbeddings())
  engine = new QaEngine(index, createJiebaSegmenter(), { clock: () => TEST_TODAY })
}, 120_000)

describe('documents the retrieval was not tuned on', () => {
  it('answers about a district from its own notice (南京市江宁区…)', async () => {
    const answer = await engine.chat({ question: '江宁区春风行动什么时候开始？' })
    expect(answer.abstained).toBe(false)
    expect(answer.citations[0]).toMatchObject({ docKey: 'jiangning-chunfeng', city: '南京市' })
  })

  it('answers a question made only of the document title’s words', async () => {
    const answer = await engine.chat({ question: '南京江宁的就业援助月有哪些活动？' })
    expect(answer.abstained).toBe(false)
    expect(answer.citations.every((c) => c.docKey === 'jiangning-chunfeng')).toBe(true)
  })

  it('quotes the items of an article that only introduces them (应当具备下列条件：)', async () => {
    const answer = await engine.chat({ question: '泰州见习单位要满足什么条件？' })
    expect(answer.citations[0]).toMatchObject({ docKey: 'taizhou-jianxi', path: '第四条' })
    expect(answer.answer).toContain('下列条件：（一）')
    expect(answer.answer).toContain('（二）')
  })

  it('ranks an article that states its amounts in its items first for a 多少 question', async () => {
    // 第十条 「按下列标准给予见习单位补贴：」 holds the standard in its items; 第十一条 a raised one.
    const answer = await engine.chat({ question: '泰州见习补贴标准是多少？' })
    expect(answer.citations[0]).toMatchObject({ docKey: 'taizhou-jianxi', path: '第十条' })
    expect(answer.answer).toContain('200元')
  })

  it('answers 「执行到什么时候」 from the clause that says when the measures are in force', async () => {
    // 赣州's closing words: 「本措施自印发之日起施行，有效期至2025年12月31日」.
    const answer = await engine.chat({ question: '赣州稳就业的措施执行到什么时候？' })
    expect(answer.abstained).toBe(false)
    expect(answer.answer).toContain('有效期至2025年12月31日')
  })

  it('answers 赣州 from 赣州 and 泰州 from 泰州', async () => {
    for (const [question, city] of [
      ['赣州对招用高校毕业生的企业有一次性扩岗补助吗？', '赣州市'],
      ['泰州见习期最长多久？', '泰州市'],
    ]) {
      const answer = await engine.chat({ question })
      expect(answer.abstained).toBe(false)
      expect(answer.citations.every((c) => c.city === city)).toBe(true)
    }
  })
})
