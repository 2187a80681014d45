/** @module MemoryConversationStore: conversations in process memory, bounded in count, length and age. */
import type { StoredTurn } from '../schema/conversation.js'
import type { ConversationStore } from './conversation-store.js'

export interface ConversationLimits {
  /** Conversations kept; the least recently used goes first. Default 10 000 (a few MB). */
  maxConversations: number
  /** Turns kept per conversation (user and assistant each count). Default 20, the history limit of the API. */
  maxTurns: number
  /** Idle time after which a conversation is forgotten, in ms. Default 2 hours. */
  ttlMs: number
  /** Now, in ms; injected so tests can age conversations. */
  now: () => number
}

export const defaultConversationLimits: ConversationLimits = {
  maxConversations: 10_000,
  maxTurns: 20,
  ttlMs: 2 * 60 * 60 * 1000,
  now: () => Date.now(),
}

/** An LRU map of conversations; a Map keeps insertion order, so re-inserting marks recent use. */
export class MemoryConversationStore implements ConversationStore {
  readonly name = 'memory'
  readonly #limits: ConversationLimits
  readonly #conversations = new Map<string, { turns: StoredTurn[]; touched: number }>()

  constructor(limits: Partial<ConversationLimits> = {}) {
    this.#limits = { ...defaultConversationLimits, ...limits }
    if (this.#limits.maxConversations < 1) throw new Error('MemoryConversationStore: maxConversations must be at least 1')
    if (this.#limits.maxTurns < 2) throw new Error('MemoryConversationStore: maxTurns must be at least 2 (a question and its answer)')
  }

  async get(id: string): Promise<StoredTurn[] | undefined> {
    const entry = this.#conversations.get(id)
    if (!entry) return undefined
    if (this.#limits.now() - entry.touched > this.#limits.ttlMs) {
      this.#conversations.delete(id)
      return undefined
    }
    return [...entry.turns]
  }

  async append(id: string, turns: StoredTurn[]): Promise<void> {
    const now = this.#limits.now()
    const previous = (await this.get(id)) ?? []
    this.#conversations.delete(id)
    this.#conversations.set(id, { turns: [...previous, ...turns].slice(-this.#limits.maxTurns), touched: now })
    while (this.#conversations.size > this.#limits.maxConversations) {
      const oldest = this.#conversations.keys().next().value as string
      this.#conversations.delete(oldest)
    }
  }
}
