/** @module node-client-address: the client a request comes from on Node, the rate limit's key. */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

export type ClientAddressOptions = {
  /**
   * Reverse proxies in front of the server (nginx, a load balancer), each appending the address it
   * saw to `X-Forwarded-For`. 0 (the default) ignores the header: any client can write it, so
   * trusting it without a proxy would let anyone pick their own rate-limit key.
   */
  trustedProxies: number
}

export const defaultClientAddressOptions: ClientAddressOptions = { trustedProxies: 0 }

/**
 * Returns `keyOf` for the rate limit: the peer address of the socket, or with `trustedProxies` = n
 * the n-th `X-Forwarded-For` entry from the right (the address the outermost trusted proxy saw;
 * entries left of it were written by the client). A header with fewer entries than proxies did not
 * come through them all, so the socket address is used.
 *
 * @example
 * ```ts
 * rateLimit({ limiter, keyOf: nodeClientAddress({ trustedProxies: 1 }) })
 * ```
 */
export function nodeClientAddress(
  options: Partial<ClientAddressOptions> = {}
): (c: Context) => string | undefined {
  const { trustedProxies } = { ...defaultClientAddressOptions, ...options }
  if (!(Number.isInteger(trustedProxies) && trustedProxies >= 0)) {
    throw new Error(`nodeClientAddress: trustedProxies must be a whole number ≥ 0, got ${trustedProxies}`)
  }

  return function clientAddress(c) {
    if (trustedProxies > 0) {
      const forwarded = (c.req.header('X-Forwarded-For') ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
      const entry = forwarded[forwarded.length - trustedProxies]
      if (entry) return entry
    }
    return getConnInfo(c).remote.address
  }
}
