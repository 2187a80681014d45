import { describe, expect, it } from 'vitest'
import { SessionStore, TRANSCRIPT_MAX_ENTRIES, type KeyValueStorage, type TranscriptEntry } from './session-store.js'

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  }
}

const citation = {
  city: '常州市',
  docKey: 'changzhou',
  docTitle: '实施意见',
  path: '一',
  label: '常州市《实施意见》一',
  quote: '工作目标',
  validity: '已到期',
  status: 'expired' as const,
}

describe('SessionStore', () => {
  it('should keep the conversation id under pqa:v1:{site}:conversationId', () => {
    const storage = memoryStorage()
    const store = new SessionStore('changzhou-rsj', () => storage)
    expect(store.conversationId).toBeUndefined()
    store.conversationId = 'c1'
    expect(storage.map.get('pqa:v1:changzhou-rsj:conversationId')).toBe('c1')
    expect(new SessionStore('changzhou-rsj', () => storage).conversationId).toBe('c1')
    expect(new SessionStore('other', () => storage).conversationId).toBeUndefined()
  })

  it('should keep the last transcript entries and drop malformed ones', () => {
    const storage = memoryStorage()
    const store = new SessionStore('s', () => storage)
    const entries: TranscriptEntry[] = Array.from({ length: TRANSCRIPT_MAX_ENTRIES + 4 }, (_, i) =>
      i % 2 ? { role: 'assistant', text: `答${i}`, citations: [citation], abstained: false } : { role: 'user', text: `问${i}` }
    )
    store.transcript = entries
    expect(store.transcript).toEqual(entries.slice(-TRANSCRIPT_MAX_ENTRIES))
    storage.map.set('pqa:v1:s:transcript', JSON.stringify([{ role: 'user', text: 'ok' }, { role: 'assistant', text: 'x', citations: [{}], abstained: false }, 5]))
    expect(store.transcript).toEqual([{ role: 'user', text: 'ok' }])
    storage.map.set('pqa:v1:s:transcript', '{not json')
    expect(store.transcript).toEqual([])
  })

  it('should forget the conversation on clear but keep the font choice', () => {
    const storage = memoryStorage()
    const store = new SessionStore('s', () => storage)
    store.conversationId = 'c1'
    store.transcript = [{ role: 'user', text: '问' }]
    store.largeFont = true
    store.clear()
    expect(store.conversationId).toBeUndefined()
    expect(store.transcript).toEqual([])
    expect(store.largeFont).toBe(true)
  })

  it('should work on without persistence when storage throws', () => {
    const throwing = () => {
      throw new DOMException('denied', 'SecurityError')
    }
    const store = new SessionStore('s', throwing)
    store.conversationId = 'c1'
    store.transcript = [{ role: 'user', text: '问' }]
    expect(store.conversationId).toBeUndefined()
    expect(store.transcript).toEqual([])
    expect(() => store.clear()).not.toThrow()
    const failingWrites = { ...memoryStorage(), setItem: () => throwing() }
    expect(() => (new SessionStore('s', () => failingWrites).conversationId = 'c1')).not.toThrow()
  })
})
