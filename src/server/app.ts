/** @module createApp: the HTTP API over a QaService and a PolicyCatalog, for any runtime. */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
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
import { requestId } from './middleware/request-id/index.js'
import type { PolicyCatalog, QaService } from './qa-service.js'
import { catalog } from './routes/catalog.js'
import { chatStream } from './routes/chat-stream.js'
import { chat } from './routes/chat.js'
import { health } from './routes/health.js'
import { search } from './routes/search.js'
import { swaggerUi, type StaticAssets } from './routes/swagger-ui.js'
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
}

export const defaultAppDeps = {
  newConversationId,
  maxBodyBytes: 64 * 1024,
  log: defaultErrorLog,
} satisfies Partial<AppDeps>

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
  // Before the JSON body limit: WeChat gets `success`, never a 413 (the route has its own limit).
  if (deps.wechat) app.route('/', wechat({ qa, catalog: policyCatalog, ...deps.wechat }))
  app.use('*', bodyLimit({ maxSize: maxBodyBytes, onError: refuseLargeBody }))

  app.route('/', chat({ qa, newConversationId: newId }))
  app.route('/', chatStream({ qa, newConversationId: newId, log }))
  app.route('/', search({ qa }))
  app.route('/', catalog({ catalog: policyCatalog }))
  app.route('/', health({ catalog: policyCatalog }))
  app.doc(OPENAPI_PATH, {
    openapi: '3.0.3',
    info: { title: docsMessages.title, description: docsMessages.description, version: '1.0.0' },
  })
  if (staticAssets) app.route('/', swaggerUi({ staticAssets, specUrl: OPENAPI_PATH }))

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
