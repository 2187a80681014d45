import { serve, type ServerType } from '@hono/node-server'
import { Agent, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createError } from '../../src/errors.js'
import { ChatResponseSchema, ErrorResponseSchema, HealthSchema } from '../../src/schema/api.js'
import { createApp } from '../../src/server/app.js'
import type { QaService } from '../../src/server/qa-service.js'
import { createSeedApp } from '../support/seed-app.js'
import { parseSse } from './sse.js'
import { swaggerUiAssets } from '../../src/adapters/swagger-ui/index.js'

const QUESTION = '连云港对招用高校毕业生的企业有什么补贴？'
const HAN = /\p{Script=Han}/u
const KIB = 1024

/** Starts `fetch` on 127.0.0.1 at a free port. */
async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  return new Promise<{ server: ServerType; base: string }>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({ server, base: `http://127.0.0.1:${info.port}` })
    })
  })
}

function close(server: ServerType | undefined) {
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
}

let server: ServerType
let base: string
/** An app whose core always fails, to see errors after an SSE stream has started. */
let failingServer: ServerType
let failingBase: string

beforeAll(async () => {
  const { qa, catalog } = await createSeedApp()
  const app = createApp({ qa, catalog, staticAssets: swaggerUiAssets() })
  ;({ server, base } = await listen(app.fetch))
  const failing: QaService = {
    chat: async () => {
      throw createError('INDEX_MISSING', '/srv/index')
    },
    search: async () => {
      throw new Error('boom')
    },
  }
  const failingApp = createApp({ qa: failing, catalog, log: () => {} })
  ;({ server: failingServer, base: failingBase } = await listen(failingApp.fetch))
}, 180_000)

afterAll(async () => {
  await Promise.all([close(server), close(failingServer)])
})

function postJson(path: string, body: unknown, root = base) {
  return fetch(`${root}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(res.headers.get('X-Request-Id')).toBeTruthy()
  const { error } = ErrorResponseSchema.parse(await res.json())
  expect(error.code).toBe(code)
  expect(error.message).toMatch(HAN)
}

/** Sends `total` bytes with Transfer-Encoding: chunked (no Content-Length) and returns the response. */
function postChunked(path: string, total: number, chunkSize = 4 * KIB, agent?: Agent) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const url = new URL(path, base)
      const req = httpRequest(url, {
        agent,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      })
      req.on('response', (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      // The server may answer 413 and close before every chunk is written; that is the point.
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err)
      })
      const chunk = '['.repeat(chunkSize)
      let sent = 0
      const writeMore = () => {
        while (sent < total) {
          sent += chunkSize
          if (!req.write(chunk)) return req.once('drain', writeMore)
        }
        req.end()
      }
      writeMore()
    }
  )
}

describe('HTTP server', () => {
  describe('POST /api/chat', () => {
    it('should answer with citations over HTTP', async () => {
      const res = await postJson('/api/chat', { question: QUESTION })
      expect(res.status).toBe(200)
      expect(res.headers.get('X-Request-Id')).toBeTruthy()
      const body = ChatResponseSchema.parse(await res.json())
      expect(body.citations.length).toBeGreaterThan(0)
      for (const citation of body.citations) {
        for (const field of ['city', 'docKey', 'path', 'label', 'quote', 'validity'] as const) {
          expect(citation[field].length, field).toBeGreaterThan(0)
        }
      }
    })
  })

  describe('POST /api/chat/stream', () => {
    it('should stream delta events, then citations, then done', async () => {
      const res = await postJson('/api/chat/stream', { question: QUESTION })
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
      expect(res.headers.get('Cache-Control')).toBe('no-cache')
      expect(res.headers.get('X-Request-Id')).toBeTruthy()
      // Read the body as it arrives, the way a browser does.
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
      let text = ''
      for (let part = await reader.read(); !part.done; part = await reader.read())
        text += part.value
      const events = parseSse(text)
      const names = events.map((e) => e.event)
      expect(names.at(-2)).toBe('citations')
      expect(names.at(-1)).toBe('done')
      expect(names.slice(0, -2).every((n) => n === 'delta')).toBe(true)
      expect(names.length).toBeGreaterThan(2)
      const meta = JSON.parse(events.at(-2)!.data)
      expect(meta.abstained).toBe(false)
      expect(meta.citations.length).toBeGreaterThan(0)
      expect(typeof meta.conversationId).toBe('string')
    })

    it('should send an error event when the core fails after the stream started', async () => {
      const res = await postJson('/api/chat/stream', { question: QUESTION }, failingBase)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toContain('/srv/index')
      const events = parseSse(text)
      expect(events.map((e) => e.event)).toEqual(['error'])
      const data = JSON.parse(events[0]!.data)
      expect(Object.keys(data).sort()).toEqual(['code', 'message'])
      expect(data.message).toMatch(HAN)
    })

    it('should refuse invalid input with 400 JSON before streaming', async () => {
      await expectError(
        await postJson('/api/chat/stream', { question: '   ' }),
        400,
        'INVALID_INPUT'
      )
    })
  })

  describe('errors', () => {
    it('should answer 400 for invalid input', async () => {
      await expectError(
        await postJson('/api/search', { query: '贷款', k: 99 }),
        400,
        'INVALID_INPUT'
      )
    })

    it('should answer 400 for malformed JSON', async () => {
      await expectError(await postJson('/api/chat', '{"question":'), 400, 'INVALID_JSON')
    })

    it('should answer 413 for a body over 64 KiB with a Content-Length', async () => {
      await expectError(await postJson('/api/chat', 'x'.repeat(65 * KIB)), 413, 'PAYLOAD_TOO_LARGE')
    })

    it('should answer 413 for a chunked body over 64 KiB', async () => {
      const res = await postChunked('/api/chat', 256 * KIB)
      expect(res.status).toBe(413)
      expect(res.headers['x-request-id']).toBeTruthy()
      expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE')
    })

    it('should read a chunked body under the limit', async () => {
      const res = await postChunked('/api/chat', 8 * KIB)
      expect(res.status).toBe(400)
      expect(JSON.parse(res.body).error.code).toBe('INVALID_JSON')
    })

    it('should close the connection after a 413, so a kept-alive client is not left hanging', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      try {
        const refused = await postChunked('/api/chat', 256 * KIB, 4 * KIB, agent)
        expect(refused.status).toBe(413)
        expect(refused.headers.connection).toBe('close')
        const next = await postChunked('/api/chat', 8 * KIB, 4 * KIB, agent)
        expect(next.status).toBe(400)
      } finally {
        agent.destroy()
      }
    }, 20_000)

    it('should answer 415 for a body that is not JSON', async () => {
      const res = await fetch(`${base}/api/chat`, { method: 'POST', body: 'question=问' })
      await expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE')
    })

    it('should answer 404 JSON for an unknown route', async () => {
      await expectError(await fetch(`${base}/wp-login.php`), 404, 'NOT_FOUND')
    })

    it('should answer 500 with a Chinese message and no details when the core fails', async () => {
      const res = await postJson('/api/search', { query: '贷款' }, failingBase)
      const text = await res.clone().text()
      expect(text).not.toContain('boom')
      await expectError(res, 500, 'INTERNAL_ERROR')
    })
  })

  describe('GET /healthz', () => {
    it('should report the index', async () => {
      const res = await fetch(`${base}/healthz`)
      expect(res.status).toBe(200)
      HealthSchema.parse(await res.json())
    })
  })

  describe('GET /openapi.json and /docs', () => {
    it('should serve the OpenAPI document listing the routes', async () => {
      const doc = await (await fetch(`${base}/openapi.json`)).json()
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/chat',
          '/api/chat/stream',
          '/api/search',
          '/api/docs',
          '/api/docs/{docKey}',
          '/api/clause',
          '/healthz',
        ])
      )
    })

    it('should serve the Swagger UI page and the real swagger-ui-dist files', async () => {
      const page = await fetch(`${base}/docs`)
      expect(page.status).toBe(200)
      const html = await page.text()
      const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!)
      expect(assets.length).toBeGreaterThanOrEqual(3)
      for (const asset of assets) {
        expect(asset.startsWith('/docs/assets/'), asset).toBe(true)
        const res = await fetch(`${base}${asset}`)
        expect(res.status, asset).toBe(200)
        expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(0)
      }
      const bundle = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`)
      expect(bundle.headers.get('Content-Type')).toMatch(/^text\/javascript/)
      expect(await bundle.text()).toContain('SwaggerUIBundle')
      const css = await fetch(`${base}/docs/assets/swagger-ui.css`)
      expect(css.headers.get('Content-Type')).toMatch(/^text\/css/)
    })

    it('should not serve other files of the package', async () => {
      await expectError(await fetch(`${base}/docs/assets/package.json`), 404, 'NOT_FOUND')
      await expectError(await fetch(`${base}/docs/assets/..%2F..%2Fpackage.json`), 404, 'NOT_FOUND')
    })
  })

  describe('X-Request-Id', () => {
    it('should echo a sane incoming id and replace an unsafe one', async () => {
      const kept = await fetch(`${base}/healthz`, { headers: { 'X-Request-Id': 'edge-1234' } })
      expect(kept.headers.get('X-Request-Id')).toBe('edge-1234')
      const replaced = await fetch(`${base}/healthz`, { headers: { 'X-Request-Id': 'a b' } })
      expect(replaced.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
    })
  })
})
