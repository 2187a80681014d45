/** @module GET /api/docs, /api/docs/:docKey and /api/clause: the documents on file and their clauses. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { createError } from '../../errors.js'
import {
  ClauseDetailSchema,
  DocumentDetailSchema,
  DocumentSummarySchema,
} from '../../schema/api.js'
import type { AppEnv } from '../env.js'
import { parameterMessages } from '../messages.js'
import type { PolicyCatalog } from '../qa-service.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

/** Body of GET /api/docs; an object, not a bare array, so fields can be added later. */
export const DocumentListSchema = z
  .object({ documents: z.array(DocumentSummarySchema) })
  .openapi('DocumentList')

/** A required, single, non-blank query parameter, with Chinese messages for each failure. */
function queryParameter(name: string, example: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? parameterMessages.missing(name)
          : parameterMessages.repeated(name),
    })
    .trim()
    .min(1, parameterMessages.empty(name))
    .openapi({ param: { name, in: 'query' }, example })
}

export const ClauseQuerySchema = z.object({
  docKey: queryParameter('docKey', 'changzhou'),
  path: queryParameter('path', '二/（三）/1'),
})

export const DocumentParamsSchema = z.object({
  docKey: z.string().openapi({ param: { name: 'docKey', in: 'path' }, example: 'changzhou' }),
})

export const documentsRoute = createRoute({
  method: 'get',
  path: '/api/docs',
  tags: ['documents'],
  summary: 'The documents on file, with their validity today',
  responses: {
    200: {
      description: 'All documents',
      content: { 'application/json': { schema: DocumentListSchema } },
    },
  },
})

export const documentRoute = createRoute({
  method: 'get',
  path: '/api/docs/{docKey}',
  tags: ['documents'],
  summary: 'One document and its units, in reading order',
  request: { params: DocumentParamsSchema },
  responses: {
    200: {
      description: 'The document',
      content: { 'application/json': { schema: DocumentDetailSchema } },
    },
    404: errorResponses[404],
  },
})

export const clauseRoute = createRoute({
  method: 'get',
  path: '/api/clause',
  tags: ['documents'],
  summary: 'One unit with its citation, breadcrumb and neighbours',
  request: { query: ClauseQuerySchema },
  responses: {
    200: {
      description: 'The unit',
      content: { 'application/json': { schema: ClauseDetailSchema } },
    },
    400: errorResponses[400],
    404: errorResponses[404],
  },
})

export type CatalogOptions = { catalog: PolicyCatalog }

/** The catalogue routes, to mount with `app.route('/', catalog(options))`. */
export function catalog({ catalog }: CatalogOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  return app
    .openapi(documentsRoute, function documents(c) {
      return c.json({ documents: catalog.documents() }, 200)
    })
    .openapi(documentRoute, async function document(c) {
      const { docKey } = c.req.valid('param')
      const detail = await catalog.document(docKey)
      if (!detail) throw createError('DOC_NOT_FOUND', docKey)
      return c.json(detail, 200)
    })
    .openapi(clauseRoute, async function clause(c) {
      const { docKey, path } = c.req.valid('query')
      const detail = await catalog.clause(docKey, path)
      if (!detail) throw createError('CLAUSE_NOT_FOUND', docKey, path)
      return c.json(detail, 200)
    })
}
