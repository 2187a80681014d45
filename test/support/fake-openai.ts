/** @module A stand-in OpenAI-compatible server on 127.0.0.1: chat completions (plain and SSE streaming) and embeddings. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HashingEmbeddings } from '../../src/adapters/hashing-embeddings/index.js'

/** How the fake answers the next chat completion requests; change it between requests. */
export type FakeChatBehaviour = {
  /** The model's text, fixed or made from the request (its messages). Default `好的[1]。` */
  text?: string | ((request: ChatCompletionRequest) => string)
  /** Wait this long before sending anything (status line included), in ms. Default 0. */
  delayMs?: number
  /** Answer with this HTTP status and an OpenAI-style error body instead (500, 429…). */
  status?: number
  /**
   * How a streamed text is cut into `delta.content` pieces. Default: 3 characters each, which
   * splits `[12]` markers across chunks.
   */
  chunks?: (text: string) => string[]
  /** Wait between streamed chunks, in ms. Default 0. */
  chunkDelayMs?: number
}

export type FakeEmbeddingsBehaviour = {
  /** Length of the vectors returned. Default 64. */
  dimensions?: number
  /** Answer with this HTTP status instead. */
  status?: number
  /** Fail this many requests with 503 before answering again (exercises retries). Default 0. */
  failTimes?: number
}

export type ChatCompletionRequest = {
  model: string
  stream?: boolean
  temperature?: number
  messages: { role: string; content: string }[]
}

export type RecordedRequest = { path: string; body: any; authorization?: string }

export type FakeOpenAi = {
  /** `http://127.0.0.1:PORT/v1`, as LLM_BASE_URL / EMBEDDINGS_BASE_URL. */
  baseURL: string
  /** Every request received, in order. */
  requests: RecordedRequest[]
  chat: FakeChatBehaviour
  embeddings: FakeEmbeddingsBehaviour
  close(): Promise<void>
}

/**
 * Starts the fake on a free port of 127.0.0.1. It speaks the wire protocol the OpenAI client
 * uses: JSON `chat.completion` objects, `chat.completion.chunk` Server-Sent Events ending with
 * `data: [DONE]`, and `/embeddings` lists (base64 float32 when `encoding_format` asks for it).
 * Embedding vectors come from the local hashing embedding, so similar texts are near.
 *
 * @example
 * const fake = await startFakeOpenAi({ chat: { text: '……[1]。' } })
 * const model = createOpenAiCompatibleChatModel({ baseURL: fake.baseURL, model: 'fake' })
 */
export async function startFakeOpenAi(
  options: { chat?: FakeChatBehaviour; embeddings?: FakeEmbeddingsBehaviour } = {}
): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = []
  const fake: Omit<FakeOpenAi, 'close'> = {
    baseURL: '',
    requests,
    chat: options.chat ?? {},
    embeddings: options.embeddings ?? {},
  }
  const timers = new Set<NodeJS.Timeout>()
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve()
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })

  const server = createServer(async function fakeOpenAi(req, res) {
    const body = await readJson(req)
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({ path, body, authorization: req.headers.authorization })
    let closed = false
    res.on('close', () => (closed = true))
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const behaviour = fake.chat
      await sleep(behaviour.delayMs ?? 0)
      if (closed) return
      if (behaviour.status) return sendError(res, behaviour.status)
      const request = body as ChatCompletionRequest
      const text =
        typeof behaviour.text === 'function'
          ? behaviour.text(request)
          : (behaviour.text ?? '好的[1]。')
      if (!request.stream) return sendJson(res, 200, completion(request.model, text))
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      const pieces = (behaviour.chunks ?? everyThree)(text)
      for (const [i, piece] of pieces.entries()) {
        if (i > 0) await sleep(behaviour.chunkDelayMs ?? 0)
        if (closed) return
        res.write(
          `data: ${JSON.stringify(chunk(request.model, { ...(i === 0 ? { role: 'assistant' } : {}), content: piece }, null))}\n\n`
        )
      }
      res.write(`data: ${JSON.stringify(chunk(request.model, {}, 'stop'))}\n\n`)
      res.end('data: [DONE]\n\n')
      return
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      const behaviour = fake.embeddings
      if (behaviour.failTimes && behaviour.failTimes > 0) {
        behaviour.failTimes--
        return sendError(res, 503)
      }
      if (behaviour.status) return sendError(res, behaviour.status)
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input]
      const embedder = new HashingEmbeddings({ dimensions: behaviour.dimensions ?? 64 })
      const base64 = body.encoding_format === 'base64'
      return sendJson(res, 200, {
        object: 'list',
        model: body.model,
        data: inputs.map((text, index) => {
          const vector = embedder.embed(String(text))
          return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector }
        }),
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      })
    }
    sendError(res, 404)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  const close = async () => {
    for (const timer of timers) clearTimeout(timer)
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return Object.assign(fake, { close })
}

/** A base URL on 127.0.0.1 where nothing listens: connections are refused. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/v1`
}

/** The texts of the chat messages of a request, joined (to find the prompt's clauses). */
export function promptOf(request: ChatCompletionRequest): string {
  return request.messages.map((m) => m.content).join('\n')
}

function everyThree(text: string): string[] {
  const chars = [...text]
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += 3) pieces.push(chars.slice(i, i + 3).join(''))
  return pieces
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  }
}

function chunk(model: string, delta: object, finishReason: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  }
}

function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64')
}

async function readJson(req: IncomingMessage): Promise<any> {
  let text = ''
  for await (const part of req) text += part
  try {
    return text ? JSON.parse(text) : {}
  } catch {
    return {}
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

function sendError(res: ServerResponse, status: number): void {
  sendJson(res, status, {
    error: {
      message: `fake error ${status}`,
      type: status === 429 ? 'rate_limit_exceeded' : 'server_error',
      code: null,
    },
  })
}
