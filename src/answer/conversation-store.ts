/** @module ConversationStore: where the turns of a conversation are kept between requests. */
import type { StoredTurn } from '../schema/conversation.js'

/**
 * Memory of conversations by id. Implementations: {@link MemoryConversationStore} (LRU with TTL,
 * the default) and the SQLite store in `src/adapters/sqlite-conversations` (survives restarts).
 * Ids are opaque keys: a store never derives a file name or a query from one.
 */
export interface ConversationStore {
  readonly name: string
  /** The turns of a live conversation, oldest first; undefined when unknown or expired. */
  get(id: string): Promise<StoredTurn[] | undefined>
  /** Appends turns, creating the conversation when new; keeps only the most recent turns. */
  append(id: string, turns: StoredTurn[]): Promise<void>
}
