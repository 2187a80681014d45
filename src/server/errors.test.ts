import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { createError, errorTemplates, type QaErrorCode } from '../errors.js'
import type { AppEnv } from './env.js'
import {
  ApiError,
  describeError,
  errorHandler,
  notFoundHandler,
  type ErrorLogEntry,
} from './errors.js'
import { errorMessages } from './messages.js'

const HAN = /\p{Script=Han}/u

describe('ApiError', () => {
  it('should carry its code, status and the Chinese message from messages.ts', () => {
    const err = new ApiError('PAYLOAD_TOO_LARGE')
    expect(err).toBeInstanceOf(HTTPException)
    expect(err.status).toBe(413)
    expect(err.code).toBe('PAYLOAD_TOO_LARGE')
    expect(err.message).toBe(errorMessages.PAYLOAD_TOO_LARGE)
  })

  it('should take a message of its own', () => {
    expect(new ApiError('INVALID_INPUT', { message: '问题不能为空' }).message).toBe('问题不能为空')
  })
})

describe('describeError', () => {
  const logged: ErrorLogEntry[] = []
  const log = (entry: ErrorLogEntry) => logged.push(entry)

  it('should map an ApiError to its status and code without logging', () => {
    logged.length = 0
    expect(describeError(new ApiError('NOT_FOUND'), 'r1', log)).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: errorMessages.NOT_FOUND } },
    })
    expect(logged).toEqual([])
  })

  it.each([
    [413, 'PAYLOAD_TOO_LARGE'],
    [415, 'UNSUPPORTED_MEDIA_TYPE'],
    [400, 'BAD_REQUEST'],
    [405, 'METHOD_NOT_ALLOWED'],
  ] as const)(
    'should give Hono’s HTTPException %i a code and a Chinese message',
    (status, code) => {
      const { status: mapped, body } = describeError(
        new HTTPException(status, { message: 'English text' }),
        'r',
        log
      )
      expect(mapped).toBe(status)
      expect(body.error.code).toBe(code)
      expect(body.error.message).toMatch(HAN)
    }
  )

  it('should keep the headers of an HTTPException’s response but not its body', () => {
    const res = new Response('Not allowed', {
      status: 405,
      headers: { Allow: 'GET', 'Content-Type': 'text/plain' },
    })
    const { headers, body } = describeError(new HTTPException(405, { res }), 'r', log)
    expect(headers).toEqual([['allow', 'GET']])
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED')
  })

  it('should map every QaError code to a status and a Chinese message', () => {
    for (const code of Object.keys(errorTemplates) as QaErrorCode[]) {
      const { status, body } = describeError(createError(code, '/secret/index', 'x'), 'r', log)
      expect(status).toBeGreaterThanOrEqual(400)
      expect(body.error.message).toMatch(HAN)
      expect(JSON.stringify(body)).not.toContain('/secret/index')
    }
  })

  it('should answer 404 for unknown documents and clauses and 503 for a missing index', () => {
    expect(describeError(createError('DOC_NOT_FOUND', 'x'), 'r', log).status).toBe(404)
    expect(describeError(createError('CLAUSE_NOT_FOUND', 'x', 'y'), 'r', log).status).toBe(404)
    expect(describeError(createError('INDEX_MISSING', '/data'), 'r', log)).toMatchObject({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE' } },
    })
  })

  it('should log anything else with the request id and answer a plain 500', () => {
    logged.length = 0
    const err = new TypeError('Cannot read properties of undefined (at /srv/app.js:1:1)')
    const { status, body } = describeError(err, 'req-42', log)
    expect(status).toBe(500)
    expect(body).toEqual({
      error: { code: 'INTERNAL_ERROR', message: '服务暂时不可用，请稍后再试' },
    })
    expect(logged).toEqual([{ requestId: 'req-42', status: 500, error: err }])
  })

  it('should treat an HTTPException with a 5xx status as internal', () => {
    logged.length = 0
    expect(describeError(new HTTPException(502), 'r', log).body.error.code).toBe('INTERNAL_ERROR')
    expect(logged).toHaveLength(1)
  })

  it('should answer 500 for a thrown non-Error', () => {
    expect(describeError('a string', 'r', log).status).toBe(500)
  })
})

describe('errorHandler', () => {
  it('should build the JSON response, keeping headers already set', async () => {
    const app = new Hono<AppEnv>()
    app.use('*', async (c, next) => {
      c.set('requestId', 'rid-1')
      c.header('X-Request-Id', 'rid-1')
      await next()
    })
    app.get('/', () => {
      throw new Error('secret stack')
    })
    const logged: ErrorLogEntry[] = []
    const onError = errorHandler({ log: (entry) => logged.push(entry) })
    app.onError(onError)
    app.notFound(notFoundHandler(onError))

    const res = await app.request('/')
    expect(res.status).toBe(500)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(res.headers.get('X-Request-Id')).toBe('rid-1')
    const text = await res.text()
    expect(text).not.toContain('secret')
    expect(JSON.parse(text)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: '服务暂时不可用，请稍后再试' },
    })
    expect(logged[0]?.requestId).toBe('rid-1')
  })
})

describe('notFoundHandler', () => {
  it('should answer 404 JSON through the error handler', async () => {
    const app = new Hono<AppEnv>()
    app.get('/only', (c) => c.text('ok'))
    const onError = errorHandler()
    app.onError(onError)
    app.notFound(notFoundHandler(onError))
    const res = await app.request('/missing')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: errorMessages.NOT_FOUND },
    })
  })
})
