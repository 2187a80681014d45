/** @module The app's one error exit: every error response, JSON or SSE, is built from here. */
import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from '@hono/zod-openapi'
import { QaError, type QaErrorCode } from '../errors.js'
import type { ErrorResponseSchema } from '../schema/api.js'
import type { AppEnv } from './env.js'
import { errorMessages } from './messages.js'

/** Errors the HTTP layer raises itself, with their status. Messages are in messages.ts. */
const apiErrorStatus = {
  INVALID_INPUT: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REINDEX_RUNNING: 409,
  DOC_KEY_TAKEN: 409,
  DOCUMENT_REFUSED: 422,
  UNSUPPORTED_DOCUMENT: 415,
  REINDEX_FAILED: 500,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  OVERLOADED: 503,
  TIMEOUT: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ApiErrorCode = keyof typeof apiErrorStatus

/** 5xx that are the server protecting itself, not failing: logging each would flood the log under load. */
const UNLOGGED_CODES: ReadonlySet<string> = new Set<ApiErrorCode>(['OVERLOADED'])

/** The code for an HTTPException Hono itself threw (body-limit, validator, media-type gate). */
const codeOfStatus: Partial<Record<number, ApiErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
}

/**
 * Core error codes → HTTP. Typed over every `QaErrorCode`, so a code added to the core's table does
 * not compile until it is mapped here. Index and configuration faults are the operator's problem:
 * they answer 503/500 under a generic code, so no file name or path reaches the client.
 */
const qaErrorHttp: Record<QaErrorCode, ErrorMapping> = {
  DOC_NOT_FOUND: { status: 404, code: 'DOC_NOT_FOUND', message: errorMessages.DOC_NOT_FOUND },
  CLAUSE_NOT_FOUND: {
    status: 404,
    code: 'CLAUSE_NOT_FOUND',
    message: errorMessages.CLAUSE_NOT_FOUND,
  },
  INDEX_MISSING: unavailable(),
  INDEX_INVALID: unavailable(),
  INDEX_VERSION: unavailable(),
  INDEX_EMBEDDINGS: unavailable(),
  MANIFEST_INVALID: unavailable(),
  DOCUMENT_UNREADABLE: unavailable(),
  DOCUMENT_EMPTY: unavailable(),
  DOCUMENT_UNSUPPORTED: unavailable(),
  DOCUMENT_NO_TEXT: unavailable(),
  DOCUMENT_NOT_UPLOADED: { status: 409, code: 'DOC_KEY_TAKEN', message: errorMessages.DOC_KEY_TAKEN },
  REINDEX_BUSY: { status: 409, code: 'REINDEX_RUNNING', message: errorMessages.REINDEX_RUNNING },
  REINDEX_FAILED: { status: 500, code: 'REINDEX_FAILED', message: errorMessages.REINDEX_FAILED },
  DOCUMENT_BEGIN_NOT_FOUND: unavailable(),
  DUPLICATE_DOC_KEY: unavailable(),
  NO_DOCUMENTS: unavailable(),
  CONFIG_INVALID: internal(),
}

/** Headers of an HTTPException's own response that describe its body, which is replaced. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding'])

/** The body every error response carries. */
export type ErrorBody = z.infer<typeof ErrorResponseSchema>

/** What is logged for a server-side failure. */
export type ErrorLogEntry = { requestId: string; status: number; error: unknown }
export type ErrorLog = (entry: ErrorLogEntry) => void

/** Writes server-side failures to stderr; the stack stays in the log, never in a response. */
export const defaultErrorLog: ErrorLog = ({ requestId, status, error }) => {
  console.error(`[request ${requestId}] ${status}`, error)
}

/**
 * An error of the HTTP layer: an `HTTPException` with a `code` from the table above and a Chinese
 * message (from messages.ts unless given, e.g. a zod issue's own message).
 */
export class ApiError extends HTTPException {
  readonly code: ApiErrorCode

  constructor(code: ApiErrorCode, options: { message?: string; cause?: unknown } = {}) {
    super(apiErrorStatus[code], {
      message: options.message ?? errorMessages[code],
      cause: options.cause,
    })
    this.name = 'ApiError'
    this.code = code
  }
}

/** An error turned into what the client may see. */
export type DescribedError = {
  status: ContentfulStatusCode
  body: ErrorBody
  /** Headers of an HTTPException's own response (e.g. `Allow`), kept on the JSON response. */
  headers: [string, string][]
}

/**
 * Maps any thrown value to a status and a `{ error: { code, message } }` body, logging those that
 * are the server's fault (status 500 and over). Used by {@link errorHandler} and, once an SSE stream
 * has started, by the stream route for its `error` event.
 */
export function describeError(err: unknown, requestId: string, log: ErrorLog): DescribedError {
  const mapping = mapError(err)
  if (mapping.status >= 500 && !UNLOGGED_CODES.has(mapping.code)) {
    log({ requestId, status: mapping.status, error: err })
  }
  const headers: [string, string][] = []
  if (err instanceof HTTPException && mapping.status < 500) {
    err.getResponse().headers.forEach((value, name) => {
      if (!BODY_HEADERS.has(name)) headers.push([name, value])
    })
  }
  return {
    status: mapping.status,
    body: { error: { code: mapping.code, message: mapping.message } },
    headers,
  }
}

export type ErrorHandlerOptions = {
  /** Receives every 5xx with its request id. Default {@link defaultErrorLog} (stderr). */
  log: ErrorLog
}

export const defaultErrorHandlerOptions: ErrorHandlerOptions = { log: defaultErrorLog }

/**
 * The app's `onError`, the only place that builds an error response. HTTPException (ApiError,
 * Hono's body-limit, validator and media-type gate) keeps its status and headers with a JSON body;
 * QaError maps through the code table; anything else is logged and answered 500.
 *
 * @param options.log - default {@link defaultErrorLog}
 *
 * @example
 * ```ts
 * const onError = errorHandler({ log: (entry) => logger.error(entry) })
 * app.onError(onError)
 * app.notFound(notFoundHandler(onError))
 * ```
 */
export function errorHandler(options: Partial<ErrorHandlerOptions> = {}): ErrorHandler<AppEnv> {
  const { log } = { ...defaultErrorHandlerOptions, ...options } satisfies ErrorHandlerOptions

  return function errorHandler(err, c) {
    const { status, body, headers } = describeError(err, c.get('requestId') ?? 'unknown', log)
    for (const [name, value] of headers) c.header(name, value)
    return c.json(body, status)
  }
}

/**
 * Unknown routes (and methods a path does not support) answer 404 JSON through `onError`, so the
 * response is built in one place. It calls the handler instead of throwing: in hono-base a throw
 * from the not-found handler reaches `onError` only when some middleware matched the path.
 */
export function notFoundHandler(onError: ErrorHandler<AppEnv>): NotFoundHandler<AppEnv> {
  return function notFound(c) {
    return onError(new ApiError('NOT_FOUND'), c)
  }
}

type ErrorMapping = { status: ContentfulStatusCode; code: string; message: string }

function mapError(err: unknown): ErrorMapping {
  if (err instanceof ApiError) {
    return { status: err.status as ContentfulStatusCode, code: err.code, message: err.message }
  }
  if (err instanceof HTTPException) {
    const code = codeOfStatus[err.status]
    if (code) return { status: apiErrorStatus[code], code, message: errorMessages[code] }
    // Outside 4xx nothing the client sent explains it (and a 1xx/204 cannot carry a body).
    if (err.status < 400 || err.status >= 500) return internal()
    return {
      status: err.status as ContentfulStatusCode,
      code: 'BAD_REQUEST',
      message: errorMessages.BAD_REQUEST,
    }
  }
  if (err instanceof QaError) return qaErrorHttp[err.code] ?? internal()
  return internal()
}

function unavailable(): ErrorMapping {
  return { status: 503, code: 'SERVICE_UNAVAILABLE', message: errorMessages.INDEX_UNAVAILABLE }
}

function internal(): ErrorMapping {
  return { status: 500, code: 'INTERNAL_ERROR', message: errorMessages.INTERNAL_ERROR }
}
