/** @module Access Log Middleware: one structured entry per request, after its response has ended. */
import type { Context, MiddlewareHandler } from 'hono'
import { whenBodyEnds } from '../../body-end.js'
import type { AnswerSummary, AppEnv } from '../../env.js'

/**
 * One request, as logged and counted. Only the route pattern is kept, never the path or query: a
 * path can hold a document key or an OpenID, and a question never appears.
 */
export type AccessLogEntry = {
  requestId: string
  method: string
  /** The matched route pattern (`/api/docs/:docKey`), or {@link UNMATCHED_ROUTE}. */
  route: string
  status: number
  /** From the request arriving to the last byte of the response (the end of a stream), in ms. */
  latencyMs: number
} & Partial<AnswerSummary>

/** The route of requests no route matched (404s, preflights): one label, however many paths. */
export const UNMATCHED_ROUTE = 'unmatched'

export type AccessLogOptions = {
  /** Receives each entry. Required: Node writes them with pino, a test collects them. */
  log: (entry: AccessLogEntry) => void
  /** Now in ms, for latency. Default `performance.now()`. */
  now: () => number
}

export const defaultAccessLogOptions: Omit<AccessLogOptions, 'log'> = {
  now: () => performance.now(),
}

/**
 * Access Log Middleware: calls `log` once per request with its request id, method, route pattern,
 * status and latency, plus `abstained` and `citations` when a chat route answered. A streamed
 * (SSE) response is logged when its body ends, so latency and the answer are those of the whole
 * stream. Mount it right after `requestId()`, so that it sees the final status of every refusal.
 *
 * @param options.log - required
 * @param options.now - default `performance.now()`
 *
 * @example
 * ```ts
 * app.use('*', requestId(), accessLog({ log: (entry) => logger.info(entry) }))
 * ```
 */
export const accessLog = (
  options: Pick<AccessLogOptions, 'log'> & Partial<AccessLogOptions>
): MiddlewareHandler<AppEnv> => {
  const { log, now } = { ...defaultAccessLogOptions, ...options } satisfies AccessLogOptions

  return async function accessLog(c, next) {
    const started = now()
    await next()
    const write = () => log(entryOf(c, now() - started))
    if (c.res.headers.get('Content-Type')?.startsWith('text/event-stream')) {
      c.res = whenBodyEnds(c.res, write)
    } else {
      write()
    }
  }
}

function entryOf(c: Context<AppEnv>, latencyMs: number): AccessLogEntry {
  // After next(), routePath is that of the last handler run: a route's pattern, or a wildcard
  // middleware's when no route matched.
  const route = c.req.routePath.includes('*') ? UNMATCHED_ROUTE : c.req.routePath
  return {
    requestId: c.get('requestId'),
    method: c.req.method,
    route,
    status: c.res.status,
    latencyMs: Math.round(latencyMs * 10) / 10,
    ...c.get('answer'),
  }
}
