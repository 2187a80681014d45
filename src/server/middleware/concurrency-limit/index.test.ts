import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../errors.js'
import { concurrencyLimit } from './index.js'

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

function appWith(max: number, slow: Promise<void>) {
  const app = new Hono()
  app.use('*', concurrencyLimit({ max }))
  app.get('/slow', async (c) => {
    await slow
    return c.text('done')
  })
  app.get('/fast', (c) => c.text('done'))
  app.get('/fail', () => {
    throw new Error('boom')
  })
  app.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      await slow
      await stream.writeSSE({ data: 'x' })
    })
  )
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ code: err.code }, err.status)
    return c.text('failed', 500)
  })
  return app
}

describe('Concurrency Limit Middleware', () => {
  describe('at the cap', () => {
    it('should shed with 503 OVERLOADED and Retry-After instead of queueing', async () => {
      const { opened, open } = gate()
      const app = appWith(1, opened)
      const first = app.request('/slow')
      const shed = await app.request('/fast')
      expect(shed.status).toBe(503)
      expect(shed.headers.get('Retry-After')).toBe('1')
      expect(await shed.json()).toEqual({ code: 'OVERLOADED' })
      open()
      expect((await first).status).toBe(200)
      expect((await app.request('/fast')).status).toBe(200)
    })
  })

  describe('releasing a slot', () => {
    it('should release it when the handler fails', async () => {
      const app = appWith(1, Promise.resolve())
      expect((await app.request('/fail')).status).toBe(500)
      expect((await app.request('/fast')).status).toBe(200)
    })

    it('should hold it for a streamed response until the body ends', async () => {
      const { opened, open } = gate()
      const app = appWith(1, opened)
      const streamed = await app.request('/stream')
      expect(streamed.status).toBe(200)
      expect((await app.request('/fast')).status).toBe(503)
      open()
      expect(await streamed.text()).toContain('data: x')
      expect((await app.request('/fast')).status).toBe(200)
    })

    it('should release it when the client cancels a stream', async () => {
      const app = appWith(1, new Promise<void>(() => {}))
      const streamed = await app.request('/stream')
      await streamed.body!.cancel()
      expect((await app.request('/fast')).status).toBe(200)
    })
  })

  describe('options', () => {
    it('should refuse a max that is not a whole number of at least 1, naming it', () => {
      expect(() => concurrencyLimit({ max: 0 })).toThrow(/got 0/)
      expect(() => concurrencyLimit({ max: 1.5 })).toThrow(/got 1.5/)
    })
  })
})
