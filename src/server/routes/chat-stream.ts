/** @module POST /api/chat/stream: the answer as Server-Sent Events, sentence by sentence. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { ChatRequestSchema, ChatResponseSchema, type ChatResponse } from '../../schema/api.js'
import { resolveConversationId } from '../conversation-id.js'
import type { AppEnv } from '../env.js'
import { describeError, type ErrorLog } from '../errors.js'
import { jsonOnly } from '../middleware/json-only/index.js'
import { streamChat, type QaService } from '../qa-service.js'
import { splitSentences } from '../split-sentences.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

/** `data` of a `delta` event: the next sentence of the answer. */
export const StreamDeltaSchema = z.object({ text: z.string() })
export type StreamDelta = z.infer<typeof StreamDeltaSchema>
/** `data` of a `replace` event: the whole answer so far, instead of every delta sent before. */
export const StreamReplaceSchema = z.object({ text: z.string() })
export type StreamReplace = z.infer<typeof StreamReplaceSchema>
/** `data` of the `citations` event: the answer's metadata, sent once after the last delta. */
export const StreamCitationsSchema = ChatResponseSchema.pick({
  citations: true,
  abstained: true,
  conversationId: true,
  rewrittenQuery: true,
})
export type StreamCitations = z.infer<typeof StreamCitationsSchema>

const EVENTS_DESCRIPTION = [
  'Events, in order: `delta` (data `{"text"}`, one per sentence, or the model\'s text as it is written;',
  'concatenated they are the answer; a citation marker such as `[1]` is never split between two),',
  'possibly `replace` (data `{"text"}`: discard the text so far and show this instead; sent when the',
  'checks on a model\'s answer removed a sentence, or the model failed and the offline answer is given;',
  'later deltas append to it),',
  'then one `citations` (data `{"citations","abstained","conversationId","rewrittenQuery"}`),',
  'then `done` (data `{}`). An error after the stream has started is sent as `error`',
  '(data `{"code","message"}`) and ends the stream. Invalid input is refused before the stream',
  'starts, with a JSON error and status as for /api/chat.',
].join(' ')

export const chatStreamRoute = createRoute({
  method: 'post',
  path: '/api/chat/stream',
  tags: ['chat'],
  summary: 'Answer a question as Server-Sent Events',
  description: EVENTS_DESCRIPTION,
  middleware: [jsonOnly()] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: ChatRequestSchema } } },
  },
  responses: {
    200: {
      description: EVENTS_DESCRIPTION,
      content: { 'text/event-stream': { schema: z.string() } },
    },
    400: errorResponses[400],
    413: errorResponses[413],
    415: errorResponses[415],
  },
})

export type ChatStreamOptions = {
  qa: QaService
  /** Makes the id of a new conversation. */
  newConversationId: () => string
  /** Receives server-side failures that happen after the stream started. */
  log: ErrorLog
}

/** The /api/chat/stream route, to mount with `app.route('/', chatStream(options))`. */
export function chatStream({ qa, newConversationId, log }: ChatStreamOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  return app.openapi(chatStreamRoute, async function chatStream(c) {
    const body = c.req.valid('json')
    const conversationId = resolveConversationId(body.conversationId, newConversationId)
    const requestId = c.get('requestId')
    // Everything inside is caught here: streamSSE's own onError would send the raw English message.
    return streamSSE(c, async function writeAnswer(stream) {
      try {
        let response: ChatResponse | undefined
        for await (const event of streamChat(qa, { ...body, conversationId })) {
          // The client left: leaving the loop ends the answer, which stops the model's request.
          if (stream.aborted) return
          if (event.type === 'done') response = event.response
          else if (event.type === 'replace') {
            const replace = { text: event.text } satisfies StreamReplace
            await stream.writeSSE({ event: 'replace', data: JSON.stringify(replace) })
          } else {
            // Splitting at sentence ends never cuts a marker: `[1]` holds none.
            for (const text of splitSentences(event.text)) {
              const delta = { text } satisfies StreamDelta
              await stream.writeSSE({ event: 'delta', data: JSON.stringify(delta) })
            }
          }
        }
        if (!response) throw new Error('the answer stream ended without its response')
        c.set('answer', { abstained: response.abstained, citations: response.citations.length })
        const { citations, abstained, rewrittenQuery } = response
        const meta = {
          citations,
          abstained,
          conversationId: response.conversationId,
          rewrittenQuery,
        } satisfies StreamCitations
        await stream.writeSSE({ event: 'citations', data: JSON.stringify(meta) })
        // `{}` rather than empty: EventSource does not dispatch an event whose data is empty.
        await stream.writeSSE({ event: 'done', data: '{}' })
      } catch (err) {
        const { body: errorBody } = describeError(err, requestId, log)
        await stream.writeSSE({ event: 'error', data: JSON.stringify(errorBody.error) })
      }
    })
  })
}
