/** @module ConversationObject: the Durable Object that holds one conversation (Workers). */
import type { DurableObjectStorage } from '@cloudflare/workers-types'
import { z } from 'zod'
import { StoredTurnSchema, type StoredTurn } from '../../schema/conversation.js'

/** Storage key of the conversation: one value, so an append is one write. */
const CONVERSATION_KEY = 'conversation'

/** What the object keeps: the recent turns, when they were last touched, and for how long they live. */
type StoredConversation = { turns: StoredTurn[]; touched: number; ttlMs: number }

/** The parts of `DurableObjectState` this class uses; the runtime's `ctx` satisfies it. */
export type ConversationObjectState = {
  storage: Pick<DurableObjectStorage, 'get' | 'put' | 'deleteAll' | 'setAlarm'>
}

const ReadQuerySchema = z.object({
  now: z.coerce.number().int().nonnegative(),
  ttlMs: z.coerce.number().int().positive(),
})
const AppendBodySchema = z.object({
  turns: z.array(StoredTurnSchema).min(1),
  now: z.number().int().nonnegative(),
  ttlMs: z.number().int().positive(),
  maxTurns: z.number().int().min(2),
})
export type AppendBody = z.infer<typeof AppendBodySchema>

/** Paths of the object's small HTTP protocol; only {@link DurableConversationStore} speaks it. */
export const CONVERSATION_URL = 'https://conversation.internal/turns'

/**
 * One conversation per object (`idFromName(conversationId)`), kept in the object's own storage
 * (SQLite-backed when declared under `new_sqlite_classes`; this class uses the key-value API,
 * which such objects also have). The runtime runs one request of an object at a time, so an
 * append reads and writes without racing another. An alarm set `ttlMs` after the last append
 * deletes the conversation, so idle ones do not stay stored forever.
 *
 * Protocol (JSON): `GET {CONVERSATION_URL}?now=&ttlMs=` → 200 `{ turns }` or 404 when unknown or
 * idle longer than ttlMs; `POST` `{ turns, now, ttlMs, maxTurns }` → 204. The caller's clock
 * decides expiry, as the other stores' injected `now` does.
 *
 * The class uses the fetch API, not `extends DurableObject` from `cloudflare:workers`, so it also
 * loads in Node for tests; wrangler accepts both.
 *
 * wrangler.toml:
 *   [[durable_objects.bindings]]
 *   name = "CONVERSATIONS"
 *   class_name = "ConversationObject"
 *   [[migrations]]
 *   tag = "v1"
 *   new_sqlite_classes = ["ConversationObject"]
 * and `export { ConversationObject } from './adapters/durable-conversations/index.js'` in the Worker entry.
 */
export class ConversationObject {
  readonly #storage: ConversationObjectState['storage']

  constructor(state: ConversationObjectState, _env?: unknown) {
    this.#storage = state.storage
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (request.method === 'GET') {
      const query = ReadQuerySchema.safeParse(Object.fromEntries(url.searchParams))
      if (!query.success) return problem(400, `bad query: ${query.error.issues[0].message}`)
      const conversation = await this.#read(query.data.now, query.data.ttlMs)
      return conversation
        ? Response.json({ turns: conversation.turns })
        : problem(404, 'no such conversation')
    }
    if (request.method === 'POST') {
      let body: unknown
      try {
        body = await request.json()
      } catch {
        return problem(400, 'body is not JSON')
      }
      const parsed = AppendBodySchema.safeParse(body)
      if (!parsed.success)
        return problem(
          400,
          `bad body: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`
        )
      await this.#append(parsed.data)
      return new Response(null, { status: 204 })
    }
    return problem(405, `method ${request.method} not allowed`)
  }

  /** Deletes the conversation once it has been idle for its whole TTL. */
  async alarm(): Promise<void> {
    const conversation = await this.#storage.get<StoredConversation>(CONVERSATION_KEY)
    if (!conversation) return
    const expiresAt = conversation.touched + conversation.ttlMs
    if (Date.now() >= expiresAt) await this.#storage.deleteAll()
    else await this.#storage.setAlarm(expiresAt)
  }

  async #read(now: number, ttlMs: number): Promise<StoredConversation | undefined> {
    const conversation = await this.#storage.get<StoredConversation>(CONVERSATION_KEY)
    if (!conversation) return undefined
    if (now - conversation.touched > ttlMs) {
      await this.#storage.deleteAll()
      return undefined
    }
    return conversation
  }

  async #append({ turns, now, ttlMs, maxTurns }: AppendBody): Promise<void> {
    const previous = (await this.#read(now, ttlMs))?.turns ?? []
    const conversation: StoredConversation = {
      turns: [...previous, ...turns].slice(-maxTurns),
      touched: now,
      ttlMs,
    }
    await this.#storage.put(CONVERSATION_KEY, conversation)
    await this.#storage.setAlarm(now + ttlMs)
  }
}

function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status })
}
