/** @module The error responses routes declare in the OpenAPI document, all `{ error: { code, message } }`. */
import { ErrorResponseSchema } from '../../schema/api.js'

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorResponseSchema } } }
}

/** Pick the ones a route can return: `responses: { 200: …, 400: errorResponses[400] }`. */
export const errorResponses = {
  400: errorResponse(
    'Invalid input (INVALID_INPUT, the first zod issue) or malformed JSON (INVALID_JSON)'
  ),
  401: errorResponse('Missing or wrong `Authorization: Bearer` admin token (UNAUTHORIZED)'),
  404: errorResponse('Unknown document, clause or route'),
  409: errorResponse('An index rebuild is already running (REINDEX_RUNNING)'),
  413: errorResponse('Request body over the size limit (64 KiB by default)'),
  415: errorResponse('Content-Type is not application/json'),
  429: errorResponse('Too many requests from this client (RATE_LIMITED); see `Retry-After`'),
  500: errorResponse('Internal error; the request id is in X-Request-Id and in the log'),
  503: errorResponse(
    'The policy index is not available, too many requests in progress (OVERLOADED, see `Retry-After`) or the answer took too long (TIMEOUT)'
  ),
} as const
