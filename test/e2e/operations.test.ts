/** Access log and /metrics over real HTTP with the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import type { AccessLogEntry } from '../../src/server/middleware/access-log/index.js'
import { createSeedEngine } from '../support/seed-engine.js'
import { listen, type Listening } from '../support/listen.js'

const ANSWERED = '连云港对招用高校毕业生的企业有什么补贴？'
const NOT_ON_FILE = '火星移民有什么补贴？'

let served: Listening
const entries: AccessLogEntry[] = []

beforeAll(async () => {
  const engine = await createSeedEngine()
  const app = createApp({ qa: engine, catalog: engine, accessLog: (entry) => entries.push(entry) })
  served = await listen(app.fetch)
}, 180_000)

afterAll(() => served.close())

const ask = (path: string, question: string) =>
  fetch(`${served.base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ question }),
  })

describe('operations over HTTP', () => {
  describe('access log', () => {
    it('should log each request once, with the answer, and nothing the user typed', async () => {
      const plain = await ask('/api/chat', ANSWERED)
      const id = plain.headers.get('X-Request-Id')
      const body = await plain.json()
      await (await ask('/api/chat/stream', NOT_ON_FILE)).text()
      await (await fetch(`${served.base}/api/docs/changzhou`)).arrayBuffer()
      const chat = entries.find((e) => e.requestId === id)
      expect(chat).toMatchObject({
        method: 'POST',
        route: '/api/chat',
        status: 200,
        abstained: false,
        citations: body.citations.length,
      })
      expect(chat!.latencyMs).toBeGreaterThan(0)
      expect(entries.find((e) => e.route === '/api/chat/stream')).toMatchObject({ status: 200, abstained: true, citations: 0 })
      expect(entries.find((e) => e.route === '/api/docs/:docKey')).toMatchObject({ status: 200 })
      const logged = JSON.stringify(entries)
      expect(logged).not.toContain('连云港')
      expect(logged).not.toContain('changzhou')
    })
  })

  describe('GET /metrics', () => {
    it('should count requests, latency and abstentions in Prometheus format', async () => {
      const res = await fetch(`${served.base}/metrics`)
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8')
      const text = await res.text()
      expect(text).toMatch(/^http_requests_total\{method="POST",route="\/api\/chat",status="200"\} [1-9]/m)
      expect(text).toMatch(/^http_request_duration_seconds_count\{route="\/api\/chat"\} [1-9]/m)
      expect(text).toMatch(/^qa_answers_total\{abstained="true"\} [1-9]/m)
      expect(text).toMatch(/^qa_answers_total\{abstained="false"\} [1-9]/m)
      expect(text).toMatch(/^qa_model_fallbacks_total\{reason="error"\} 0$/m)
      expect(text).toMatch(/^qa_index_info\{index_version="[^"]+"\} 1$/m)
    })
  })
})
