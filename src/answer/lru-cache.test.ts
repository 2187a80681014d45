import { describe, expect, it } from 'vitest'
import { LruCache } from './lru-cache'

describe('LruCache', () => {
  it('should forget the least recently used entry first', () => {
    const cache = new LruCache<number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1) // a is now the most recent
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
    expect(cache.size).toBe(2)
  })

  it('should replace a value under the same key without growing', () => {
    const cache = new LruCache<string>(2)
    cache.set('a', 'old')
    cache.set('a', 'new')
    expect(cache.get('a')).toBe('new')
    expect(cache.size).toBe(1)
  })

  it('should refuse a capacity below 1', () => {
    expect(() => new LruCache(0)).toThrow(/capacity must be an integer ≥ 1, got 0/)
  })
})
