import { describe, expect, it } from 'vitest'
import type { ChatResponse, Health } from '../schema/api.js'
import { EngineHolder, type Engine } from './engine-holder.js'

/** An engine that names itself in every answer; `chat` waits for `gate` when given. */
function fakeEngine(version: string, gate?: Promise<void>): Engine {
  const answer = (question: string): ChatResponse => ({
    answer: `${version}: ${question}`,
    citations: [],
    abstained: false,
    conversationId: 'c'.repeat(22),
  })
  const health: Health = { status: 'ok', indexVersion: version, documents: 1, clauses: 1 }
  return {
    chat: async ({ question }) => {
      await gate
      return answer(question)
    },
    search: async () => [],
    documents: () => [],
    document: () => undefined,
    clause: () => undefined,
    health: () => health,
  }
}

describe('EngineHolder', () => {
  describe('swap', () => {
    it('should send every later call to the new engine and return the old one', async () => {
      const old = fakeEngine('v1')
      const holder = new EngineHolder(old)
      expect(holder.swap(fakeEngine('v2'))).toBe(old)
      expect(holder.health().indexVersion).toBe('v2')
      expect((await holder.chat({ question: 'q' })).answer).toBe('v2: q')
    })

    it('should let a call in progress finish on the engine it started on', async () => {
      let open!: () => void
      const holder = new EngineHolder(fakeEngine('v1', new Promise<void>((r) => (open = r))))
      const inFlight = holder.chat({ question: 'slow' })
      holder.swap(fakeEngine('v2'))
      const after = await holder.chat({ question: 'fast' })
      open()
      expect((await inFlight).answer).toBe('v1: slow')
      expect(after.answer).toBe('v2: fast')
    })
  })

  describe('chatStream', () => {
    it('should stream from the engine in service when the call starts', async () => {
      const holder = new EngineHolder(fakeEngine('v1'))
      const stream = holder.chatStream({ question: 'q' })
      holder.swap(fakeEngine('v2'))
      const events = []
      for await (const event of stream) events.push(event)
      expect(events.at(-1)).toMatchObject({ type: 'done', response: { answer: 'v1: q' } })
    })
  })

  describe('current', () => {
    it('should be the engine in service', () => {
      const engine = fakeEngine('v1')
      expect(new EngineHolder(engine).current).toBe(engine)
    })
  })
})
