/** @module GET /healthz: the loaded index's version and size. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { HealthSchema } from '../../schema/api.js'
import type { AppEnv } from '../env.js'
import type { PolicyCatalog } from '../qa-service.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Liveness and the loaded index',
  responses: {
    200: { description: 'Serving', content: { 'application/json': { schema: HealthSchema } } },
    503: errorResponses[503],
  },
})

export type HealthOptions = { catalog: PolicyCatalog }

/** The /healthz route, to mount with `app.route('/', health(options))`. */
export function health({ catalog }: HealthOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  return app.openapi(healthRoute, function health(c) {
    // Never cached: a load balancer must see the current state.
    c.header('Cache-Control', 'no-store')
    return c.json(catalog.health(), 200)
  })
}
