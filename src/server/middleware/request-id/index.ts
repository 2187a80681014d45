/** @module Request ID Middleware: one id per request, in a response header and the context. */
import type { MiddlewareHandler } from 'hono'

/**
 * Incoming ids are echoed only when made of these characters: the id is written into logs and a
 * response header, so anything that could forge a log line or split a header is replaced.
 */
const SAFE_ID = /^[A-Za-z0-9._:=-]+$/

export type RequestIdOptions = {
  /** Header read from the request and set on the response. Default `X-Request-Id`. */
  headerName: string
  /** Longest incoming id that is echoed, in characters (1–255). Default 64. */
  limitLength: number
  /** Makes a new id when the request has no usable one. Default `crypto.randomUUID()`. */
  generator: () => string
}

export const defaultRequestIdOptions: RequestIdOptions = {
  headerName: 'X-Request-Id',
  limitLength: 64,
  generator: () => crypto.randomUUID(),
}

/**
 * Request ID Middleware: echoes a sane incoming id or generates one, stores it as
 * `c.get('requestId')` and sets it on the response. The header is set before `next()` so that
 * error responses built by `app.onError` carry it too.
 *
 * @param options.headerName - default `X-Request-Id`
 * @param options.limitLength - default 64
 * @param options.generator - default `crypto.randomUUID()`
 *
 * @example
 * ```ts
 * app.use('*', requestId())
 * app.get('/', (c) => c.text(c.get('requestId')))
 * ```
 */
export const requestId = (
  options: Partial<RequestIdOptions> = {}
): MiddlewareHandler<{ Variables: { requestId: string } }> => {
  const { headerName, limitLength, generator } = {
    ...defaultRequestIdOptions,
    ...options,
  } satisfies RequestIdOptions

  return async function requestId(c, next) {
    const incoming = c.req.header(headerName)
    const id =
      incoming && incoming.length <= limitLength && SAFE_ID.test(incoming) ? incoming : generator()
    c.set('requestId', id)
    c.header(headerName, id)
    await next()
  }
}
