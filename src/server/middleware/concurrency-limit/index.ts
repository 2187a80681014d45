/** @module Concurrency Limit Middleware: a cap on requests in progress; the rest are shed with 503. */
import type { MiddlewareHandler } from 'hono'
import { whenBodyEnds } from '../../body-end.js'
import { ApiError } from '../../errors.js'

export type ConcurrencyLimitOptions = {
  /** Requests handled at once (1 and up). Required: it depends on the machine and the model. */
  max: number
  /** `Retry-After` of a shed request, in seconds. Default 1: a slot frees as soon as one answer is done. */
  retryAfterS: number
  /**
   * Whether a response is streamed (its body is produced after the handler returned): such a
   * request holds its slot until the body ends or the client goes away. Default: `text/event-stream`.
   */
  isStream: (res: Response) => boolean
}

export const defaultConcurrencyLimitOptions: Omit<ConcurrencyLimitOptions, 'max'> = {
  retryAfterS: 1,
  isStream: (res) => /^text\/event-stream/i.test(res.headers.get('Content-Type') ?? ''),
}

/**
 * Concurrency Limit Middleware: when `max` requests are already in progress, throws
 * `ApiError('OVERLOADED')` (503, Chinese message) with `Retry-After` at once. Shedding beats
 * queueing: a queue only adds waiting to every answer while memory grows, and a client told to
 * retry can go elsewhere. A slot is released when the handler settles, not when a timeout answered
 * for it, so the cap bounds the work actually running. Mount it inside the timeout.
 *
 * @param options.max - required, 1 and up
 * @param options.retryAfterS - default 1
 * @param options.isStream - default: the response is `text/event-stream`
 *
 * @example
 * ```ts
 * app.use('/api/*', concurrencyLimit({ max: 64 }))
 * ```
 */
export const concurrencyLimit = (
  options: Pick<ConcurrencyLimitOptions, 'max'> & Partial<ConcurrencyLimitOptions>
): MiddlewareHandler => {
  const { max, retryAfterS, isStream } = {
    ...defaultConcurrencyLimitOptions,
    ...options,
  } satisfies ConcurrencyLimitOptions
  if (!(Number.isInteger(max) && max >= 1)) {
    throw new Error(`concurrencyLimit: max must be a whole number of at least 1, got ${max}`)
  }
  let active = 0

  return async function concurrencyLimit(c, next) {
    if (active >= max) {
      c.header('Retry-After', String(retryAfterS))
      throw new ApiError('OVERLOADED')
    }
    active++
    let released = false
    const release = () => {
      if (!released) {
        released = true
        active--
      }
    }
    try {
      await next()
    } catch (err) {
      release()
      throw err
    }
    if (isStream(c.res)) c.res = whenBodyEnds(c.res, release)
    else release()
  }
}

