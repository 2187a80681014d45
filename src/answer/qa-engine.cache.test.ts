import { beforeAll, describe, expect, it } from 'vitest'
import { seedIndexDir, TEST_TODAY } from '../../test/support/seed-engine.js'
import { loadIndexFolder } from '../adapters/fs-index/index.js'
import { HashingEmbeddings } from '../adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../adapters/jieba-node/index.js'
import { loadQuestions } from '../../evals/questions.js'
import { QaEngine, type QaEngineOptions } from './qa-engine.js'
import type { ChatRequest, ChatResponse } from '../schema/api.js'

async function engineWith(options: Partial<QaEngineOptions>): Promise<QaEngine> {
  const index = await loadIndexFolder((await seedIndexDir()).indexDir, new HashingEmbeddings())
  return new QaEngine(index, createJiebaSegmenter(), { clock: () => TEST_TODAY, ...options })
}

/** A response without the conversation id, which is new for every conversation. */
function answerOf({ conversationId: _, ...rest }: ChatResponse) {
  return rest
}

const FOLLOW_UP = '这个补贴到什么时候截止？'
const histories: ChatRequest['history'][] = [
  [
    { role: 'user', content: '连云港企业派人去外地招聘，有补贴吗？' },
    { role: 'assistant', content: '有。按省内最高1000元/人、省外最高3000元/人给予企业招聘补贴。' },
  ],
  [
    { role: 'user', content: '常州创业担保贷款能贷多少？' },
    { role: 'assistant', content: '个人最高30万元。' },
  ],
]

describe('QaEngine answer cache', () => {
  let cached: QaEngine
  let uncached: QaEngine
  beforeAll(async () => {
    cached = await engineWith({})
    uncached = await engineWith({ answerCacheSize: 0 })
  })

  it('should answer every dev question, asked again, exactly as without the cache', async () => {
    const questions = (await loadQuestions('evals/questions.jsonl')).slice(0, 25)
    for (const { question } of questions) {
      const first = await cached.chat({ question })
      const again = await cached.chat({ question })
      const fresh = await uncached.chat({ question })
      expect(answerOf(again)).toEqual(answerOf(fresh))
      expect(answerOf(first)).toEqual(answerOf(fresh))
      expect(again.conversationId).not.toBe(first.conversationId)
    }
  })

  it('should tell the same follow-up apart by the conversation it follows, and by city', async () => {
    const answers = []
    for (const history of histories) {
      const viaCache = await cached.chat({ question: FOLLOW_UP, history })
      expect(answerOf(viaCache)).toEqual(answerOf(await uncached.chat({ question: FOLLOW_UP, history })))
      answers.push(viaCache)
    }
    expect(answers[0].citations[0].city).toBe('连云港市')
    expect(answers[1].citations[0]?.city).not.toBe('连云港市')
    const question = '创业担保贷款最高能贷多少？'
    const anyCity = await cached.chat({ question })
    const jingyuan = await cached.chat({ question, city: '泾源县' })
    expect(jingyuan.citations.every((c) => c.city === '泾源县')).toBe(true)
    expect(answerOf(jingyuan)).not.toEqual(answerOf(anyCity))
  })

  it('should judge validity against the day it answers', async () => {
    let today = new Date('2025-06-01T00:00:00Z')
    const index = await loadIndexFolder((await seedIndexDir()).indexDir, new HashingEmbeddings())
    const engine = new QaEngine(index, createJiebaSegmenter(), { clock: () => today })
    const question = '连云港的一次性扩岗补助现在还能申请吗？'
    const before = await engine.chat({ question })
    today = new Date('2026-11-23T00:00:00Z')
    const after = await engine.chat({ question })
    expect(before.citations[0].status).not.toBe('expired')
    expect(after.citations[0].status).toBe('expired')
  })
})
