import { beforeAll, describe, expect, it } from 'vitest'
import { createSeedApp } from '../../test/support/seed-app.js'
import { ChatError, fetchBreadcrumb, streamChat, type AnswerMeta } from './chat-client.js'

const API = 'http://127.0.0.1:1'
const QUESTION = '常州市城镇调查失业率要控制在多少？'

/** The real app as the widget's fetch. */
let appFetch: typeof fetch

beforeAll(async () => {
  const { app } = await createSeedApp()
  appFetch = async (input, init) => app.fetch(new Request(input, init))
}, 180_000)

/** A fetch answering one fixed response, its body delivered in the given chunks. */
function fixedFetch(status: number, chunks: string[], contentType = 'text/event-stream'): typeof fetch {
  return async () => {
    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
        controller.close()
      },
    })
    return new Response(body, { status, headers: { 'Content-Type': contentType } })
  }
}

async function ask(doFetch: typeof fetch, signal = new AbortController().signal) {
  const deltas: string[] = []
  let meta: AnswerMeta | undefined
  const result = streamChat({
    api: API,
    body: { question: QUESTION },
    signal,
    fetch: doFetch,
    onDelta: (t) => deltas.push(t),
    onReplace: (t) => deltas.splice(0, deltas.length, t),
    onMeta: (m) => (meta = m),
  })
  return { result, deltas, meta: () => meta }
}

async function failure(promise: Promise<unknown>): Promise<ChatError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(ChatError)
  return err as ChatError
}

describe('streamChat', () => {
  it('should stream the real server’s answer sentence by sentence, then its citations', async () => {
    const { result, deltas, meta } = await ask(appFetch)
    await result
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toContain('城镇调查失业率控制在5%左右')
    expect(meta()?.citations[0]).toMatchObject({ city: '常州市', docKey: 'changzhou', path: '一' })
    expect(meta()?.conversationId).toBeTruthy()
  })

  it('should report a question the real server refuses as bad_request with its Chinese reason', async () => {
    const err = await failure(
      streamChat({ api: API, body: { question: '问'.repeat(501) }, signal: new AbortController().signal, fetch: appFetch, onDelta: () => {}, onReplace: () => {}, onMeta: () => {} })
    )
    expect(err.kind).toBe('bad_request')
    expect(err.serverMessage).toBe('问题不能超过 500 个字符')
  })

  it('should parse events and UTF-8 characters split anywhere across chunks', async () => {
    const body = 'event: delta\ndata: {"text":"根据"}\n\nevent: delta\ndata: {"text":"规定。[1]"}\n\n: ping\n\nevent: citations\ndata: {"citations":[],"abstained":false,"conversationId":"c1"}\n\nevent: done\ndata: {}\n\n'
    // One byte per chunk: every line end and every multi-byte character is split between chunks.
    const bytes = new TextEncoder().encode(body)
    const byteFetch: typeof fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const b of bytes) controller.enqueue(new Uint8Array([b]))
            controller.close()
          },
        }),
        { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } }
      )
    const { result, deltas, meta } = await ask(byteFetch)
    await result
    expect(deltas).toEqual(['根据', '规定。[1]'])
    expect(meta()?.conversationId).toBe('c1')
  })

  it('should let a replace event stand in for the text so far', async () => {
    const { result, deltas } = await ask(
      fixedFetch(200, [
        'event: delta\ndata: {"text":"模型写的。"}\n\nevent: replace\ndata: {"text":"核对后的。[1]"}\n\n',
        'event: delta\ndata: {"text":"接着写。"}\n\nevent: citations\ndata: {"citations":[],"abstained":false,"conversationId":"c"}\n\nevent: done\ndata: {}\n\n',
      ])
    )
    await result
    expect(deltas.join('')).toBe('核对后的。[1]接着写。')
  })

  it('should map 429 to rate_limited and 5xx to server', async () => {
    const json = JSON.stringify({ error: { code: 'RATE_LIMITED', message: '提问过于频繁' } })
    expect((await failure((await ask(fixedFetch(429, [json], 'application/json'))).result)).kind).toBe('rate_limited')
    expect((await failure((await ask(fixedFetch(503, ['{}'], 'application/json'))).result)).kind).toBe('server')
  })

  it('should refuse a 200 that is not an event stream', async () => {
    expect((await failure((await ask(fixedFetch(200, ['<html>'], 'text/html'))).result)).kind).toBe('server')
  })

  it('should report an error event with the server’s message', async () => {
    const { result } = await ask(fixedFetch(200, ['event: delta\ndata: {"text":"根据"}\n\nevent: error\ndata: {"code":"INTERNAL_ERROR","message":"服务暂时不可用"}\n\n']))
    const err = await failure(result)
    expect(err).toMatchObject({ kind: 'server', serverMessage: '服务暂时不可用', partial: true })
  })

  it('should report a stream that ends before done as a network failure', async () => {
    const { result } = await ask(fixedFetch(200, ['event: delta\ndata: {"text":"根据"}\n\n']))
    expect(await failure(result)).toMatchObject({ kind: 'network', partial: true })
  })

  it('should report a failed connection as network and a user stop as aborted', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch')
    }
    expect((await failure((await ask(down)).result)).kind).toBe('network')
    const controller = new AbortController()
    const hanging: typeof fetch = async (_input, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
    const { result } = await ask(hanging, controller.signal)
    controller.abort()
    expect((await failure(result)).kind).toBe('aborted')
  })

  it('should refuse citations of the wrong shape', async () => {
    const { result } = await ask(fixedFetch(200, ['event: citations\ndata: {"citations":[{"city":1}],"abstained":false,"conversationId":"c"}\n\n']))
    expect((await failure(result)).kind).toBe('server')
  })
})

describe('fetchBreadcrumb', () => {
  it('should read the breadcrumb of a clause from the real server', async () => {
    expect(await fetchBreadcrumb(API, { docKey: 'changzhou', path: '二/（一）/1' }, appFetch)).toBe(
      '二、主要任务 › （一） 进一步健全就业促进机制'
    )
  })

  it('should give undefined for an unknown clause or an unreachable server', async () => {
    expect(await fetchBreadcrumb(API, { docKey: 'changzhou', path: '九/9' }, appFetch)).toBeUndefined()
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch')
    }
    expect(await fetchBreadcrumb(API, { docKey: 'changzhou', path: '一' }, down)).toBeUndefined()
  })
})
