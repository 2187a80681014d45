import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../errors.js'
import { jsonOnly } from './index.js'

describe('JSON Only Middleware', () => {
  const app = new Hono()
  app.post('/', jsonOnly(), async (c) => c.json(await c.req.json()))
  app.post('/lenient', jsonOnly({ checkSyntax: false }), (c) => c.text('reached'))
  app.post('/strict', jsonOnly({ mediaType: /^application\/json\s*(?:;|$)/i }), (c) =>
    c.text('reached')
  )
  app.onError((err, c) =>
    err instanceof ApiError ? c.json({ code: err.code }, err.status) : c.text('unexpected', 500)
  )
  const post = (path: string, body: string, contentType?: string) =>
    app.request(path, {
      method: 'POST',
      body,
      headers: contentType ? { 'Content-Type': contentType } : {},
    })

  describe('JSON content types', () => {
    it.each([
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/merge-patch+json',
    ])('should pass %s through, with the body still readable', async (contentType) => {
      const res = await post('/', '{"a":1}', contentType)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ a: 1 })
    })
  })

  describe('other content types', () => {
    it.each([
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['a lookalike', 'application/jsonp'],
      ['none', undefined],
    ])('should throw UNSUPPORTED_MEDIA_TYPE (415) for %s', async (_, contentType) => {
      const res = await post('/', '{"a":1}', contentType)
      expect(res.status).toBe(415)
      expect(await res.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    })

    it('should accept what the mediaType option allows', async () => {
      expect((await post('/strict', '{}', 'application/json')).status).toBe(200)
      expect((await post('/strict', '{}', 'application/merge-patch+json')).status).toBe(415)
    })
  })

  describe('malformed JSON', () => {
    it.each([
      ['truncated', '{"a":'],
      ['empty', ''],
      ['not JSON', 'question=1'],
    ])('should throw INVALID_JSON (400) for a %s body', async (_, body) => {
      const res = await post('/', body, 'application/json')
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ code: 'INVALID_JSON' })
    })

    it('should not parse when checkSyntax is false', async () => {
      expect((await post('/lenient', '{', 'application/json')).status).toBe(200)
    })
  })
})
