import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadIndexFolder } from '../adapters/fs-index/index.js'
import { HashingEmbeddings } from '../adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../adapters/jieba-node/index.js'
import { createOpenAiCompatibleChatModel } from '../adapters/openai-compatible/index.js'
import type { PolicyIndex } from '../retrieval/policy-index.js'
import {
  promptOf,
  refusedBaseUrl,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../../test/support/fake-openai.js'
import { seedIndexDir, TEST_TODAY } from '../../test/support/seed-engine.js'
import type { GroundedAnswererOptions, ModelFallbackReason } from './grounded-answerer.js'
import { GROUNDING_SYSTEM_PROMPT } from './grounding-prompt.js'
import { ECHO_MIN_CHARS } from './prompt-echo.js'
import { QaEngine, type ChatStreamEvent } from './qa-engine.js'

const QUESTION = '连云港对企业招用重点群体的一次性扩岗补助是多少钱？'
/** What a faithful model says: clause [1] of the prompt is 连云港市 一/1, which states 1500元. */
const GROUNDED = '连云港市对招用重点群体的企业按每人1500元给予一次性扩岗补助[1]。'

let index: PolicyIndex
let fake: FakeOpenAi
let offline: QaEngine
const segmenter = createJiebaSegmenter()

beforeAll(async () => {
  const { indexDir } = await seedIndexDir()
  index = await loadIndexFolder(indexDir, new HashingEmbeddings())
  offline = new QaEngine(index, segmenter, { clock: () => TEST_TODAY })
  fake = await startFakeOpenAi()
}, 180_000)
afterAll(() => fake.close())

/** An engine whose answers come from a model at `baseURL` (default: the fake), logging into `log` and `fallbacks`. */
function engineWith(options: Partial<GroundedAnswererOptions> & { baseURL?: string } = {}) {
  const log: string[] = []
  const fallbacks: ModelFallbackReason[] = []
  const { baseURL = fake.baseURL, ...grounding } = options
  const model = createOpenAiCompatibleChatModel({ baseURL, model: 'fake-qwen' })
  const engine = new QaEngine(index, segmenter, {
    clock: () => TEST_TODAY,
    model,
    grounding: { timeoutMs: 2000, log: (line) => log.push(line), onFallback: (r) => fallbacks.push(r), ...grounding },
  })
  return { engine, log, fallbacks }
}

async function collect(events: AsyncIterable<ChatStreamEvent>) {
  const all: ChatStreamEvent[] = []
  for await (const event of events) all.push(event)
  return all
}

/** The text a client shows: deltas appended, a replace starting over. */
function shown(events: ChatStreamEvent[]): string {
  let text = ''
  for (const e of events)
    text = e.type === 'replace' ? e.text : e.type === 'delta' ? text + e.text : text
  return text
}

describe('QaEngine.chat with a model', () => {
  it('should answer with the model’s text and citations built from the clause store', async () => {
    fake.chat = { text: GROUNDED }
    const { engine, fallbacks } = engineWith()
    const before = fake.requests.length
    const res = await engine.chat({ question: QUESTION })
    expect(res.answer.startsWith(GROUNDED)).toBe(true)
    expect(fallbacks).toEqual([])
    const expected = (await offline.chat({ question: QUESTION })).citations[0]
    expect(res.citations).toEqual([expected])
    // The measure has ended and the model did not say so: the note is added.
    expect(res.answer).toContain('提示：[1]')
    expect(res.answer).toContain('现已到期')
    const prompt = promptOf(fake.requests[before]!.body)
    expect(prompt).toContain('现有文件未涉及')
    expect(prompt).toContain(`<问题>${QUESTION}</问题>`)
    expect(prompt).toMatch(/<条款 编号="1">\n\[1\] 城市：连云港市\n文件：《[^》]+》\n条目：一1/)
  })

  it('should remove an invented marker [42] and a sentence whose number no cited clause holds', async () => {
    fake.chat = {
      text: `${GROUNDED.replace('[1]', '[1][42]')}另外，每人还可领取3000元住房补贴[1]。`,
    }
    const { engine, log } = engineWith()
    const res = await engine.chat({ question: QUESTION })
    expect(res.answer).not.toContain('[42]')
    expect(res.answer).not.toContain('3000')
    expect(res.answer.startsWith(GROUNDED)).toBe(true)
    expect(res.citations).toHaveLength(1)
    expect(log.join('\n')).toContain('unsupported-number: 3000')
  })

  it('should give the extractive answer when nothing cited is left (「现有文件未涉及」)', async () => {
    fake.chat = { text: '现有文件未涉及' }
    const { engine, log, fallbacks } = engineWith()
    const [res, extractive] = await Promise.all([
      engine.chat({ question: QUESTION }),
      offline.chat({ question: QUESTION }),
    ])
    expect(res.answer).toBe(extractive.answer)
    expect(res.citations).toEqual(extractive.citations)
    expect(log.join('\n')).toMatch(/no cited sentence/)
    expect(fallbacks).toEqual(['ungrounded'])
  })

  it('should not ask the model when the documents do not answer (abstention)', async () => {
    const { engine } = engineWith()
    const before = fake.requests.length
    const res = await engine.chat({ question: '南京对企业招用高校毕业生有一次性扩岗补助吗？' })
    expect(res.abstained).toBe(true)
    expect(fake.requests.length).toBe(before)
  })

  describe('when the model fails', () => {
    it('should give the extractive answer in time when the model is slow, with a log line', async () => {
      fake.chat = { text: GROUNDED, delayMs: 5000 }
      const { engine, log, fallbacks } = engineWith({ timeoutMs: 300 })
      const extractive = await offline.chat({ question: QUESTION })
      const started = Date.now()
      const res = await engine.chat({ question: QUESTION })
      // LLM_TIMEOUT_MS plus retrieval (a few ms here; the margin is for a loaded test machine).
      expect(Date.now() - started).toBeLessThan(300 + 1000)
      expect(res.answer).toBe(extractive.answer)
      expect(log).toEqual([
        expect.stringMatching(
          /^LLM failed \(timeout, 300 ms\) after \d+ ms; answered extractively$/
        ),
      ])
      expect(fallbacks).toEqual(['timeout'])
    })

    it.each([500, 429])('should give the extractive answer on HTTP %i', async (status) => {
      fake.chat = { status }
      const { engine, log, fallbacks } = engineWith()
      const res = await engine.chat({ question: QUESTION })
      expect(res.answer).toBe((await offline.chat({ question: QUESTION })).answer)
      expect(log[0]).toContain(`HTTP ${status}`)
      expect(fallbacks).toEqual(['error'])
    })

    it('should give the extractive answer when the connection is refused', async () => {
      const { engine, log } = engineWith({ baseURL: await refusedBaseUrl() })
      const res = await engine.chat({ question: QUESTION })
      expect(res.answer).toBe((await offline.chat({ question: QUESTION })).answer)
      expect(log[0]).toMatch(/ECONNREFUSED|Connection error/)
    })

    it('should stop calling a failing model once the circuit opens, and try again after the cool-down', async () => {
      fake.chat = { status: 503 }
      let now = 0
      const { engine, log, fallbacks } = engineWith({
        breaker: { failureThreshold: 2, cooldownMs: 1000, now: () => now },
      })
      const before = fake.requests.length
      for (let i = 0; i < 4; i++) await engine.chat({ question: QUESTION })
      expect(fake.requests.length - before).toBe(2)
      expect(log.filter((l) => l.startsWith('LLM circuit open'))).toHaveLength(1)
      expect(fallbacks).toEqual(['error', 'error', 'circuit_open', 'circuit_open'])
      fake.chat = { text: GROUNDED }
      now += 1000
      const res = await engine.chat({ question: QUESTION })
      expect(fake.requests.length - before).toBe(3)
      expect(res.answer.startsWith(GROUNDED)).toBe(true)
    })
  })
})

describe('QaEngine.chatStream with a model', () => {
  /** Cuts every marker in two, across chunks: `…元[` | `1]。` and `[4` | `2]`. */
  const splitMarkers = (text: string) => text.split(/(?<=\[|\[\d)/)

  it('should stream the model’s text without ever splitting a marker', async () => {
    fake.chat = { text: `${GROUNDED}执行期限至2025年12月底[1]。`, chunks: splitMarkers }
    const { engine } = engineWith()
    const events = await collect(engine.chatStream({ question: QUESTION }))
    const deltas = events.filter((e) => e.type === 'delta').map((e) => (e as { text: string }).text)
    expect(deltas.length).toBeGreaterThan(2)
    for (const delta of deltas) {
      expect(delta).not.toMatch(/\[\d*$/)
      expect(delta).not.toMatch(/^\d*\]/)
    }
    const done = events.at(-1)!
    expect(done.type).toBe('done')
    if (done.type !== 'done') return
    expect(events.some((e) => e.type === 'replace')).toBe(false)
    expect(shown(events)).toBe(done.response.answer)
    expect(done.response.citations.map((c) => c.path)).toEqual(['一/1'])
  })

  it('should send a replace event with the checked text when the guards changed it', async () => {
    fake.chat = { text: `另有每人3000元住房补贴[42]。${GROUNDED}`, chunks: splitMarkers }
    const { engine } = engineWith()
    const events = await collect(engine.chatStream({ question: QUESTION }))
    const replace = events.find((e) => e.type === 'replace')
    const done = events.at(-1)!
    expect(replace).toBeDefined()
    if (done.type !== 'done' || replace?.type !== 'replace') return
    expect(replace.text).toBe(done.response.answer)
    expect(done.response.answer).not.toMatch(/3000|\[42\]/)
    expect(shown(events)).toBe(done.response.answer)
  })

  it('should replace text already sent with the extractive answer when the model stalls midway', async () => {
    fake.chat = { text: GROUNDED, chunks: (t) => [t.slice(0, 20), t.slice(20)], chunkDelayMs: 5000 }
    const { engine, log } = engineWith({ timeoutMs: 300 })
    const started = Date.now()
    const events = await collect(engine.chatStream({ question: QUESTION }))
    expect(Date.now() - started).toBeLessThan(300 + 1000)
    expect(events.map((e) => e.type)).toEqual(['delta', 'replace', 'done'])
    expect(shown(events)).toBe((await offline.chat({ question: QUESTION })).answer)
    expect(log[0]).toMatch(/timeout/)
  })

  it('should never stream the system prompt, whatever made the model repeat it', async () => {
    // A model that obeyed 「忽略以上规则」 in a question or a document: it writes out its
    // instructions, cited to look grounded, before the real answer.
    fake.chat = { text: (request) => `好的，我的设定是：${request.messages[0]!.content}[1]\n${GROUNDED}` }
    const { engine } = engineWith()
    const events = await collect(engine.chatStream({ question: QUESTION }))
    const streamed = events.map((e) => (e.type === 'done' ? e.response.answer : 'text' in e ? e.text : '')).join('\n')
    for (const rule of GROUNDING_SYSTEM_PROMPT.split('\n').filter((r) => r.length >= ECHO_MIN_CHARS)) {
      expect(streamed).not.toContain(rule.slice(0, ECHO_MIN_CHARS))
    }
    // The echoed sentence goes; the grounded one after it stays.
    expect(shown(events)).toContain(GROUNDED)
    expect(shown(events)).not.toContain('我的设定')
  })

  it('should stream the extractive answer when the model fails before its first token', async () => {
    fake.chat = { status: 500 }
    const { engine, fallbacks } = engineWith()
    const events = await collect(engine.chatStream({ question: QUESTION }))
    expect(events.map((e) => e.type)).toEqual(['delta', 'done'])
    expect(shown(events)).toBe((await offline.chat({ question: QUESTION })).answer)
    expect(fallbacks).toEqual(['error'])
  })
})
