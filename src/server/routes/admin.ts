/** @module /api/admin/*: operator actions behind `Authorization: Bearer <ADMIN_TOKEN>`. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { bearerAuth } from 'hono/bearer-auth'
import { ReindexStatusSchema, type ReindexStatus } from '../../schema/api.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

/** What the admin API drives; implemented by ReindexJob. */
export interface IndexAdmin {
  /** Starts rebuilding the index in the background; false when a rebuild is already running. */
  reindex(): boolean
  /** The last rebuild and the index answering now. */
  status(): ReindexStatus
}

const statusContent = { 'application/json': { schema: ReindexStatusSchema } }
const security = [{ adminToken: [] }]

export const reindexRoute = createRoute({
  method: 'post',
  path: '/api/admin/reindex',
  tags: ['admin'],
  summary: 'Rebuild the index from the document folders and swap it in',
  description:
    'Answers at once; the rebuild runs in the background. Requests keep being answered by the current index until the new one is complete, then by the new one. A failed rebuild keeps the current index; GET says why.',
  security,
  responses: {
    202: { description: 'Rebuild started', content: statusContent },
    401: errorResponses[401],
    409: errorResponses[409],
  },
})

export const reindexStatusRoute = createRoute({
  method: 'get',
  path: '/api/admin/reindex',
  tags: ['admin'],
  summary: 'State of the last rebuild and the index in service',
  security,
  responses: {
    200: { description: 'The state', content: statusContent },
    401: errorResponses[401],
  },
})

export type AdminOptions = {
  /** The bearer token; compared in constant time. */
  token: string
  admin: IndexAdmin
}

/**
 * The admin routes, to mount with `app.route('/', admin(options))` only when a token is configured:
 * without one they do not exist (404), so there is no default password to guess.
 */
export function admin({ token, admin }: AdminOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN',
  })
  app.use('/api/admin/*', bearerAuth({ token }))
  return app
    .openapi(reindexRoute, function reindex(c) {
      if (!admin.reindex()) throw new ApiError('REINDEX_RUNNING')
      return c.json(admin.status(), 202)
    })
    .openapi(reindexStatusRoute, function reindexStatus(c) {
      c.header('Cache-Control', 'no-store')
      return c.json(admin.status(), 200)
    })
}
