import { describe, expect, it } from 'vitest'
import { MemoryConversationStore } from './memory-conversation-store.js'
import { runConversationStoreContract } from './conversation-store.contract.js'

describe('MemoryConversationStore', () => {
  runConversationStoreContract({ create: (limits) => new MemoryConversationStore(limits) })

  it('drops the least recently used conversation past its size bound', async () => {
    const store = new MemoryConversationStore({ maxConversations: 2 })
    await store.append('conversation-1111111', [{ role: 'user', content: 'a', at: 0 }])
    await store.append('conversation-2222222', [{ role: 'user', content: 'b', at: 0 }])
    await store.get('conversation-1111111')
    await store.append('conversation-1111111', [{ role: 'user', content: 'a2', at: 0 }])
    await store.append('conversation-3333333', [{ role: 'user', content: 'c', at: 0 }])
    expect(await store.get('conversation-2222222')).toBeUndefined()
    expect(await store.get('conversation-1111111')).toBeDefined()
  })

  it('refuses limits that cannot hold a question and its answer', () => {
    expect(() => new MemoryConversationStore({ maxTurns: 1 })).toThrow(/maxTurns/)
  })
})
