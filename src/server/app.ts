/** @module createApp: the HTTP API over a QaService and a PolicyCatalog, for any runtime. */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { timeout } from 'hono/timeout'
import { newConversationId } from './conversation-id.js'
import type { AppEnv } from './env.js'
import {
  ApiError,
  defaultErrorLog,
  errorHandler,
  notFoundHandler,
  type ErrorLog,
} from './errors.js'
import { docsMessages } from './messages.js'
import { Metrics } from './metrics.js'
import { accessLog, type AccessLogEntry } from './middleware/access-log/index.js'
import { concurrencyLimit } from './middleware/concurrency-limit/index.js'
import { rateLimit, type RateLimitOptions } from './middleware/rate-limit/index.js'
import { requestId } from './middleware/request-id/index.js'
import type { PolicyCatalog, QaService } from './qa-service.js'
import { admin, type AdminOptions } from './routes/admin.js'
import { adminDocuments, type DocumentLibrary } from './routes/admin-documents.js'
import { catalog } from './routes/catalog.js'
import { chatStream } from './routes/chat-stream.js'
import { chat } from './routes/chat.js'
import { health } from './routes/health.js'
import { metricsRoute } from './routes/metrics.js'
import { search } from './routes/search.js'
import { swaggerUi, type StaticAssets } from './routes/swagger-ui.js'
import { demoPage } from './routes/demo-page.js'
import { docView } from './routes/doc-view.js'
import { widget, type WidgetAssets } from './routes/widget.js'
import { validationHook } from './validation-hook.js'
import { wechat, type WechatOptions } from './routes/wechat.js'

/** Where the generated OpenAPI document is served. */
export const OPENAPI_PATH = '/openapi.json'

export type AppDeps = {
  /** Answers and searches. */
  qa: QaService
  /** The documents on file. */
  catalog: PolicyCatalog
  /** Makes a new conversation id when the client sent no usable one. Default: `crypto.randomUUID()`. */
  newConversationId?: () => string
  /**
   * Reads files of the `swagger-ui-dist` package (see {@link StaticAssets}). Without it there is no
   * Swagger UI: /docs answers 404, /openapi.json is still served.
   */
  staticAssets?: StaticAssets
  /**
   * The chat widget's bundled script and stylesheet (see routes/widget.ts; Node builds them from
   * src/widget with src/adapters/widget-bundle, the Worker has them from src/adapters/prebuilt-widget).
   * With it the app serves /widget.js, /widget.css and the demo portal page at /; without it those
   * answer 404. /doc/:docKey is served either way.
   */
  widgetAssets?: WidgetAssets
  /**
   * Largest request body in bytes, checked before parsing, chunked bodies included. Default 64 KiB.
   * It bounds memory per request. Note that the schema limits alone would allow more: 20 history
   * turns of 2,000 Chinese characters are about 120 KB of UTF-8, and such a request gets 413, so
   * clients should send only the recent turns (or rely on conversationId).
   */
  maxBodyBytes?: number
  /** Receives server-side failures (5xx) with the request id. Default: stderr. */
  log?: ErrorLog
  /**
   * The WeChat 公众号 callback at /wechat (see routes/wechat.ts); without it /wechat answers 404.
   * Set from WECHAT_* when WECHAT_TOKEN is given.
   */
  wechat?: Pick<WechatOptions, 'token'> & Partial<WechatOptions>
  /**
   * Browser origins allowed to call /api/* (CORS), e.g. `https://rsj.example.gov.cn`; `*` allows
   * any. Default none: only pages of the same origin (the widget served from here) can read answers.
   */
  corsOrigins?: string[]
  /** Per-client rate limit on /api/*; without it none (RATE_LIMIT_PER_MIN=0). See rate-limit. */
  rateLimit?: RateLimitOptions
  /** Requests in progress at once on /api/* before more are shed with 503. Default 64. */
  maxConcurrentRequests?: number
  /** Longest an /api/* request may take before it is answered 503 TIMEOUT, in ms; 0: none. Default 30 s. */
  requestTimeoutMs?: number
  /** The admin API at /api/admin/* (re-index); without it those paths answer 404. */
  admin?: AdminOptions
  /** Receives one entry per request (see access-log); Node writes them with pino. Default: none. */
  accessLog?: (entry: AccessLogEntry) => void
  /** The counters served at GET /metrics. Default: a new {@link Metrics}. */
  metrics?: Metrics
  /**
   * Uploaded documents, for /api/admin/documents (add, replace, list, delete); needs `admin` for
   * its token. Without it those paths answer 404.
   */
  documents?: DocumentLibrary
}

export const defaultAppDeps = {
  newConversationId,
  maxBodyBytes: 64 * 1024,
  log: defaultErrorLog,
  corsOrigins: [],
  maxConcurrentRequests: 64,
  requestTimeoutMs: 30_000,
} satisfies Partial<AppDeps>

/**
 * Hono's defaults (nosniff, no-referrer, SAMEORIGIN framing, HSTS, same-origin CORP/COOP) plus a
 * CSP for JSON answers, which load nothing. `overwrite: false` lets a route that must be embedded
 * elsewhere (the widget's script) set its own Cross-Origin-Resource-Policy or frame policy.
 */
type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>
const SECURITY_HEADERS: SecureHeadersOptions = { overwrite: false }
const API_SECURITY_HEADERS: SecureHeadersOptions = {
  ...SECURITY_HEADERS,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
}

/** CORS for the allowed origins: the API's methods and headers; the request id and Retry-After readable. */
const CORS_OPTIONS = {
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'X-Request-Id'],
  exposeHeaders: ['X-Request-Id', 'Retry-After'],
  maxAge: 600,
}

/**
 * The app: JSON API under /api, /healthz, /openapi.json generated from the zod routes, and Swagger
 * UI at /docs when `staticAssets` is given. Every response carries `X-Request-Id`; every error is
 * `{ error: { code, message } }` with a Chinese message, built by `errorHandler` alone.
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server'
 * serve({ fetch: createApp({ qa: engine, catalog: engine }).fetch, port: 8787 })
 * ```
 */
export function createApp(deps: AppDeps) {
  const { qa, catalog: policyCatalog, staticAssets } = deps
  const newId = deps.newConversationId ?? defaultAppDeps.newConversationId
  const maxBodyBytes = deps.maxBodyBytes ?? defaultAppDeps.maxBodyBytes
  const log = deps.log ?? defaultAppDeps.log

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use('*', requestId())
  const metrics = deps.metrics ?? new Metrics()
  app.use(
    '*',
    accessLog({
      log: (entry) => {
        metrics.observe(entry)
        deps.accessLog?.(entry)
      },
    })
  )
  // Before everything that can refuse a request, so that refusals carry them too.
  app.use('*', secureHeaders(SECURITY_HEADERS))
  app.use('/api/*', secureHeaders(API_SECURITY_HEADERS))
  const corsOrigins = deps.corsOrigins ?? defaultAppDeps.corsOrigins
  if (corsOrigins.length > 0) {
    const origin = corsOrigins.includes('*') ? '*' : corsOrigins
    app.use('/api/*', cors({ ...CORS_OPTIONS, origin }))
  }
  // Before the JSON body limit: WeChat gets `success`, never a 413 (the route has its own limit).
  if (deps.wechat) app.route('/', wechat({ qa, catalog: policyCatalog, ...deps.wechat }))
  // Also before it, and before the request timeout: an upload is up to 10 MB and waits for the re-index.
  if (deps.admin && deps.documents) app.route('/', adminDocuments({ token: deps.admin.token, library: deps.documents }))
  app.use('*', bodyLimit({ maxSize: maxBodyBytes, onError: refuseLargeBody }))
  if (deps.rateLimit) app.use('/api/*', rateLimit(deps.rateLimit))
  const requestTimeoutMs = deps.requestTimeoutMs ?? defaultAppDeps.requestTimeoutMs
  if (requestTimeoutMs > 0) {
    app.use('/api/*', timeout(requestTimeoutMs, () => new ApiError('TIMEOUT')))
  }
  // Inside the timeout: a slot is held until the work ends, not until the timeout answered.
  const maxConcurrent = deps.maxConcurrentRequests ?? defaultAppDeps.maxConcurrentRequests
  app.use('/api/*', concurrencyLimit({ max: maxConcurrent }))
  if (deps.admin) app.route('/', admin(deps.admin))

  app.route('/', chat({ qa, newConversationId: newId }))
  app.route('/', chatStream({ qa, newConversationId: newId, log }))
  app.route('/', search({ qa }))
  app.route('/', catalog({ catalog: policyCatalog }))
  app.route('/', health({ catalog: policyCatalog }))
  app.route('/', metricsRoute({ metrics, catalog: policyCatalog }))
  app.doc(OPENAPI_PATH, {
    openapi: '3.0.3',
    info: { title: docsMessages.title, description: docsMessages.description, version: '1.0.0' },
  })
  if (staticAssets) app.route('/', swaggerUi({ staticAssets, specUrl: OPENAPI_PATH }))
  app.route('/', docView({ catalog: policyCatalog }))
  if (deps.widgetAssets) {
    app.route('/', widget({ assets: deps.widgetAssets }))
    app.route('/', demoPage({ catalog: policyCatalog }))
  }

  const onError = errorHandler({ log })
  app.onError(onError)
  app.notFound(notFoundHandler(onError))
  return app
}

/**
 * A body over the limit is refused unread, so the connection cannot be reused: what is left of the
 * body would be parsed as the next request (RFC 9112 §9.6, a server that does not read the whole
 * body closes the connection). Node honours `Connection: close`; other runtimes ignore it.
 */
function refuseLargeBody(c: Context): never {
  c.header('Connection', 'close')
  throw new ApiError('PAYLOAD_TOO_LARGE')
}
