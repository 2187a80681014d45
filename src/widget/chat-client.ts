/** @module POST /api/chat/stream read with fetch + ReadableStream: SSE over POST, with typed failures. */
import type { Citation } from '../schema/api.js'
import { SseParser, type SseEvent } from './sse-parser.js'

/** What the `citations` event carries (see src/server/routes/chat-stream.ts). */
export type AnswerMeta = {
  citations: Citation[]
  abstained: boolean
  conversationId: string
  rewrittenQuery?: string
}

export type ChatRequestBody = { question: string; conversationId?: string; city?: string }

/**
 * Why a question got no (complete) answer. `network`: no response or the stream broke off;
 * `rate_limited`: 429; `bad_request`: the server refused the question (400, 413, 415);
 * `server`: 5xx, an unexpected response or an `error` event; `aborted`: the user stopped it.
 */
export type ChatFailure = 'network' | 'rate_limited' | 'bad_request' | 'server' | 'aborted'

export class ChatError extends Error {
  constructor(
    readonly kind: ChatFailure,
    /** The server's own (Chinese) message, when it sent one. */
    readonly serverMessage?: string,
    /** True when part of the answer had arrived before the failure. */
    readonly partial = false
  ) {
    super(`Chat failed: ${kind}${serverMessage ? ` (${serverMessage})` : ''}`)
    this.name = 'ChatError'
  }
}

export type StreamChatOptions = {
  /** Service root, e.g. `https://zxzx.rsj.example.gov.cn`. */
  api: string
  body: ChatRequestBody
  signal: AbortSignal
  onDelta: (text: string) => void
  /** The answer so far is replaced by `text` (the server's checks changed it); later deltas append. */
  onReplace: (text: string) => void
  onMeta: (meta: AnswerMeta) => void
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch
}

const BAD_REQUEST_STATUS = new Set([400, 413, 415, 422])

/**
 * Asks one question and streams the answer: resolves after `done`, rejects with a {@link ChatError}.
 * Never retries: a retry would ask again, so the user decides (重新发送).
 */
export async function streamChat(options: StreamChatOptions): Promise<void> {
  const { api, body, signal, onDelta, onReplace, onMeta } = options
  const doFetch = options.fetch ?? fetch
  let res: Response
  try {
    res = await doFetch(`${api}/api/chat/stream`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal,
    })
  } catch {
    throw new ChatError(signal.aborted ? 'aborted' : 'network')
  }
  if (!res.ok) throw new ChatError(failureOfStatus(res.status), await errorMessageOf(res))
  if (!res.body || !(res.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
    throw new ChatError('server')
  }

  const reader = res.body.getReader()
  const decoder = new TextDecoder('utf-8')
  const parser = new SseParser()
  let partial = false
  const handle = (event: SseEvent): boolean => {
    const data = parseJson(event.data)
    switch (event.event) {
      case 'delta':
        if (isRecord(data) && typeof data.text === 'string') {
          partial = true
          onDelta(data.text)
        }
        return false
      case 'replace':
        if (isRecord(data) && typeof data.text === 'string') {
          partial = data.text.length > 0
          onReplace(data.text)
        }
        return false
      case 'citations':
        if (!isMeta(data)) throw new ChatError('server', undefined, partial)
        onMeta(data)
        return false
      case 'done':
        return true
      case 'error': {
        const code = isRecord(data) && typeof data.code === 'string' ? data.code : ''
        const message = isRecord(data) && typeof data.message === 'string' ? data.message : undefined
        throw new ChatError(/RATE/i.test(code) ? 'rate_limited' : 'server', message, partial)
      }
      default:
        return false
    }
  }
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch {
        throw new ChatError(signal.aborted ? 'aborted' : 'network', undefined, partial)
      }
      const events = chunk.done
        ? parser.push(decoder.decode()).concat(parser.end())
        : parser.push(decoder.decode(chunk.value, { stream: true }))
      for (const event of events) if (handle(event)) return
      // The stream ended without `done`: the answer is incomplete.
      if (chunk.done) throw new ChatError(signal.aborted ? 'aborted' : 'network', undefined, partial)
    }
  } finally {
    reader.cancel().catch(() => {})
  }
}

function failureOfStatus(status: number): ChatFailure {
  if (status === 429) return 'rate_limited'
  if (BAD_REQUEST_STATUS.has(status)) return 'bad_request'
  return 'server'
}

/** The `{ error: { message } }` of a JSON error response, if any. */
async function errorMessageOf(res: Response): Promise<string | undefined> {
  try {
    const body: unknown = await res.json()
    const error = isRecord(body) ? body.error : undefined
    return isRecord(error) && typeof error.message === 'string' ? error.message : undefined
  } catch {
    return undefined
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const CITATION_FIELDS = ['city', 'docKey', 'docTitle', 'path', 'label', 'quote', 'validity', 'status'] as const

/** Checks the shape of a `citations` event before anything is rendered from it. */
export function isMeta(value: unknown): value is AnswerMeta {
  return (
    isRecord(value) &&
    typeof value.conversationId === 'string' &&
    typeof value.abstained === 'boolean' &&
    Array.isArray(value.citations) &&
    value.citations.every(isCitation)
  )
}

export function isCitation(value: unknown): value is Citation {
  return isRecord(value) && CITATION_FIELDS.every((field) => typeof value[field] === 'string')
}

/**
 * The breadcrumb of a cited clause (二、主要任务 › （三）…) from GET /api/clause; undefined when the
 * service has none or cannot be reached: the citation alone is enough to show the quote.
 */
export async function fetchBreadcrumb(
  api: string,
  citation: Pick<Citation, 'docKey' | 'path'>,
  doFetch: typeof fetch = fetch
): Promise<string | undefined> {
  const query = `docKey=${encodeURIComponent(citation.docKey)}&path=${encodeURIComponent(citation.path)}`
  try {
    const res = await doFetch(`${api}/api/clause?${query}`, { credentials: 'omit' })
    if (!res.ok) return undefined
    const body: unknown = await res.json()
    return isRecord(body) && typeof body.breadcrumb === 'string' ? body.breadcrumb : undefined
  } catch {
    return undefined
  }
}
