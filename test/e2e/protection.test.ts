/** Rate limit, load shedding, timeouts, CORS and security headers, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeClientAddress } from '../../src/adapters/node-client-address/index.js'
import type { ChatRequest, ChatResponse } from '../../src/schema/api.js'
import { createApp } from '../../src/server/app.js'
import { errorMessages } from '../../src/server/messages.js'
import { MemoryRateLimiter } from '../../src/server/middleware/rate-limit/index.js'
import type { PolicyCatalog, QaService } from '../../src/server/qa-service.js'
import { listen, type Listening } from '../support/listen.js'

const ALLOWED = 'https://rsj.example.gov.cn'
const OTHER = 'https://evil.example.com'
const LIMIT = 3

const catalog: PolicyCatalog = {
  documents: () => [],
  document: () => undefined,
  clause: () => undefined,
  health: () => ({ status: 'ok', indexVersion: 'test', documents: 0, clauses: 0 }),
}

/** Answers at once, except `slow` (waits for `release()`) and `hang` (never answers). */
function scriptedQa() {
  let release!: () => void
  let entered!: () => void
  const state = {
    slowEntered: new Promise<void>((resolve) => (entered = resolve)),
    release: () => release(),
  }
  const gate = new Promise<void>((resolve) => (release = resolve))
  const answer = (request: ChatRequest): ChatResponse => ({
    answer: `答：${request.question}`,
    citations: [],
    abstained: true,
    conversationId: 'c'.repeat(22),
  })
  const qa: QaService = {
    chat: async (request) => {
      if (request.question === 'slow') {
        entered()
        await gate
      }
      if (request.question === 'hang') await new Promise(() => {})
      return answer(request)
    },
    search: async () => [],
  }
  return { qa, state }
}

const servers: Listening[] = []
let limited: Listening
let shedding: Listening & { state: ReturnType<typeof scriptedQa>['state'] }
let timing: Listening
const logged: unknown[] = []

beforeAll(async () => {
  const log = ({ error }: { error: unknown }) => logged.push(error)
  limited = await listen(
    createApp({
      qa: scriptedQa().qa,
      catalog,
      log,
      corsOrigins: [ALLOWED],
      rateLimit: { limiter: new MemoryRateLimiter({ limitPerMinute: LIMIT }), keyOf: nodeClientAddress() },
    }).fetch
  )
  const scripted = scriptedQa()
  shedding = {
    ...(await listen(createApp({ qa: scripted.qa, catalog, log, maxConcurrentRequests: 1 }).fetch)),
    state: scripted.state,
  }
  timing = await listen(
    createApp({ qa: scriptedQa().qa, catalog, log, requestTimeoutMs: 300, corsOrigins: [ALLOWED] }).fetch
  )
  servers.push(limited, shedding, timing)
})

afterAll(() => Promise.all(servers.map((s) => s.close())))

function ask(base: string, question: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ question }),
  })
}

describe('protection over HTTP', () => {
  describe('rate limit', () => {
    it(`should answer 429 with Retry-After and a Chinese message after ${LIMIT} requests a minute`, async () => {
      for (let i = 0; i < LIMIT; i++) expect((await ask(limited.base, '补贴')).status).toBe(200)
      const res = await ask(limited.base, '补贴', { Origin: ALLOWED })
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
      expect(res.headers.get('X-Request-Id')).toBeTruthy()
      // A browser on an allowed page can read the refusal and its Retry-After.
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
      expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After')
      expect(await res.json()).toEqual({
        error: { code: 'RATE_LIMITED', message: errorMessages.RATE_LIMITED },
      })
    })

    it('should not limit /healthz', async () => {
      for (let i = 0; i < LIMIT + 2; i++) {
        expect((await fetch(`${limited.base}/healthz`)).status).toBe(200)
      }
    })
  })

  describe('concurrency cap', () => {
    it('should shed with 503 and Retry-After while the one slot is busy, then serve again', async () => {
      const slow = ask(shedding.base, 'slow')
      await shedding.state.slowEntered
      const shed = await ask(shedding.base, 'fast')
      expect(shed.status).toBe(503)
      expect(shed.headers.get('Retry-After')).toBe('1')
      expect((await shed.json()).error).toEqual({ code: 'OVERLOADED', message: errorMessages.OVERLOADED })
      shedding.state.release()
      expect((await slow).status).toBe(200)
      expect((await ask(shedding.base, 'fast')).status).toBe(200)
    })
  })

  describe('request timeout', () => {
    it('should answer 503 TIMEOUT when the answer takes too long, and log it', async () => {
      const started = Date.now()
      const res = await ask(timing.base, 'hang')
      expect(res.status).toBe(503)
      expect((await res.json()).error).toEqual({ code: 'TIMEOUT', message: errorMessages.TIMEOUT })
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(logged.length).toBeGreaterThan(0)
      expect((await ask(timing.base, 'fast')).status).toBe(200)
    })
  })

  describe('CORS', () => {
    it('should allow a listed origin, with Vary: Origin', async () => {
      const res = await fetch(`${timing.base}/api/docs`, { headers: { Origin: ALLOWED } })
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
      expect(res.headers.get('Vary')).toContain('Origin')
    })

    it('should answer a preflight from a listed origin', async () => {
      const res = await fetch(`${timing.base}/api/chat`, {
        method: 'OPTIONS',
        headers: {
          Origin: ALLOWED,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
      expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST')
      expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('content-type')
    })

    it('should not allow any other origin, on requests or preflights', async () => {
      const res = await fetch(`${timing.base}/api/docs`, { headers: { Origin: OTHER } })
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
      const preflight = await fetch(`${timing.base}/api/chat`, {
        method: 'OPTIONS',
        headers: { Origin: OTHER, 'Access-Control-Request-Method': 'POST' },
      })
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull()
    })

    it('should send no CORS headers when no origin is configured', async () => {
      const res = await fetch(`${shedding.base}/api/docs`, { headers: { Origin: ALLOWED } })
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    })
  })

  describe('security headers', () => {
    it.each([
      ['an answer', () => ask(timing.base, '补贴')],
      ['an error', () => fetch(`${timing.base}/api/nothing`)],
      ['a 413', () => ask(timing.base, 'x'.repeat(70_000))],
      ['/healthz', () => fetch(`${timing.base}/healthz`)],
    ])('should be on %s', async (_, request) => {
      const res = await request()
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
      expect(res.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/)
      expect(res.headers.get('X-Request-Id')).toBeTruthy()
      expect(res.headers.get('X-Powered-By')).toBeNull()
    })

    it('should forbid JSON answers from loading anything or being framed', async () => {
      const res = await ask(timing.base, '补贴')
      expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    })
  })

  describe('admin API without ADMIN_TOKEN', () => {
    it.each(['GET', 'POST'])('should not exist: %s /api/admin/reindex answers 404', async (method) => {
      const res = await fetch(`${timing.base}/api/admin/reindex`, {
        method,
        headers: { Authorization: 'Bearer abcdefghijklmnop1234' },
      })
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('NOT_FOUND')
    })
  })
})
