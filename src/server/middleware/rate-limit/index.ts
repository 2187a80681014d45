/** @module Rate Limit Middleware: at most so many requests a minute per client, then 429 with Retry-After. */
import type { Context, MiddlewareHandler } from 'hono'
import { ApiError } from '../../errors.js'

/** What a limiter decided for one request. */
export type RateLimitOutcome = {
  success: boolean
  /** Seconds until the key may send again; the middleware assumes a minute when absent. */
  retryAfterS?: number
}

/**
 * Counts requests per key. Shaped like the Cloudflare Workers rate-limit binding
 * (`env.LIMITER.limit({ key })` resolving to `{ success }`), so the Workers build can pass the
 * binding itself; {@link MemoryRateLimiter} is the Node implementation.
 */
export interface RateLimiter {
  limit(options: { key: string }): Promise<RateLimitOutcome>
}

/** Retry-After when the limiter does not say: the binding counts per minute, so a minute is safe. */
const DEFAULT_RETRY_AFTER_S = 60

export type RateLimitOptions = {
  /** Decides per key. Required: there is no sensible shared default across runtimes. */
  limiter: RateLimiter
  /**
   * Who the request comes from: the client address on Node (see src/adapters/node-client-address),
   * `CF-Connecting-IP` on Workers, the OpenID for WeChat. `undefined` exempts the request.
   * Required, because only the runtime knows the peer address.
   */
  keyOf: (c: Context) => string | undefined
}

/**
 * Rate Limit Middleware: asks the limiter about the request's key and throws
 * `ApiError('RATE_LIMITED')` (429, Chinese message) with `Retry-After` when the key is over its limit.
 * Mount it after CORS, so that a browser can read the 429, and before the work it protects.
 *
 * @param options.limiter - required, e.g. `new MemoryRateLimiter({ limitPerMinute: 60 })`
 * @param options.keyOf - required; returns the client key, or undefined to exempt the request
 *
 * @example
 * ```ts
 * app.use('/api/*', rateLimit({ limiter: new MemoryRateLimiter({ limitPerMinute: 60 }), keyOf: (c) => ip(c) }))
 * ```
 */
export const rateLimit = (options: RateLimitOptions): MiddlewareHandler => {
  const { limiter, keyOf } = options

  return async function rateLimit(c, next) {
    const key = keyOf(c)
    if (key !== undefined) {
      const { success, retryAfterS } = await limiter.limit({ key })
      if (!success) {
        c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterS ?? DEFAULT_RETRY_AFTER_S))))
        throw new ApiError('RATE_LIMITED')
      }
    }
    await next()
  }
}

export type MemoryRateLimiterOptions = {
  /** Requests per minute and key, also the largest burst (1 and up; 60 for a person asking). */
  limitPerMinute: number
  /** Keys remembered; the least recently used goes first. Default 100,000 (a few MB). */
  maxKeys: number
  /** Now in ms; injected by tests. Default `Date.now`. */
  now: () => number
}

export const defaultMemoryRateLimiterOptions: Omit<MemoryRateLimiterOptions, 'limitPerMinute'> = {
  maxKeys: 100_000,
  now: () => Date.now(),
}

/**
 * A token bucket per key in this process: `limitPerMinute` requests at once, then one every
 * `60 / limitPerMinute` seconds. A bucket refills continuously, so a client that keeps to the rate is
 * never refused, unlike a fixed window that can allow twice the limit across its edge. A full bucket
 * is the same as no entry, so evicting a key under memory pressure only errs towards letting someone in.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #options: MemoryRateLimiterOptions
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(options: Pick<MemoryRateLimiterOptions, 'limitPerMinute'> & Partial<MemoryRateLimiterOptions>) {
    this.#options = { ...defaultMemoryRateLimiterOptions, ...options }
    const { limitPerMinute } = this.#options
    if (!(Number.isFinite(limitPerMinute) && limitPerMinute >= 1)) {
      throw new Error(`MemoryRateLimiter: limitPerMinute must be at least 1, got ${limitPerMinute}`)
    }
  }

  async limit({ key }: { key: string }): Promise<RateLimitOutcome> {
    const { limitPerMinute, maxKeys, now } = this.#options
    const at = now()
    const perMs = limitPerMinute / 60_000
    const previous = this.#buckets.get(key)
    const tokens = previous
      ? Math.min(limitPerMinute, previous.tokens + (at - previous.at) * perMs)
      : limitPerMinute
    // Re-inserted so that the Map's order is least recently used first.
    this.#buckets.delete(key)
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at })
      return { success: false, retryAfterS: Math.ceil((1 - tokens) / perMs / 1000) }
    }
    this.#buckets.set(key, { tokens: tokens - 1, at })
    if (this.#buckets.size > maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!)
    return { success: true }
  }
}
