/** @module What the HTTP layer needs from the core (implemented in src/answer). */
import type {
  ChatRequest,
  ChatResponse,
  ClauseDetail,
  DocumentDetail,
  DocumentSummary,
  Health,
  SearchRequest,
  SearchResult,
} from '../schema/api.js'
import type { ChatCallOptions, ChatStreamEvent } from '../answer/qa-engine.js'

/** The assistant as every channel (HTTP, widget, WeChat) asks it. */
export interface QaService {
  /**
   * Answers a question with citations; abstains when the documents on file do not answer it.
   * The core owns conversation memory: it keeps a known `conversationId` and answers with a new
   * random one when the id is absent, malformed, unknown or expired, unless `pinConversationId`
   * asks to keep a server-derived id (WeChat's per-OpenID key).
   */
  chat(request: ChatRequest, options?: ChatCallOptions): Promise<ChatResponse>
  /**
   * The same answer as it is written: `delta` and `replace` events, then `done` with the
   * response. Optional: {@link streamChat} sends `chat`'s answer in one piece for a service without it.
   */
  chatStream?(request: ChatRequest, options?: ChatCallOptions): AsyncIterable<ChatStreamEvent>
  /** The units that best match a query, best first. */
  search(request: SearchRequest): Promise<SearchResult[]>
}

/** A service's answer as a stream: its own `chatStream`, or `chat`'s answer as one delta. */
export async function* streamChat(
  qa: QaService,
  request: ChatRequest,
  options?: ChatCallOptions
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  if (qa.chatStream) return yield* qa.chatStream(request, options)
  const response = await qa.chat(request, options)
  yield { type: 'delta', text: response.answer }
  yield { type: 'done', response }
}

/**
 * The documents on file; lookups return undefined for unknown keys or paths. The list and health
 * are held in memory; a document's units may come from a store (D1 on Workers), so those
 * lookups may be async.
 */
export interface PolicyCatalog {
  documents(): DocumentSummary[]
  document(docKey: string): MaybePromise<DocumentDetail | undefined>
  clause(docKey: string, path: string): MaybePromise<ClauseDetail | undefined>
  health(): Health
}

/** A value, or a promise of one. */
type MaybePromise<T> = T | Promise<T>
