import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.js'

describe('RateLimiter.take', () => {
  it('allows a burst of `capacity`, then one more per refill interval, per key', () => {
    let now = 0
    const limiter = new RateLimiter({ capacity: 3, refillPerMinute: 6, now: () => now })
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false])
    expect(limiter.take('b')).toBe(true)
    now += 9_000
    expect(limiter.take('a')).toBe(false)
    now += 1_000
    expect(limiter.take('a')).toBe(true)
  })

  it('forgets the least recently used key beyond maxKeys', () => {
    const limiter = new RateLimiter({ capacity: 1, maxKeys: 2, now: () => 0 })
    expect(limiter.take('a')).toBe(true)
    expect(limiter.take('b')).toBe(true)
    expect(limiter.take('c')).toBe(true)
    expect(limiter.take('a')).toBe(true)
  })

  it('names a bad option', () => {
    expect(() => new RateLimiter({ capacity: 0 })).toThrow(/capacity/)
  })
})
