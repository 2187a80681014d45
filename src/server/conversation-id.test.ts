import { describe, expect, it } from 'vitest'
import {
  CONVERSATION_ID_PATTERN,
  newConversationId,
  resolveConversationId,
} from './conversation-id.js'

describe('newConversationId', () => {
  it('should make ids that a client may send back', () => {
    expect(newConversationId()).toMatch(CONVERSATION_ID_PATTERN)
  })

  it('should not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newConversationId))
    expect(ids.size).toBe(1000)
  })
})

describe('resolveConversationId', () => {
  const generate = () => 'generated-conversation-id'

  it('should keep a well-formed id', () => {
    expect(resolveConversationId('abcDEF0123456789_-', generate)).toBe('abcDEF0123456789_-')
    expect(resolveConversationId('a'.repeat(64), generate)).toBe('a'.repeat(64))
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['shorter than 16', 'abc123'],
    ['longer than 64', 'a'.repeat(65)],
    ['with a space', 'abcdefgh ijklmnop'],
    ['with a slash', 'abcdefgh/ijklmnop'],
    ['non-ASCII', '会话会话会话会话会话会话会话会话'],
    ['with a line break', 'abcdefghijklmnop\n'],
  ])('should replace an id that is %s', (_, sent) => {
    expect(resolveConversationId(sent, generate)).toBe('generated-conversation-id')
  })
})
