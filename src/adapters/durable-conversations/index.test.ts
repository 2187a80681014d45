import type { DurableObjectNamespace } from '@cloudflare/workers-types'
import { describe, expect, it } from 'vitest'
import { runConversationStoreContract } from '../../answer/conversation-store.contract'
import { createFakeDurableObjectNamespace } from '../../../test/support/fake-cloudflare'
import {
  ConversationObject,
  CONVERSATION_URL,
  DurableConversationStore,
  type ConversationNamespace,
} from './index'

const newNamespace = () =>
  createFakeDurableObjectNamespace((state) => new ConversationObject(state))

describe('DurableConversationStore', () => {
  runConversationStoreContract({
    create: (limits) => new DurableConversationStore(newNamespace(), limits),
  })

  it('should take the real namespace binding type', () => {
    const namespace: ConversationNamespace = {} as DurableObjectNamespace
    expect(namespace).toBeDefined()
  })

  it('should keep each conversation in its own object, by name', async () => {
    const namespace = newNamespace()
    const store = new DurableConversationStore(namespace)
    await store.append('conversation-one-aaaa', [
      { role: 'user', content: '常州的稳岗返还比例是多少？', at: 1 },
    ])
    await store.append('conversation-two-bbbb', [
      { role: 'user', content: '宜春有灵活就业支持吗？', at: 2 },
    ])
    expect(namespace.objectCount).toBe(2)
    expect(namespace.storageOf('conversation-one-aaaa')?.get('conversation')).toMatchObject({
      turns: [{ content: '常州的稳岗返还比例是多少？' }],
    })
  })

  it('should keep a conversation when its object is evicted and started again', async () => {
    const namespace = newNamespace()
    const store = new DurableConversationStore(namespace)
    await store.append('conversation-evicted', [
      { role: 'user', content: '连云港有扩岗补助吗？', at: 1 },
    ])
    namespace.evict('conversation-evicted')
    await store.append('conversation-evicted', [
      {
        role: 'assistant',
        content: '有。',
        citations: [{ docKey: 'lianyungang', path: '一/1' }],
        at: 2,
      },
    ])
    expect((await store.get('conversation-evicted'))?.map((t) => t.content)).toEqual([
      '连云港有扩岗补助吗？',
      '有。',
    ])
  })

  it('should let the alarm delete a conversation idle for its TTL', async () => {
    const namespace = newNamespace()
    const ttlMs = 60_000
    const lastAppend = Date.now() - 2 * ttlMs
    const store = new DurableConversationStore(namespace, { ttlMs, now: () => lastAppend })
    await store.append('conversation-idle-alarm', [{ role: 'user', content: 'q', at: lastAppend }])
    expect(namespace.alarmOf('conversation-idle-alarm')).toBe(lastAppend + ttlMs)
    expect(await namespace.runAlarms(Date.now())).toBe(1)
    expect(namespace.storageOf('conversation-idle-alarm')?.size).toBe(0)
  })

  it('should answer 400 to a malformed append and 405 to other methods', async () => {
    const stub = newNamespace().getByName('conversation-bad-input')
    const bad = await stub.fetch(CONVERSATION_URL, {
      method: 'POST',
      body: JSON.stringify({ turns: [{ role: 'robot' }] }),
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/^bad body: turns\.0\.role/)
    expect((await stub.fetch(CONVERSATION_URL, { method: 'DELETE' })).status).toBe(405)
  })

  it('should refuse a missing binding with a fix-it message', () => {
    expect(() => new DurableConversationStore(undefined as never)).toThrow(
      /new DurableConversationStore\(env\.CONVERSATIONS\)/
    )
  })
})
