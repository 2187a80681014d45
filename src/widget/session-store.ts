/** @module Conversation id and transcript in sessionStorage: per tab, gone when the tab closes. */
import type { Citation } from '../schema/api.js'
import { isCitation } from './chat-client.js'

export type TranscriptEntry =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; citations: Citation[]; abstained: boolean }

/** Messages kept for restoring the panel after a reload or a move to another portal page. */
export const TRANSCRIPT_MAX_ENTRIES = 30

/** The part of the Web Storage API used here (sessionStorage, or a Map-backed fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * Keys `pqa:v1:{site}:conversationId` and `…:transcript`. Every access is wrapped: storage throws in
 * privacy modes and sandboxed iframes, and the widget then runs without persistence. No
 * localStorage, no cookies: 办事大厅 kiosks and shared PCs are common.
 */
export class SessionStore {
  readonly #storage: () => KeyValueStorage | undefined
  readonly #prefix: string

  /** @param storage - returns the storage; may throw (e.g. reading `window.sessionStorage`) */
  constructor(site: string, storage: () => KeyValueStorage | undefined) {
    this.#storage = storage
    this.#prefix = `pqa:v1:${site}:`
  }

  get conversationId(): string | undefined {
    return this.#get('conversationId') ?? undefined
  }

  set conversationId(id: string | undefined) {
    if (id === undefined) this.#remove('conversationId')
    else this.#set('conversationId', id)
  }

  get transcript(): TranscriptEntry[] {
    const raw = this.#get('transcript')
    if (!raw) return []
    try {
      const value: unknown = JSON.parse(raw)
      return Array.isArray(value) ? value.filter(isEntry).slice(-TRANSCRIPT_MAX_ENTRIES) : []
    } catch {
      return []
    }
  }

  set transcript(entries: TranscriptEntry[]) {
    this.#set('transcript', JSON.stringify(entries.slice(-TRANSCRIPT_MAX_ENTRIES)))
  }

  /** The user's 大字模式 choice, kept across the portal's pages in this tab. */
  get largeFont(): boolean {
    return this.#get('font') === 'large'
  }

  set largeFont(large: boolean) {
    this.#set('font', large ? 'large' : 'standard')
  }

  /** Forgets the conversation (新对话); the font choice stays. */
  clear() {
    this.#remove('conversationId')
    this.#remove('transcript')
  }

  #get(key: string): string | null {
    try {
      return this.#storage()?.getItem(this.#prefix + key) ?? null
    } catch {
      return null
    }
  }

  #set(key: string, value: string) {
    try {
      this.#storage()?.setItem(this.#prefix + key, value)
    } catch {
      // Quota or privacy mode: the widget works on without persistence.
    }
  }

  #remove(key: string) {
    try {
      this.#storage()?.removeItem(this.#prefix + key)
    } catch {
      // As above.
    }
  }
}

function isEntry(value: unknown): value is TranscriptEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  if (typeof entry.text !== 'string') return false
  if (entry.role === 'user') return true
  return (
    entry.role === 'assistant' &&
    typeof entry.abstained === 'boolean' &&
    Array.isArray(entry.citations) &&
    entry.citations.every(isCitation)
  )
}
