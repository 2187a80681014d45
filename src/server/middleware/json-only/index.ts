/** @module JSON Only Middleware: a route's request body must be JSON that parses. */
import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../../errors.js'

/** `application/json` and structured `+json` types, with or without parameters (charset). */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

export type JsonOnlyOptions = {
  /** Content types accepted; anything else is refused with 415. Default: JSON and `*+json`. */
  mediaType: RegExp
  /**
   * Parse the body here so that malformed JSON becomes our own 400 `INVALID_JSON` instead of the
   * validator's English exception. Hono caches the body text, so the validator does not read it
   * again. Default true.
   */
  checkSyntax: boolean
}

export const defaultJsonOnlyOptions: JsonOnlyOptions = {
  mediaType: JSON_MEDIA_TYPE,
  checkSyntax: true,
}

/**
 * JSON Only Middleware: throws `ApiError('UNSUPPORTED_MEDIA_TYPE')` (415) when the request's
 * Content-Type is missing or not JSON, and `ApiError('INVALID_JSON')` (400) when the body does not
 * parse. Put it after `bodyLimit` so the size is checked before anything is parsed.
 *
 * @param options.mediaType - default `application/json` or `application/*+json`
 * @param options.checkSyntax - default true
 *
 * @example
 * ```ts
 * app.post('/api/chat', bodyLimit({ maxSize: 64 * 1024 }), jsonOnly(), handler)
 * ```
 */
export const jsonOnly = (options: Partial<JsonOnlyOptions> = {}): MiddlewareHandler => {
  const { mediaType, checkSyntax } = {
    ...defaultJsonOnlyOptions,
    ...options,
  } satisfies JsonOnlyOptions

  return async function jsonOnly(c, next) {
    const contentType = c.req.header('Content-Type') ?? ''
    if (!mediaType.test(contentType)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE')
    if (checkSyntax) {
      try {
        await c.req.json()
      } catch (cause) {
        throw new ApiError('INVALID_JSON', { cause })
      }
    }
    await next()
  }
}
