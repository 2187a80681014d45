import { beforeAll, describe, expect, it } from 'vitest'
import { createSeedApp } from '../../test/support/seed-app.js'
import { parseSse } from '../../test/e2e/sse.js'
import { createError } from '../errors.js'
import {
  ChatResponseSchema,
  ClauseDetailSchema,
  DocumentDetailSchema,
  ErrorResponseSchema,
  HealthSchema,
  SearchResponseSchema,
} from '../schema/api.js'
import { createApp, type AppDeps } from './app.js'
import type { ErrorLogEntry } from './errors.js'
import type { PolicyCatalog, QaService } from './qa-service.js'
import { DocumentListSchema } from './routes/catalog.js'
import { StreamCitationsSchema } from './routes/chat-stream.js'
import { seededRandom } from '../../bench/random.js'

const QUESTION = '连云港对招用高校毕业生的企业有什么补贴？'
const INTERNAL_MESSAGE = '服务暂时不可用，请稍后再试'
const HAN = /\p{Script=Han}/u
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const CONVERSATION_ID = /^[A-Za-z0-9_-]{16,64}$/
const KIB = 1024

type App = ReturnType<typeof createApp>
let app: App
let qa: QaService
let catalog: PolicyCatalog

beforeAll(async () => {
  ;({ app, qa, catalog } = await createSeedApp())
}, 180_000)

async function post(
  target: App,
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
) {
  return target.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** Asserts the one error shape and returns it. */
async function expectError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(res.headers.get('X-Request-Id')).toBeTruthy()
  const body = ErrorResponseSchema.parse(await res.json())
  if (code) expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(HAN)
  return body.error
}

/** An app over the seed engine with some deps replaced. */
function appWith(deps: Partial<AppDeps>): App {
  return createApp({ qa, catalog, ...deps })
}

/** A QaService whose every call fails with `error`. */
function failingQa(error: unknown): QaService {
  return {
    chat: async () => {
      throw error
    },
    search: async () => {
      throw error
    },
  }
}

describe('POST /api/chat', () => {
  it('should answer with citations carrying city, docKey, path, label, quote and validity', async () => {
    const res = await post(app, '/api/chat', { question: QUESTION })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const body = ChatResponseSchema.parse(await res.json())
    expect(body.answer.length).toBeGreaterThan(0)
    expect(body.abstained).toBe(false)
    expect(body.citations.length).toBeGreaterThan(0)
    for (const citation of body.citations) {
      for (const field of ['city', 'docKey', 'path', 'label', 'quote', 'validity'] as const) {
        expect(citation[field].length, field).toBeGreaterThan(0)
      }
    }
  })

  it('should keep the conversation the server started when the client sends its id back', async () => {
    const first = ChatResponseSchema.parse(
      await (await post(app, '/api/chat', { question: QUESTION })).json()
    )
    expect(first.conversationId).toMatch(CONVERSATION_ID)
    const res = await post(app, '/api/chat', {
      question: '这个补贴到什么时候截止？',
      conversationId: first.conversationId,
    })
    expect((await res.json()).conversationId).toBe(first.conversationId)
  })

  it.each([
    ['too short', 'abc'],
    ['with spaces', 'conversation id with spaces'],
    ['with non-ASCII', '会话会话会话会话会话会话会话会话'],
    ['a path', '../../etc/passwd/aaaaaaaa'],
  ])('should replace a conversationId that is %s with a new random one', async (_, sent) => {
    const res = await post(app, '/api/chat', { question: QUESTION, conversationId: sent })
    expect(res.status).toBe(200)
    const { conversationId } = await res.json()
    expect(conversationId).not.toBe(sent)
    expect(conversationId).toMatch(CONVERSATION_ID)
  })

  it('should start a new conversation with a new id each time', async () => {
    const [a, b] = await Promise.all([
      post(app, '/api/chat', { question: QUESTION }).then((r) => r.json()),
      post(app, '/api/chat', { question: QUESTION }).then((r) => r.json()),
    ])
    expect(a.conversationId).toMatch(CONVERSATION_ID)
    expect(b.conversationId).toMatch(CONVERSATION_ID)
    expect(a.conversationId).not.toBe(b.conversationId)
  })

  describe('what qa.chat receives', () => {
    function recordingApp(newConversationId?: () => string) {
      const seen: Parameters<QaService['chat']>[0][] = []
      const recording = appWith({
        qa: {
          chat: (request) => (seen.push(request), qa.chat(request)),
          search: (r) => qa.search(r),
        },
        newConversationId,
      })
      return { recording, seen }
    }

    it('should be the validated request with a conversationId from newConversationId', async () => {
      const { recording, seen } = recordingApp(() => 'generated-id-000001')
      const history = [
        { role: 'user', content: '常州有什么政策？' },
        { role: 'assistant', content: '常州市有创业补贴。' },
      ]
      await post(recording, '/api/chat', { question: `  ${QUESTION}  `, history, city: '连云港市' })
      expect(seen).toEqual([
        { question: QUESTION, history, city: '连云港市', conversationId: 'generated-id-000001' },
      ])
    })

    it('should carry a well-formed conversationId the client sent, unchanged', async () => {
      const { recording, seen } = recordingApp(() => 'generated-id-000001')
      await post(recording, '/api/chat', {
        question: QUESTION,
        conversationId: 'client-conversation_0001',
      })
      await post(recording, '/api/chat/stream', {
        question: QUESTION,
        conversationId: 'client-conversation_0002',
      }).then((r) => r.text())
      expect(seen.map((r) => r.conversationId)).toEqual([
        'client-conversation_0001',
        'client-conversation_0002',
      ])
    })

    it('should carry a random UUID when the client sent a malformed one and no generator is given', async () => {
      const { recording, seen } = recordingApp()
      await post(recording, '/api/chat', { question: QUESTION, conversationId: 'short' })
      expect(seen[0]!.conversationId).toMatch(UUID)
    })
  })

  it('should answer a question the documents do not cover without an error', async () => {
    const res = await post(app, '/api/chat', { question: '北京市的个人所得税怎么申报？' })
    expect(res.status).toBe(200)
    const body = ChatResponseSchema.parse(await res.json())
    expect(typeof body.abstained).toBe('boolean')
  })
})

describe('POST /api/chat/stream', () => {
  it('should send delta events, then one citations event, then done', async () => {
    const res = await post(app, '/api/chat/stream', { question: QUESTION })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
    expect(res.headers.get('X-Request-Id')).toBeTruthy()
    const events = parseSse(await res.text())
    const names = events.map((e) => e.event)
    expect(names.length).toBeGreaterThanOrEqual(3)
    expect(names.slice(-2)).toEqual(['citations', 'done'])
    expect(names.slice(0, -2).every((name) => name === 'delta')).toBe(true)
    expect(names.filter((name) => name === 'delta').length).toBeGreaterThan(0)
  })

  it('should split the same answer /api/chat gives into sentences, each data a JSON {text}', async () => {
    const [streamed, whole] = await Promise.all([
      post(app, '/api/chat/stream', { question: QUESTION }).then((r) => r.text()),
      post(app, '/api/chat', { question: QUESTION }).then((r) => r.json()),
    ])
    const deltas = parseSse(streamed)
      .filter((e) => e.event === 'delta')
      .map((e) => JSON.parse(e.data))
    for (const delta of deltas) {
      expect(Object.keys(delta)).toEqual(['text'])
      expect(delta.text.length).toBeGreaterThan(0)
    }
    expect(deltas.map((d) => d.text).join('')).toBe(whole.answer)
  })

  it('should send citations, abstained, conversationId and rewrittenQuery in the citations event', async () => {
    const first = await (await post(app, '/api/chat', { question: QUESTION })).json()
    const conversationId: string = first.conversationId
    const res = await post(app, '/api/chat/stream', {
      question: '这个补贴到什么时候截止？',
      conversationId,
    })
    const citations = parseSse(await res.text()).find((e) => e.event === 'citations')
    const data = JSON.parse(citations!.data)
    expect(Object.keys(data).sort()).toEqual(
      expect.arrayContaining(['abstained', 'citations', 'conversationId'])
    )
    expect(
      Object.keys(data).every((k) =>
        ['citations', 'abstained', 'conversationId', 'rewrittenQuery'].includes(k)
      )
    ).toBe(true)
    expect(data.conversationId).toBe(conversationId)
    const parsed = StreamCitationsSchema.parse(data)
    if (!parsed.abstained) expect(parsed.citations.length).toBeGreaterThan(0)
    if ('rewrittenQuery' in data) expect(typeof data.rewrittenQuery).toBe('string')
  })

  it('should generate a conversationId when none is sent', async () => {
    const res = await post(app, '/api/chat/stream', { question: QUESTION })
    const citations = parseSse(await res.text()).find((e) => e.event === 'citations')
    expect(JSON.parse(citations!.data).conversationId).toMatch(CONVERSATION_ID)
  })

  it('should send data on the done event, since EventSource drops events without data', async () => {
    const res = await post(app, '/api/chat/stream', { question: QUESTION })
    expect(parseSse(await res.text()).at(-1)).toEqual({ event: 'done', data: '{}' })
  })

  describe('when the core fails after the stream started', () => {
    it('should send one error event with a code and a Chinese message, and log it', async () => {
      const logged: ErrorLogEntry[] = []
      const failing = appWith({
        qa: failingQa(new Error('boom at /srv/secret/index.ts:12')),
        log: (entry) => logged.push(entry),
      })
      const res = await post(failing, '/api/chat/stream', { question: QUESTION })
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toContain('boom')
      expect(text).not.toContain('/srv/secret')
      const events = parseSse(text)
      expect(events.map((e) => e.event)).toEqual(['error'])
      expect(JSON.parse(events[0]!.data)).toEqual({
        code: 'INTERNAL_ERROR',
        message: INTERNAL_MESSAGE,
      })
      expect(logged).toHaveLength(1)
      expect(logged[0]!.requestId).toBe(res.headers.get('X-Request-Id'))
    })

    it('should map a QaError through the code table', async () => {
      const failing = appWith({
        qa: failingQa(createError('INDEX_MISSING', '/data/index')),
        log: () => {},
      })
      const res = await post(failing, '/api/chat/stream', { question: QUESTION })
      const events = parseSse(await res.text())
      expect(events.map((e) => e.event)).toEqual(['error'])
      const data = JSON.parse(events[0]!.data)
      expect(data.code).toBe('SERVICE_UNAVAILABLE')
      expect(data.message).toMatch(HAN)
    })
  })

  describe('invalid input', () => {
    it('should be refused with a 400 JSON error before the stream starts', async () => {
      const res = await post(app, '/api/chat/stream', { question: '' })
      await expectError(res, 400, 'INVALID_INPUT')
    })

    it('should refuse malformed JSON, other content types and large bodies as /api/chat does', async () => {
      await expectError(await post(app, '/api/chat/stream', '{"question":'), 400, 'INVALID_JSON')
      await expectError(
        await post(app, '/api/chat/stream', 'question=a', { 'Content-Type': 'text/plain' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE'
      )
      await expectError(
        await post(app, '/api/chat/stream', { question: 'a', pad: 'x'.repeat(65 * KIB) }),
        413,
        'PAYLOAD_TOO_LARGE'
      )
    })
  })
})

describe('POST /api/search', () => {
  it('should return at most k results, best first, in the SearchResponse shape', async () => {
    const res = await post(app, '/api/search', { query: '创业担保贷款额度', k: 3 })
    expect(res.status).toBe(200)
    const { results } = SearchResponseSchema.parse(await res.json())
    expect(results.length).toBeGreaterThan(0)
    expect(results.length).toBeLessThanOrEqual(3)
    const scores = results.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('should return at most 5 results by default', async () => {
    const res = await post(app, '/api/search', { query: '创业担保贷款额度' })
    const { results } = SearchResponseSchema.parse(await res.json())
    expect(results.length).toBeLessThanOrEqual(5)
  })
})

describe('invalid input', () => {
  const long = 'x'.repeat(501)
  const turns = Array.from({ length: 21 }, () => ({ role: 'user', content: '问' }))
  it.each([
    ['/api/chat', 'an empty question', { question: '' }, '问题不能为空'],
    ['/api/chat', 'a blank question', { question: ' \n\t　' }, '问题不能为空'],
    ['/api/chat', 'a question over 500 characters', { question: long }, '问题不能超过 500 个字符'],
    ['/api/chat', 'a question that is a number', { question: 42 }, '问题必须是文本'],
    ['/api/chat', 'no question', {}, '问题必须是文本'],
    [
      '/api/chat',
      'a bad history role',
      { question: '问', history: [{ role: 'system', content: 'x' }] },
      'role 只能是 user 或 assistant',
    ],
    [
      '/api/chat',
      'history that is not an array',
      { question: '问', history: 'x' },
      'history 必须是对话数组',
    ],
    [
      '/api/chat',
      'too many history turns',
      { question: '问', history: turns },
      'history 最多 20 轮',
    ],
    [
      '/api/chat',
      'a history turn over 2000 characters',
      { question: '问', history: [{ role: 'user', content: 'x'.repeat(2001) }] },
      '每轮对话不能超过 2000 个字符',
    ],
    ['/api/chat', 'a body that is null', null, '请求内容必须是 JSON 对象'],
    ['/api/chat', 'a body that is an array', [{ question: '问' }], '请求内容必须是 JSON 对象'],
    ['/api/chat', 'a body that is a string', '"问题"', '请求内容必须是 JSON 对象'],
    ['/api/chat/stream', 'a blank question', { question: '   ' }, '问题不能为空'],
    ['/api/search', 'an empty query', { query: '' }, '问题不能为空'],
    ['/api/search', 'k of 0', { query: '贷款', k: 0 }, 'k 最小为 1'],
    ['/api/search', 'k over 20', { query: '贷款', k: 21 }, 'k 最大为 20'],
    ['/api/search', 'k not an integer', { query: '贷款', k: 1.5 }, 'k 必须是整数'],
    ['/api/search', 'k as a string', { query: '贷款', k: '5' }, 'k 必须是数字'],
  ])('%s: should answer 400 for %s with the schema’s message', async (path, _, body, message) => {
    const error = await expectError(await post(app, path, body), 400, 'INVALID_INPUT')
    expect(error.message).toBe(message)
  })

  it.each([
    ['a conversationId of the wrong type', { question: '问', conversationId: 7 }, 'conversationId'],
    [
      'a conversationId over 64 characters',
      { question: '问', conversationId: 'a'.repeat(65) },
      'conversationId',
    ],
    ['a city of the wrong type', { question: '问', city: ['常州'] }, 'city'],
  ])('should answer 400 in Chinese, naming the field, for %s', async (_, body, field) => {
    const error = await expectError(await post(app, '/api/chat', body), 400, 'INVALID_INPUT')
    expect(error.message).toContain(field)
  })

  it.each([
    ['truncated', '{"question": "问'],
    ['empty', ''],
    ['single-quoted', "{'question': '问'}"],
    ['trailing comma', '{"question": "问",}'],
  ])('should answer 400 INVALID_JSON for %s JSON', async (_, body) => {
    await expectError(await post(app, '/api/chat', body), 400, 'INVALID_JSON')
  })

  it('should answer 400, not 500, for deeply nested JSON', async () => {
    const depth = 20_000
    const body = `{"question":"问","history":${'['.repeat(depth)}${']'.repeat(depth)}}`
    expect(body.length).toBeLessThan(64 * KIB)
    await expectError(await post(app, '/api/chat', body), 400, 'INVALID_INPUT')
  })

  it('should not be fooled by a __proto__ key', async () => {
    const res = await post(app, '/api/chat', '{"__proto__":{"question":"问"}}')
    await expectError(res, 400, 'INVALID_INPUT')
  })
})

describe('content type', () => {
  it.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['none', { 'Content-Type': '' }],
  ])('should answer 415 for %s on JSON routes', async (_, headers) => {
    for (const path of ['/api/chat', '/api/chat/stream', '/api/search']) {
      const res = await app.request(path, {
        method: 'POST',
        headers,
        body: JSON.stringify({ question: QUESTION, query: QUESTION }),
      })
      await expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE')
    }
  })

  it('should answer 415 for a POST without a Content-Type or body', async () => {
    await expectError(
      await app.request('/api/chat', { method: 'POST' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE'
    )
  })

  it('should accept JSON with a charset parameter', async () => {
    const res = await post(
      app,
      '/api/search',
      { query: '贷款' },
      { 'Content-Type': 'application/json; charset=utf-8' }
    )
    expect(res.status).toBe(200)
  })
})

describe('body size', () => {
  it('should answer 413 for a body over 64 KiB with a Content-Length', async () => {
    const body = JSON.stringify({ question: '问', pad: 'x'.repeat(64 * KIB) })
    await expectError(await post(app, '/api/chat', body), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('should close the connection after a 413, since the rest of the body was not read', async () => {
    const res = await post(app, '/api/chat', 'x'.repeat(65 * KIB))
    expect(res.headers.get('Connection')).toBe('close')
  })

  it('should answer 413 for a chunked body over 64 KiB without a Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(8 * KIB))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const request = new Request('http://localhost/api/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(request.headers.get('Content-Length')).toBeNull()
    await expectError(await app.request(request), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('should check the size before parsing: an oversized malformed body is 413, not 400', async () => {
    await expectError(await post(app, '/api/chat', '{'.repeat(65 * KIB)), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('should check the size before the content type', async () => {
    const res = await post(app, '/api/chat', 'x'.repeat(65 * KIB), { 'Content-Type': 'text/plain' })
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE')
  })

  it('should accept a body just under the limit and validate it', async () => {
    const body = JSON.stringify({ question: '问', pad: 'x'.repeat(60 * KIB) })
    const res = await post(app, '/api/chat', body)
    expect(res.status).toBe(200)
  })

  it('should honour maxBodyBytes', async () => {
    const small = appWith({ maxBodyBytes: 100 })
    await expectError(
      await post(small, '/api/search', { query: 'x'.repeat(200) }),
      413,
      'PAYLOAD_TOO_LARGE'
    )
  })
})

describe('GET /api/docs', () => {
  it('should list the documents on file', async () => {
    const res = await app.request('/api/docs')
    expect(res.status).toBe(200)
    const { documents } = DocumentListSchema.parse(await res.json())
    expect(documents.length).toBeGreaterThan(0)
    expect(new Set(documents.map((d) => d.docKey)).size).toBe(documents.length)
  })
})

describe('GET /api/docs/:docKey', () => {
  it('should return a document and its units', async () => {
    const docKey = catalog.documents()[0]!.docKey
    const res = await app.request(`/api/docs/${docKey}`)
    expect(res.status).toBe(200)
    const detail = DocumentDetailSchema.parse(await res.json())
    expect(detail.document.docKey).toBe(docKey)
    expect(detail.units.length).toBeGreaterThan(0)
  })

  it.each([
    'no-such-document',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    '%E5%B8%B8%E5%B7%9E',
    '..%2F..%2Fetc%2Fpasswd',
    '%ZZ',
  ])('should answer 404 DOC_NOT_FOUND for %s', async (docKey) => {
    await expectError(await app.request(`/api/docs/${docKey}`), 404, 'DOC_NOT_FOUND')
  })
})

describe('GET /api/clause', () => {
  it('should return a unit with its citation', async () => {
    const docKey = catalog.documents()[0]!.docKey
    const path = (await catalog.document(docKey))!.units[0]!.path
    const res = await app.request(`/api/clause?${new URLSearchParams({ docKey, path })}`)
    expect(res.status).toBe(200)
    const detail = ClauseDetailSchema.parse(await res.json())
    expect(detail.citation).toMatchObject({ docKey, path })
  })

  it.each([
    ['no parameters', '', '缺少参数 docKey'],
    ['no path', 'docKey=changzhou', '缺少参数 path'],
    ['no docKey', 'path=%E4%BA%8C', '缺少参数 docKey'],
    ['a blank docKey', 'docKey=%20&path=%E4%BA%8C', '参数 docKey 不能为空'],
    ['a repeated path', 'docKey=changzhou&path=a&path=b', '参数 path 只能出现一次'],
  ])('should answer 400 for %s', async (_, query, message) => {
    const error = await expectError(await app.request(`/api/clause?${query}`), 400, 'INVALID_INPUT')
    expect(error.message).toBe(message)
  })

  it.each([
    ['an unknown path', { docKey: 'changzhou', path: '九十九/（九）' }],
    ['an unknown document', { docKey: 'no-such-document', path: '一' }],
    ['a prototype key', { docKey: '__proto__', path: 'constructor' }],
  ])('should answer 404 CLAUSE_NOT_FOUND for %s', async (_, params) => {
    const res = await app.request(`/api/clause?${new URLSearchParams(params)}`)
    await expectError(res, 404, 'CLAUSE_NOT_FOUND')
  })

  it('should not answer 500 for a malformed percent-encoding', async () => {
    const res = await app.request('/api/clause?docKey=%ZZ&path=%E4%BA')
    expect(res.status).toBeLessThan(500)
  })
})

describe('GET /healthz', () => {
  it('should report the loaded index', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const health = HealthSchema.parse(await res.json())
    expect(health.documents).toBeGreaterThan(0)
    expect(health.clauses).toBeGreaterThan(0)
  })

  it('should answer 503 when the catalog reports an index fault', async () => {
    const broken = appWith({
      catalog: {
        ...catalog,
        documents: () => catalog.documents(),
        document: (k) => catalog.document(k),
        clause: (k, p) => catalog.clause(k, p),
        health: () => {
          throw createError('INDEX_INVALID', '/data/index', 'bad manifest')
        },
      },
      log: () => {},
    })
    const error = await expectError(await broken.request('/healthz'), 503, 'SERVICE_UNAVAILABLE')
    expect(JSON.stringify(error)).not.toContain('/data/index')
  })
})

describe('GET /openapi.json', () => {
  it('should list every API route, generated from the zod routes', async () => {
    const res = await app.request('/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info.title).toMatch(HAN)
    expect(doc.paths['/api/chat'].post).toBeDefined()
    expect(doc.paths['/api/chat/stream'].post).toBeDefined()
    expect(doc.paths['/api/search'].post).toBeDefined()
    expect(doc.paths['/api/docs'].get).toBeDefined()
    expect(doc.paths['/api/docs/{docKey}'].get).toBeDefined()
    expect(doc.paths['/api/clause'].get).toBeDefined()
    expect(doc.paths['/healthz'].get).toBeDefined()
    expect(
      doc.paths['/api/chat/stream'].post.responses['200'].content['text/event-stream']
    ).toBeDefined()
    expect(
      doc.paths['/api/clause'].get.parameters.map((p: { name: string }) => p.name).sort()
    ).toEqual(['docKey', 'path'])
    for (const schema of [
      'ChatRequest',
      'ChatResponse',
      'Citation',
      'SearchRequest',
      'ErrorResponse',
      'Health',
    ]) {
      expect(doc.components.schemas[schema], schema).toBeDefined()
    }
  })

  it('should declare the error responses', async () => {
    const doc = await (await app.request('/openapi.json')).json()
    expect(Object.keys(doc.paths['/api/chat'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '500'])
    )
  })
})

describe('GET /docs', () => {
  const files: Record<string, string> = {
    'swagger-ui.css': '.swagger-ui{}',
    'swagger-ui-bundle.js': 'window.SwaggerUIBundle=function(){}',
    'favicon-32x32.png': 'PNG',
    'package.json': '{"secret":true}',
  }
  const asked: string[] = []
  const staticAssets = async (name: string) => {
    asked.push(name)
    return name in files ? new TextEncoder().encode(files[name]) : undefined
  }

  it('should serve the Swagger UI page, loading only local files', async () => {
    const res = await appWith({ staticAssets }).request('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<div id="swagger-ui">')
    expect(html).toContain('/docs/assets/swagger-ui.css')
    expect(html).toContain('/docs/assets/swagger-ui-bundle.js')
    expect(html).toContain('/docs/assets/swagger-initializer.js')
    expect(html).not.toMatch(/https?:\/\//)
  })

  it.each([
    ['swagger-ui.css', /^text\/css/],
    ['swagger-ui-bundle.js', /^text\/javascript/],
    ['favicon-32x32.png', /^image\/png/],
  ])('should serve %s from staticAssets', async (name, contentType) => {
    const res = await appWith({ staticAssets }).request(`/docs/assets/${name}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(contentType)
    expect(await res.text()).toBe(files[name])
  })

  it('should serve an initializer pointing the UI at /openapi.json', async () => {
    const res = await appWith({ staticAssets }).request('/docs/assets/swagger-initializer.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/)
    const script = await res.text()
    expect(script).toContain('SwaggerUIBundle(')
    expect(script).toContain('"/openapi.json"')
  })

  it.each([
    'package.json',
    'index.html',
    '..%2Fpackage.json',
    '%2E%2E',
    'swagger-ui.js.map',
    'nope.css',
  ])('should answer 404 for %s without asking staticAssets', async (name) => {
    asked.length = 0
    await expectError(
      await appWith({ staticAssets }).request(`/docs/assets/${name}`),
      404,
      'NOT_FOUND'
    )
    expect(asked).toEqual([])
  })

  it('should answer 404 for a listed file staticAssets does not have', async () => {
    await expectError(
      await appWith({ staticAssets }).request('/docs/assets/favicon-16x16.png'),
      404,
      'NOT_FOUND'
    )
  })

  it('should not exist without staticAssets', async () => {
    await expectError(await app.request('/docs'), 404, 'NOT_FOUND')
  })
})

describe('errors', () => {
  it.each([
    ['an unknown route', 'GET', '/nope'],
    ['an unknown API route', 'GET', '/api/nope'],
    ['a wrong method', 'GET', '/api/chat'],
    ['a wrong method on a GET route', 'DELETE', '/api/docs'],
  ])('should answer 404 JSON for %s', async (_, method, path) => {
    await expectError(await app.request(path, { method }), 404, 'NOT_FOUND')
  })

  it('should answer an unexpected failure with 500, a Chinese message and no stack, and log it', async () => {
    const logged: ErrorLogEntry[] = []
    const failing = appWith({
      qa: failingQa(
        new TypeError("Cannot read properties of undefined (reading 'x') at /srv/a.ts:1")
      ),
      log: (entry) => logged.push(entry),
    })
    for (const path of ['/api/chat', '/api/search']) {
      const res = await post(failing, path, { question: QUESTION, query: QUESTION })
      const text = await res.clone().text()
      expect(text).not.toMatch(/TypeError|\/srv|at /)
      const error = await expectError(res, 500, 'INTERNAL_ERROR')
      expect(error.message).toBe(INTERNAL_MESSAGE)
      expect(logged.at(-1)!.requestId).toBe(res.headers.get('X-Request-Id'))
    }
  })

  it('should map a QaError from the core through the code table', async () => {
    const failing = appWith({ qa: failingQa(createError('DOC_NOT_FOUND', 'x')) })
    await expectError(await post(failing, '/api/search', { query: '贷款' }), 404, 'DOC_NOT_FOUND')
  })
})

describe('X-Request-Id', () => {
  it.each([
    ['a JSON answer', () => app.request('/healthz')],
    ['a 400', () => post(app, '/api/chat', { question: '' })],
    ['a 404', () => app.request('/nope')],
    ['a 413', () => post(app, '/api/chat', 'x'.repeat(65 * KIB))],
    ['a 415', () => app.request('/api/chat', { method: 'POST', body: 'x' })],
    ['an SSE stream', () => post(app, '/api/chat/stream', { question: QUESTION })],
    ['the OpenAPI document', () => app.request('/openapi.json')],
  ])('should be set on %s', async (_, send) => {
    const res = await send()
    expect(res.headers.get('X-Request-Id')).toMatch(UUID)
  })

  it('should be set on a 500', async () => {
    const failing = appWith({ qa: failingQa(new Error('x')), log: () => {} })
    const res = await post(failing, '/api/search', { query: '贷款' })
    expect(res.status).toBe(500)
    expect(res.headers.get('X-Request-Id')).toMatch(UUID)
  })

  it('should echo a sane incoming id', async () => {
    const res = await app.request('/healthz', { headers: { 'X-Request-Id': 'gateway-7f3a.42' } })
    expect(res.headers.get('X-Request-Id')).toBe('gateway-7f3a.42')
  })

  it('should replace an incoming id that is not sane', async () => {
    const res = await app.request('/healthz', { headers: { 'X-Request-Id': 'id with "quotes"' } })
    expect(res.headers.get('X-Request-Id')).toMatch(UUID)
  })
})

describe('awkward text', () => {
  it.each([
    ['a NUL character', '补贴\u0000是多少'],
    ['a lone surrogate', '补贴\ud800'],
    ['emoji up to the limit', '😀'.repeat(250)],
    ['regular-expression characters', '.*+?^${}()|[]\\ 补贴'],
    ['one long token', 'a'.repeat(500)],
    ['markup', '<script>alert(1)</script>'],
    ['right-to-left text', '\u202e补贴\u202c'],
    ['only punctuation', '？？？！！！'],
  ])('should answer %s without a server error on every POST route', async (_, text) => {
    for (const path of ['/api/chat', '/api/chat/stream', '/api/search']) {
      const res = await post(app, path, { question: text, query: text })
      expect(res.status, path).toBeLessThan(500)
      const body = await res.text()
      if (path === '/api/chat/stream') expect(body, path).not.toContain('event: error')
    }
  })
})

describe('with generated test data', () => {
  const random = seededRandom(7)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const strings = [
    '',
    ' ',
    '问',
    '创业担保贷款',
    'x'.repeat(501),
    '\u0000',
    '\ud800',
    '😀',
    '<script>',
    '%s%n',
  ]
  const leaves = [null, true, false, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, ...strings]
  function value(depth: number): unknown {
    const roll = random()
    if (depth > 3 || roll < 0.5) return pick(leaves)
    if (roll < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1))
    const keys = [
      'question',
      'query',
      'history',
      'role',
      'content',
      'k',
      'city',
      'conversationId',
      '__proto__',
    ]
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 5) }, () => [pick(keys), value(depth + 1)])
    )
  }
  const bodies = Array.from({ length: 60 }, () => JSON.stringify(value(0)) ?? 'null')

  it('should never answer 500 to any JSON body on any POST route', async () => {
    for (const path of ['/api/chat', '/api/chat/stream', '/api/search']) {
      for (const body of bodies) {
        const res = await post(app, path, body)
        expect(res.status, `${path} ${body}`).toBeLessThan(500)
        const text = await res.text()
        if (res.status >= 400)
          expect(() => ErrorResponseSchema.parse(JSON.parse(text))).not.toThrow()
        if (path === '/api/chat/stream' && res.status === 200)
          expect(text).not.toContain('event: error')
      }
    }
  }, 120_000)
})
