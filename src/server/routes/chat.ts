/** @module POST /api/chat: one question, one cited answer. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { ChatRequestSchema, ChatResponseSchema } from '../../schema/api.js'
import { resolveConversationId } from '../conversation-id.js'
import type { AppEnv } from '../env.js'
import { jsonOnly } from '../middleware/json-only/index.js'
import type { QaService } from '../qa-service.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

export const chatRoute = createRoute({
  method: 'post',
  path: '/api/chat',
  tags: ['chat'],
  summary: 'Answer a question with citations',
  description:
    'A `conversationId` matching `^[A-Za-z0-9_-]{16,64}$` is kept; any other (or none) is replaced by a new random one, returned in the response.',
  middleware: [jsonOnly()] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: ChatRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The answer, or `abstained: true` when the documents on file do not answer it',
      content: { 'application/json': { schema: ChatResponseSchema } },
    },
    400: errorResponses[400],
    413: errorResponses[413],
    415: errorResponses[415],
    500: errorResponses[500],
    503: errorResponses[503],
  },
})

export type ChatOptions = {
  qa: QaService
  /** Makes the id of a new conversation. */
  newConversationId: () => string
}

/** The /api/chat route, to mount with `app.route('/', chat(options))`. */
export function chat({ qa, newConversationId }: ChatOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  return app.openapi(chatRoute, async function chat(c) {
    const body = c.req.valid('json')
    const conversationId = resolveConversationId(body.conversationId, newConversationId)
    const response = await qa.chat({ ...body, conversationId })
    c.set('answer', { abstained: response.abstained, citations: response.citations.length })
    return c.json(response, 200)
  })
}
