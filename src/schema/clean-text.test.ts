import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { userText } from '../../test/support/question-arbitraries.js'
import { ChatRequestSchema, inputLimits, SearchRequestSchema } from './api.js'
import { stripControlCharacters } from './clean-text.js'

describe('stripControlCharacters', () => {
  it('should remove null bytes, escapes, DEL and C1 controls', () => {
    expect(stripControlCharacters('社保\u0000补贴\u001b[31m\u007f\u0085')).toBe('社保补贴[31m')
  })

  it('should remove bidi overrides, zero-width spaces and the byte-order mark', () => {
    expect(stripControlCharacters('\uFEFF创业\u202E担保\u200B贷款\u2066')).toBe('创业担保贷款')
  })

  it('should keep tabs, newlines, emoji joiners, full-width digits and Chinese punctuation', () => {
    const text = '第一行\n第二行\t👨\u200D👩\u200D👧 ２０２４年，（一）'
    expect(stripControlCharacters(text)).toBe(text)
  })
})

describe('request schemas', () => {
  it('should strip control characters from the question before the length checks', () => {
    const result = ChatRequestSchema.safeParse({ question: '\u0000\u0001\u200B ' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].message).toBe('问题不能为空')
  })

  it('should strip them from the query, history turns and city', () => {
    const parsed = SearchRequestSchema.parse({
      query: '创业\u0000贷款',
      city: '常州\u202E',
      history: [{ role: 'user', content: '你好\u0007' }],
    })
    expect(parsed).toMatchObject({ query: '创业贷款', city: '常州', history: [{ content: '你好' }] })
  })

  it('should keep full-width digits as typed (matching normalises them, not the schema)', () => {
    expect(ChatRequestSchema.parse({ question: '２０２４年的补贴' }).question).toBe('２０２４年的补贴')
  })
})

describe('with generated test data', () => {
  // What stripControlCharacters removes, spelled out character by character.
  const isControl = (ch: string) => {
    const code = ch.codePointAt(0)!
    const c0 = code <= 0x1f && ch !== '\t' && ch !== '\n' && ch !== '\r'
    return c0 || (code >= 0x7f && code <= 0x9f) || '\u200B\u200E\u200F\uFEFF'.includes(ch) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
  }

  it('removes exactly the control characters, keeps everything else in order, and is idempotent', () => {
    fc.assert(
      fc.property(userText(), (text) => {
        const cleaned = stripControlCharacters(text)
        expect(cleaned).toBe([...text].filter((ch) => !isControl(ch)).join(''))
        expect(stripControlCharacters(cleaned)).toBe(cleaned)
      }),
      { numRuns: 300 }
    )
  })

  it('accepts a question only when it is cleaned, trimmed, non-empty and within the limit', () => {
    fc.assert(
      fc.property(userText(inputLimits.questionMaxChars + 20), (question) => {
        const result = ChatRequestSchema.safeParse({ question })
        const expected = stripControlCharacters(question).trim()
        expect(result.success).toBe(expected.length > 0 && expected.length <= inputLimits.questionMaxChars)
        if (result.success) expect(result.data.question).toBe(expected)
        else expect(result.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/)
      }),
      { numRuns: 300 }
    )
  })
})
