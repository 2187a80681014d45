import { z } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { ChatRequestSchema, SearchRequestSchema } from '../schema/api.js'
import { ApiError } from './errors.js'
import { issueMessage, validationHook } from './validation-hook.js'

const HAN = /\p{Script=Han}/u

function firstIssue(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value)
  if (result.success) throw new Error('expected a validation failure')
  return result.error.issues[0]!
}

describe('validationHook', () => {
  it('should let a successful result through', () => {
    expect(validationHook({ success: true })).toBeUndefined()
  })

  it('should throw INVALID_INPUT (400) with the first issue’s message', () => {
    const result = ChatRequestSchema.safeParse({ question: '' })
    expect(result.success).toBe(false)
    if (result.success) return
    try {
      validationHook(result)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError)
      expect(err).toMatchObject({ status: 400, code: 'INVALID_INPUT', message: '问题不能为空' })
    }
  })
})

describe('issueMessage', () => {
  it('should keep the Chinese message the schema wrote', () => {
    expect(issueMessage(firstIssue(ChatRequestSchema, { question: ' ' }))).toBe('问题不能为空')
    expect(issueMessage(firstIssue(SearchRequestSchema, { query: 'a', k: 99 }))).toBe('k 最大为 20')
  })

  it.each([
    ['a wrong type', { question: 'a', conversationId: 1 }, 'conversationId'],
    ['a value too long', { question: 'a', conversationId: 'x'.repeat(65) }, 'conversationId'],
    ['a nested field', { question: 'a', city: 12 }, 'city'],
  ])(
    'should replace zod’s English default for %s with Chinese naming the field',
    (_, value, field) => {
      const message = issueMessage(firstIssue(ChatRequestSchema, value))
      expect(message).toMatch(HAN)
      expect(message).toContain(field)
    }
  )

  it.each([null, [], 'text', 42])(
    'should say the body must be an object when it is %j',
    (value) => {
      expect(issueMessage(firstIssue(ChatRequestSchema, value))).toBe('请求内容必须是 JSON 对象')
    }
  )

  it('should list unrecognised keys of a strict schema', () => {
    const message = issueMessage(firstIssue(z.object({}).strict(), { extra: 1 }))
    expect(message).toContain('extra')
    expect(message).toMatch(HAN)
  })
})
