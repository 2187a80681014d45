/** @module The zod-openapi `defaultHook`: a failed validation becomes one Chinese 400 message. */
import type { z } from '@hono/zod-openapi'
import { ApiError } from './errors.js'
import { validationMessages } from './messages.js'

/** A message written in the schema (src/schema/api.ts writes them in Chinese) contains Han characters. */
const HAN = /\p{Script=Han}/u

/**
 * Throws `ApiError('INVALID_INPUT')` (400) with the first issue's message when validation failed;
 * `app.onError` turns it into the response. Pass it as `defaultHook` to every `OpenAPIHono`.
 *
 * @example
 * ```ts
 * const app = new OpenAPIHono({ defaultHook: validationHook })
 * ```
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError }
): undefined {
  if (result.success) return undefined
  const issue = result.error.issues[0]
  throw new ApiError('INVALID_INPUT', {
    message: issue ? issueMessage(issue) : validationMessages.body,
    cause: result.error,
  })
}

/**
 * The schema's own message when it wrote one; otherwise a Chinese sentence naming the field, in
 * place of zod's English default (fields such as `conversationId` or `city` carry none).
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (HAN.test(issue.message)) return issue.message
  const field = issue.path.map(String).join('.')
  if (!field && issue.code === 'invalid_type') return validationMessages.body
  const name = field || validationMessages.bodyName
  switch (issue.code) {
    case 'invalid_type':
      return validationMessages.invalidType(name)
    case 'too_big':
      return validationMessages.tooBig(name)
    case 'too_small':
      return validationMessages.tooSmall(name)
    case 'invalid_value':
    case 'invalid_format':
    case 'invalid_union':
      return validationMessages.invalidValue(name)
    case 'unrecognized_keys':
      return validationMessages.unrecognizedKeys(issue.keys.join('、'))
    default:
      return validationMessages.other(name)
  }
}
