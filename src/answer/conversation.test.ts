import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadIndexFolder } from '../adapters/fs-index/index.js'
import { HashingEmbeddings } from '../adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../adapters/jieba-node/index.js'
import { SqliteConversationStore } from '../adapters/sqlite-conversations/index.js'
import { seedIndexDir, TEST_TODAY } from '../../test/support/seed-engine.js'
import { MemoryConversationStore } from './memory-conversation-store.js'
import { QaEngine, type QaEngineOptions } from './qa-engine.js'

let indexDir: string
beforeAll(async () => {
  ;({ indexDir } = await seedIndexDir())
})

async function engineWith(options: Partial<QaEngineOptions> = {}) {
  const index = await loadIndexFolder(indexDir, new HashingEmbeddings())
  return new QaEngine(index, createJiebaSegmenter(), { clock: () => TEST_TODAY, ...options })
}

/** Asks the questions in turn, passing only the conversation id; returns every answer. */
async function dialogue(engine: QaEngine, questions: string[]) {
  let conversationId: string | undefined
  const answers = []
  for (const question of questions) {
    const answer = await engine.chat({ question, conversationId })
    conversationId = answer.conversationId
    answers.push(answer)
  }
  return answers
}

describe('conversations remembered by id', () => {
  it('switches the city and keeps the topic: 「那常州呢？」', async () => {
    const [first, second] = await dialogue(await engineWith(), ['宜春对高校毕业生就业有什么支持？', '那常州呢？'])
    expect(first.citations[0].city).toBe('宜春市')
    expect(second.rewrittenQuery).toContain('高校毕业生')
    expect(second.citations.length).toBeGreaterThan(0)
    expect(second.citations.every((c) => c.city === '常州市')).toBe(true)
  })

  it('switches the year column of a table: 「2024年呢？」', async () => {
    const [first, second] = await dialogue(await engineWith(), ['扬州2023年普惠小微贷款新增多少？', '2024年呢？'])
    expect(first.citations[0].path).toMatch(/2023年度$/)
    expect(second.rewrittenQuery).not.toContain('2023')
    expect(second.citations[0].path).toMatch(/2024年度$/)
  })

  it('resolves a pronoun to the clause cited last: 「这个补贴到什么时候截止？」', async () => {
    const [first, second] = await dialogue(await engineWith(), [
      '连云港企业派人去外地招聘有补贴吗？',
      '这个补贴到什么时候截止？',
    ])
    expect(second.citations[0]).toMatchObject({ docKey: first.citations[0].docKey, path: first.citations[0].path })
  })

  it('keeps topic and city for an aspect: 「具体有哪些措施？」', async () => {
    const [, second] = await dialogue(await engineWith(), [
      '宜春对打零工、跑外卖这些灵活就业的人有专门的支持计划吗？',
      '具体有哪些措施？',
    ])
    expect(second.citations[0].city).toBe('宜春市')
    expect(second.rewrittenQuery).toContain('灵活就业')
  })

  it('does not carry the old topic into a new question that stands alone', async () => {
    const [, second] = await dialogue(await engineWith(), [
      '连云港对企业招用重点群体有一次性扩岗补助吗？',
      '泾源县对新认定的国家级孵化基地补助多少钱？',
    ])
    expect(second.rewrittenQuery).toBeUndefined()
    expect(second.citations[0].city).toBe('泾源县')
  })

  it('starts a new conversation with a fresh id for an unknown or malformed id', async () => {
    const engine = await engineWith()
    const unknown = await engine.chat({ question: '常州的就业目标是什么？', conversationId: 'unknown-but-well-formed-id' })
    expect(unknown.conversationId).not.toBe('unknown-but-well-formed-id')
    const malformed = await engine.chat({ question: '常州的就业目标是什么？', conversationId: '../../etc/passwd' })
    expect(malformed.conversationId).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
  })

  it('keeps a pinned id for a new conversation, so a server-derived key alone carries the follow-up', async () => {
    const engine = await engineWith()
    const key = 'wx-pinned-conversation-key-0001'
    const first = await engine.chat({ question: '连云港企业派人去外地招聘有补贴吗？', conversationId: key }, { pinConversationId: true })
    expect(first.conversationId).toBe(key)
    const second = await engine.chat({ question: '这个补贴到什么时候截止？', conversationId: key }, { pinConversationId: true })
    expect(second.conversationId).toBe(key)
    expect(second.citations[0]).toMatchObject({ docKey: first.citations[0].docKey, path: first.citations[0].path })
    const malformed = await engine.chat({ question: '常州的就业目标是什么？', conversationId: 'bad id' }, { pinConversationId: true })
    expect(malformed.conversationId).not.toBe('bad id')
  })

  it('forgets an expired conversation', async () => {
    let now = 0
    const engine = await engineWith({ conversations: new MemoryConversationStore({ ttlMs: 1000, now: () => now }) })
    const first = await engine.chat({ question: '连云港企业派人去外地招聘有补贴吗？' })
    now += 5000
    const second = await engine.chat({ question: '这个补贴到什么时候截止？', conversationId: first.conversationId })
    expect(second.conversationId).not.toBe(first.conversationId)
    expect(second.rewrittenQuery).toBeUndefined()
  })

  it('lets explicit history win over memory', async () => {
    const engine = await engineWith()
    const first = await engine.chat({ question: '宜春对高校毕业生就业有什么支持？' })
    const second = await engine.chat({
      question: '那常州呢？',
      conversationId: first.conversationId,
      history: [{ role: 'user', content: '泾源县对退役军人就业有什么支持？' }],
    })
    expect(second.rewrittenQuery).toContain('退役军人')
  })

  it('survives a restart with the SQLite store', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'conv-restart-')), 'conversations.db')
    const before = await engineWith({ conversations: new SqliteConversationStore(file) })
    const first = await before.chat({ question: '连云港企业派人去外地招聘有补贴吗？' })
    const after = await engineWith({ conversations: new SqliteConversationStore(file) })
    const second = await after.chat({ question: '这个补贴到什么时候截止？', conversationId: first.conversationId })
    expect(second.conversationId).toBe(first.conversationId)
    expect(second.citations[0]).toMatchObject({ docKey: first.citations[0].docKey, path: first.citations[0].path })
  })
})

describe('chains of follow-ups and small talk', () => {
  it('keeps the topic through a chain: 「那宜春呢？」 then 「具体怎么申请？」', async () => {
    const [, second, third] = await dialogue(await engineWith(), [
      '扬州对灵活就业人员有社保补贴吗？',
      '那宜春呢？',
      '具体怎么申请？',
    ])
    expect(second.citations.every((c) => c.city === '宜春市')).toBe(true)
    // The third turn is searched with the topic of the first, in the city of the second.
    expect(third.rewrittenQuery).toContain('灵活就业')
    expect(third.rewrittenQuery).toContain('宜春')
    expect(third.citations.length).toBeGreaterThan(0)
    expect(third.citations.every((c) => c.city === '宜春市')).toBe(true)
  })

  it('answers a year inside the document period (「2024年呢？」 of a 2021–2025 plan) instead of declining', async () => {
    const [, second] = await dialogue(await engineWith(), ['宜春对灵活就业人员有社保补贴吗？', '2024年呢？'])
    expect(second.abstained).toBe(false)
    expect(second.citations.every((c) => c.city === '宜春市')).toBe(true)
  })

  it('declines a year no document on file runs through', async () => {
    const [answer] = await dialogue(await engineWith(), ['宜春2030年对灵活就业人员有社保补贴吗？'])
    expect(answer.abstained).toBe(true)
    expect(answer.answer).toContain('2030')
  })

  it('greets without citing, and does not let 「谢谢」 become the topic of the next follow-up', async () => {
    const [hello, first, thanks, followUp] = await dialogue(await engineWith(), [
      '你好',
      '宜春对灵活就业人员有社保补贴吗？',
      '谢谢！',
      '那常州呢？',
    ])
    expect(hello.citations).toEqual([])
    expect(hello.answer).toMatch(/您好/)
    for (const city of ['扬州市', '常州市', '宜春市', '连云港市', '泾源县']) expect(hello.answer).toContain(city)
    expect(first.citations.length).toBeGreaterThan(0)
    expect(thanks.citations).toEqual([])
    expect(followUp.rewrittenQuery).toContain('灵活就业')
    expect(followUp.rewrittenQuery).toContain('常州')
  })
})
