import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteConversationStore } from './index.js'
import { runConversationStoreContract } from '../../answer/conversation-store.contract.js'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'conv-')), 'conversations.db')

describe('SqliteConversationStore', () => {
  runConversationStoreContract({ create: (limits) => new SqliteConversationStore(tempFile(), limits) })

  it('keeps conversations across a reopen of the same file', async () => {
    const file = tempFile()
    const first = new SqliteConversationStore(file)
    await first.append('conversation-persist01', [{ role: 'user', content: '宜春有灵活就业支持吗？', at: 1 }])
    first.close()
    const second = new SqliteConversationStore(file)
    expect((await second.get('conversation-persist01'))?.[0].content).toBe('宜春有灵活就业支持吗？')
    second.close()
  })

  it('stores hostile ids as data, not SQL', async () => {
    const store = new SqliteConversationStore(tempFile())
    const id = "x'); DROP TABLE conversations; --"
    await store.append(id, [{ role: 'user', content: 'q', at: 1 }])
    expect((await store.get(id))?.length).toBe(1)
    store.close()
  })
})
