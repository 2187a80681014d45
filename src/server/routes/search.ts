/** @module POST /api/search: the units that best match a query, without composing an answer. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { SearchRequestSchema, SearchResponseSchema } from '../../schema/api.js'
import type { AppEnv } from '../env.js'
import { jsonOnly } from '../middleware/json-only/index.js'
import type { QaService } from '../qa-service.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

export const searchRoute = createRoute({
  method: 'post',
  path: '/api/search',
  tags: ['search'],
  summary: 'Search the clauses on file',
  middleware: [jsonOnly()] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: SearchRequestSchema } } },
  },
  responses: {
    200: {
      description: 'Matching units, best first (at most `k`)',
      content: { 'application/json': { schema: SearchResponseSchema } },
    },
    400: errorResponses[400],
    413: errorResponses[413],
    415: errorResponses[415],
    500: errorResponses[500],
    503: errorResponses[503],
  },
})

export type SearchOptions = { qa: QaService }

/** The /api/search route, to mount with `app.route('/', search(options))`. */
export function search({ qa }: SearchOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  return app.openapi(searchRoute, async function search(c) {
    const results = await qa.search(c.req.valid('json'))
    return c.json({ results }, 200)
  })
}
