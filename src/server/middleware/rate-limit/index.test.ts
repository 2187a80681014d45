import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../errors.js'
import { MemoryRateLimiter, rateLimit, type RateLimiter } from './index.js'

function appWith(limiter: RateLimiter) {
  const app = new Hono()
  app.use('*', rateLimit({ limiter, keyOf: (c) => c.req.header('X-Client') }))
  app.get('/', (c) => c.text('ok'))
  app.onError((err, c) =>
    err instanceof ApiError ? c.json({ code: err.code }, err.status) : c.text('unexpected', 500)
  )
  return app
}

const from = (client?: string): RequestInit => ({
  headers: client ? { 'X-Client': client } : {},
})

describe('Rate Limit Middleware', () => {
  describe('under the limit', () => {
    it('should let every request through', async () => {
      const app = appWith(new MemoryRateLimiter({ limitPerMinute: 3 }))
      for (let i = 0; i < 3; i++) expect((await app.request('/', from('a'))).status).toBe(200)
    })
  })

  describe('over the limit', () => {
    it('should answer 429 RATE_LIMITED with Retry-After', async () => {
      const app = appWith(new MemoryRateLimiter({ limitPerMinute: 3, now: () => 0 }))
      for (let i = 0; i < 3; i++) await app.request('/', from('a'))
      const res = await app.request('/', from('a'))
      expect(res.status).toBe(429)
      expect(await res.json()).toEqual({ code: 'RATE_LIMITED' })
      // One request every 20 s at 3 a minute.
      expect(res.headers.get('Retry-After')).toBe('20')
    })

    it('should count each key on its own', async () => {
      const app = appWith(new MemoryRateLimiter({ limitPerMinute: 1, now: () => 0 }))
      expect((await app.request('/', from('a'))).status).toBe(200)
      expect((await app.request('/', from('a'))).status).toBe(429)
      expect((await app.request('/', from('b'))).status).toBe(200)
    })

    it('should exempt requests without a key', async () => {
      const app = appWith(new MemoryRateLimiter({ limitPerMinute: 1, now: () => 0 }))
      for (let i = 0; i < 3; i++) expect((await app.request('/', from())).status).toBe(200)
    })

    it('should assume a minute when the limiter gives no Retry-After (the Workers binding)', async () => {
      const binding: RateLimiter = { limit: async () => ({ success: false }) }
      const res = await appWith(binding).request('/', from('a'))
      expect(res.status).toBe(429)
      expect(res.headers.get('Retry-After')).toBe('60')
    })
  })
})

describe('MemoryRateLimiter', () => {
  it('should refill continuously at the rate', async () => {
    let now = 0
    const limiter = new MemoryRateLimiter({ limitPerMinute: 60, now: () => now })
    for (let i = 0; i < 60; i++) expect((await limiter.limit({ key: 'a' })).success).toBe(true)
    expect(await limiter.limit({ key: 'a' })).toEqual({ success: false, retryAfterS: 1 })
    now += 1000
    expect((await limiter.limit({ key: 'a' })).success).toBe(true)
    expect((await limiter.limit({ key: 'a' })).success).toBe(false)
  })

  it('should forget the least recently used key beyond maxKeys, erring towards allowing', async () => {
    const limiter = new MemoryRateLimiter({ limitPerMinute: 1, maxKeys: 2, now: () => 0 })
    await limiter.limit({ key: 'a' })
    await limiter.limit({ key: 'b' })
    await limiter.limit({ key: 'c' })
    expect((await limiter.limit({ key: 'a' })).success).toBe(true)
    expect((await limiter.limit({ key: 'c' })).success).toBe(false)
  })

  it('should refuse a limit below 1, naming the value', () => {
    expect(() => new MemoryRateLimiter({ limitPerMinute: 0 })).toThrow(/at least 1, got 0/)
  })
})
