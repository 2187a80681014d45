import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { requestId } from './index.js'

describe('Request ID Middleware', () => {
  const app = new Hono<{ Variables: { requestId: string } }>()
  app.use('*', requestId())
  app.get('/', (c) => c.text(c.get('requestId')))
  app.get('/fail', () => {
    throw new Error('boom')
  })
  app.onError((_, c) => c.text('failed', 500))

  describe('without an incoming id', () => {
    it('should generate one and set it on the response and in the context', async () => {
      const res = await app.request('/')
      const id = res.headers.get('X-Request-Id')
      expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(await res.text()).toBe(id)
    })

    it('should generate a new one for each request', async () => {
      const [a, b] = await Promise.all([app.request('/'), app.request('/')])
      expect(a.headers.get('X-Request-Id')).not.toBe(b.headers.get('X-Request-Id'))
    })
  })

  describe('with an incoming id', () => {
    it('should echo a sane one', async () => {
      const res = await app.request('/', { headers: { 'X-Request-Id': 'trace-1234.abc:def=' } })
      expect(res.headers.get('X-Request-Id')).toBe('trace-1234.abc:def=')
    })

    it.each([
      ['too long', 'a'.repeat(65)],
      ['with spaces', 'id with spaces'],
      ['with markup', '<script>'],
      ['with Latin-1 letters', 'requête-1234'],
    ])('should replace one that is %s', async (_, incoming) => {
      const res = await app.request('/', { headers: { 'X-Request-Id': incoming } })
      expect(res.headers.get('X-Request-Id')).not.toBe(incoming)
      expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
    })
  })

  describe('when a later handler throws', () => {
    it('should still set the header on the error response', async () => {
      const res = await app.request('/fail')
      expect(res.status).toBe(500)
      expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
    })
  })

  describe('options', () => {
    it('should use the given header name, length limit and generator', async () => {
      const custom = new Hono<{ Variables: { requestId: string } }>()
      custom.use('*', requestId({ headerName: 'X-Trace', limitLength: 4, generator: () => 'new' }))
      custom.get('/', (c) => c.text(c.get('requestId')))
      const kept = await custom.request('/', { headers: { 'X-Trace': 'abcd' } })
      expect(kept.headers.get('X-Trace')).toBe('abcd')
      const replaced = await custom.request('/', { headers: { 'X-Trace': 'abcde' } })
      expect(replaced.headers.get('X-Trace')).toBe('new')
      expect(replaced.headers.get('X-Request-Id')).toBeNull()
    })
  })
})
