import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../../env.js'
import { requestId } from '../request-id/index.js'
import { accessLog, UNMATCHED_ROUTE, type AccessLogEntry } from './index.js'

function appLogging() {
  const entries: AccessLogEntry[] = []
  let clock = 0
  const app = new Hono<AppEnv>()
  app.use('*', requestId({ generator: () => 'req-1' }))
  app.use('*', accessLog({ log: (entry) => entries.push(entry), now: () => (clock += 5) }))
  app.get('/api/docs/:docKey', (c) => c.json({ ok: true }))
  app.post('/api/chat', (c) => {
    c.set('answer', { abstained: true, citations: 0 })
    return c.json({})
  })
  app.get('/fail', () => {
    throw new Error('boom')
  })
  app.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ data: 'x' })
      c.set('answer', { abstained: false, citations: 3 })
    })
  )
  app.onError((_, c) => c.text('failed', 500))
  return { app, entries }
}

describe('Access Log Middleware', () => {
  describe('a plain response', () => {
    it('should log the route pattern, never the path, with status and latency', async () => {
      const { app, entries } = appLogging()
      await app.request('/api/docs/13812345678')
      expect(entries).toEqual([
        { requestId: 'req-1', method: 'GET', route: '/api/docs/:docKey', status: 200, latencyMs: 5 },
      ])
    })

    it('should add what a chat route answered', async () => {
      const { app, entries } = appLogging()
      await app.request('/api/chat', { method: 'POST' })
      expect(entries[0]).toMatchObject({ route: '/api/chat', abstained: true, citations: 0 })
    })

    it('should log failures with their final status', async () => {
      const { app, entries } = appLogging()
      await app.request('/fail')
      expect(entries[0]).toMatchObject({ route: '/fail', status: 500 })
    })

    it('should put every unmatched path under one label', async () => {
      const { app, entries } = appLogging()
      await app.request('/etc/passwd')
      await app.request('/api/nothing')
      expect(entries.map((e) => [e.route, e.status])).toEqual([
        [UNMATCHED_ROUTE, 404],
        [UNMATCHED_ROUTE, 404],
      ])
    })
  })

  describe('a streamed response', () => {
    it('should log once the stream has ended, with the answer', async () => {
      const { app, entries } = appLogging()
      const res = await app.request('/stream')
      expect(entries).toEqual([])
      await res.text()
      expect(entries).toHaveLength(1)
      expect(entries[0]).toMatchObject({ route: '/stream', status: 200, abstained: false, citations: 3 })
    })
  })
})
