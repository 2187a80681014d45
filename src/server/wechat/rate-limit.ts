/** @module RateLimiter: a token bucket per key (per OpenID), bounded in memory. */

export type RateLimiterOptions = {
  /** Questions allowed in a burst. Default 6. */
  capacity: number
  /** Questions regained per minute, continuously. Default 6 (one every 10 s). */
  refillPerMinute: number
  /** Keys remembered; the least recently used goes first. Default 10,000. */
  maxKeys: number
  /** Now, in ms; injected by tests. */
  now: () => number
}

export const defaultRateLimiterOptions: RateLimiterOptions = {
  capacity: 6,
  refillPerMinute: 6,
  maxKeys: 10_000,
  now: () => Date.now(),
}

/**
 * Token buckets by key. A full bucket is the same as no entry, so forgetting the least recently used
 * key under memory pressure only ever errs towards letting someone ask.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ capacity: 6, refillPerMinute: 6 })
 * if (!limiter.take(openId)) return wechatMessages.rateLimited
 * ```
 */
export class RateLimiter {
  readonly #options: RateLimiterOptions
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(options: Partial<RateLimiterOptions> = {}) {
    this.#options = { ...defaultRateLimiterOptions, ...options }
    if (!(this.#options.capacity >= 1)) throw new Error(`RateLimiter: capacity must be at least 1, got ${this.#options.capacity}`)
    if (!(this.#options.refillPerMinute > 0)) throw new Error(`RateLimiter: refillPerMinute must be positive, got ${this.#options.refillPerMinute}`)
  }

  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: string): boolean {
    const { capacity, refillPerMinute, maxKeys, now } = this.#options
    const at = now()
    const previous = this.#buckets.get(key)
    const refilled = previous ? Math.min(capacity, previous.tokens + ((at - previous.at) * refillPerMinute) / 60_000) : capacity
    this.#buckets.delete(key)
    if (refilled < 1) {
      this.#buckets.set(key, { tokens: refilled, at })
      return false
    }
    this.#buckets.set(key, { tokens: refilled - 1, at })
    if (this.#buckets.size > maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!)
    return true
  }
}
