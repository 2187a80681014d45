/** @module The behaviour every ConversationStore shares; each implementation's test runs it. */
import { describe, expect, it } from 'vitest'
import type { ConversationStore } from './conversation-store.js'
import type { ConversationLimits } from './memory-conversation-store.js'
import type { StoredTurn } from '../schema/conversation.js'

export interface ConversationStoreContract {
  /** A fresh store with these limits and clock. */
  create: (limits: Partial<ConversationLimits>) => ConversationStore | Promise<ConversationStore>
  skip?: { case: string; reason: string }[]
}

const turn = (role: StoredTurn['role'], content: string, at = 0): StoredTurn => ({ role, content, at })

export function runConversationStoreContract({ create, skip = [] }: ConversationStoreContract): void {
  const test = (name: string, fn: () => Promise<void>) =>
    skip.some((s) => s.case === name) ? it.skip(name, fn) : it(name, fn)

  describe('ConversationStore contract', () => {
    test('returns undefined for an unknown id', async () => {
      const store = await create({})
      expect(await store.get('unknown-conversation-id')).toBeUndefined()
    })

    test('keeps turns in order, with the citations of assistant turns', async () => {
      const store = await create({})
      await store.append('conversation-aaaaaaaa', [turn('user', '连云港有扩岗补助吗？')])
      await store.append('conversation-aaaaaaaa', [
        { role: 'assistant', content: '有。', citations: [{ docKey: 'lianyungang', path: '一/1' }], at: 1 },
      ])
      const turns = await store.get('conversation-aaaaaaaa')
      expect(turns?.map((t) => t.content)).toEqual(['连云港有扩岗补助吗？', '有。'])
      expect(turns?.[1].citations).toEqual([{ docKey: 'lianyungang', path: '一/1' }])
    })

    test('keeps only the most recent turns', async () => {
      const store = await create({ maxTurns: 4 })
      for (let i = 0; i < 6; i++) await store.append('conversation-bbbbbbbb', [turn('user', `q${i}`)])
      expect((await store.get('conversation-bbbbbbbb'))?.map((t) => t.content)).toEqual(['q2', 'q3', 'q4', 'q5'])
    })

    test('forgets a conversation idle longer than the TTL', async () => {
      let now = 1_000
      const store = await create({ ttlMs: 100, now: () => now })
      await store.append('conversation-cccccccc', [turn('user', 'q')])
      now += 50
      expect(await store.get('conversation-cccccccc')).toBeDefined()
      now += 200
      expect(await store.get('conversation-cccccccc')).toBeUndefined()
    })

    test('treats ids as opaque keys, even ones that look like paths', async () => {
      const store = await create({})
      await store.append('../../etc/passwd', [turn('user', 'q')])
      expect((await store.get('../../etc/passwd'))?.length).toBe(1)
      expect(await store.get('passwd')).toBeUndefined()
    })
  })
}
