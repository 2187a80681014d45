/** @module LruCache: a map bounded in entries that forgets the least recently used first. */

/** A Map keeps insertion order, so re-inserting an entry on use keeps the oldest first. */
export class LruCache<V> {
  readonly #entries = new Map<string, V>()

  /** `capacity`: entries kept, an integer ≥ 1. */
  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new Error(`LruCache: capacity must be an integer ≥ 1, got ${capacity}`)
  }

  get size(): number {
    return this.#entries.size
  }

  /** The value under `key`, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  /** Stores a value, forgetting the least recently used entry when full. */
  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string)
  }
}
