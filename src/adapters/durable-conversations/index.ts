/** @module durable-conversations: a ConversationStore with one Durable Object per conversation (Workers). */
import type { DurableObjectId } from '@cloudflare/workers-types'
import type { ConversationStore } from '../../answer/conversation-store.js'
import {
  defaultConversationLimits,
  type ConversationLimits,
} from '../../answer/memory-conversation-store.js'
import { StoredTurnSchema, type StoredTurn } from '../../schema/conversation.js'
import { CONVERSATION_URL, type AppendBody } from './conversation-object.js'

export {
  ConversationObject,
  CONVERSATION_URL,
  type ConversationObjectState,
} from './conversation-object.js'

/**
 * The parts of a Durable Object namespace binding the store uses. `env.CONVERSATIONS`
 * (`DurableObjectNamespace` of @cloudflare/workers-types) satisfies it, and so does the fake in
 * test/support/fake-cloudflare.ts.
 */
export interface ConversationNamespace {
  idFromName(name: string): DurableObjectId
  get(id: DurableObjectId): {
    fetch(
      input: string,
      init?: { method?: string; body?: string; headers?: Record<string, string> }
    ): Promise<{ status: number; json(): Promise<unknown> }>
  }
}

const TurnsResponseSchema = StoredTurnSchema.array()

/**
 * Conversations kept by {@link ConversationObject}s: `idFromName(conversationId)` picks the
 * object, so every request of a conversation, from any location, reaches the same strongly
 * consistent storage. Limits as the other stores: `maxTurns` kept per conversation, `ttlMs` of
 * idleness after which it is gone (an alarm also deletes it then), `now` the clock. There is no
 * `maxConversations`: each conversation is its own object, and idle ones delete themselves.
 *
 * @example
 * const conversations = new DurableConversationStore(env.CONVERSATIONS)
 */
export class DurableConversationStore implements ConversationStore {
  readonly name = 'durable-object'
  readonly #namespace: ConversationNamespace
  readonly #limits: ConversationLimits

  constructor(namespace: ConversationNamespace, limits: Partial<ConversationLimits> = {}) {
    if (typeof namespace?.idFromName !== 'function' || typeof namespace.get !== 'function') {
      throw new Error(
        'durable-conversations: a Durable Object namespace binding is required, eg new DurableConversationStore(env.CONVERSATIONS) ' +
          '([[durable_objects.bindings]] name = "CONVERSATIONS", class_name = "ConversationObject")'
      )
    }
    this.#limits = { ...defaultConversationLimits, ...limits }
    if (!(Number.isInteger(this.#limits.maxTurns) && this.#limits.maxTurns >= 2)) {
      throw new Error(
        `durable-conversations: maxTurns must be an integer ≥ 2 (a question and its answer), got ${this.#limits.maxTurns}`
      )
    }
    if (!(Number.isInteger(this.#limits.ttlMs) && this.#limits.ttlMs >= 1)) {
      throw new Error(
        `durable-conversations: ttlMs must be an integer ≥ 1, got ${this.#limits.ttlMs}`
      )
    }
    this.#namespace = namespace
  }

  async get(id: string): Promise<StoredTurn[] | undefined> {
    const query = new URLSearchParams({
      now: String(this.#limits.now()),
      ttlMs: String(this.#limits.ttlMs),
    })
    const response = await this.#object(id).fetch(`${CONVERSATION_URL}?${query}`)
    if (response.status === 404) return undefined
    if (response.status !== 200)
      throw new Error(
        `durable-conversations: the conversation object answered HTTP ${response.status} to a read`
      )
    const turns = TurnsResponseSchema.safeParse(
      ((await response.json()) as { turns?: unknown })?.turns
    )
    if (!turns.success)
      throw new Error(
        `durable-conversations: the conversation object returned malformed turns: ${turns.error.issues[0].message}`
      )
    return turns.data
  }

  async append(id: string, turns: StoredTurn[]): Promise<void> {
    if (turns.length === 0) return
    const body: AppendBody = {
      turns,
      now: this.#limits.now(),
      ttlMs: this.#limits.ttlMs,
      maxTurns: this.#limits.maxTurns,
    }
    const response = await this.#object(id).fetch(CONVERSATION_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (response.status !== 204)
      throw new Error(
        `durable-conversations: the conversation object answered HTTP ${response.status} to an append`
      )
  }

  #object(id: string) {
    return this.#namespace.get(this.#namespace.idFromName(id))
  }
}
