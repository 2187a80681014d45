import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GROUNDING_SYSTEM_PROMPT } from './grounding-prompt.js'
import { ECHO_MIN_CHARS, EchoHoldBack, PromptEcho } from './prompt-echo.js'

const CLAUSE = '原文：对招用高校毕业生的企业，按每人1500元给予一次性扩岗补助。'
const echo = new PromptEcho(GROUNDING_SYSTEM_PROMPT, [CLAUSE])
const RULE = GROUNDING_SYSTEM_PROMPT.split('\n')[0]

/** Cuts text into pieces at the given fractions of its length. */
const cut = (text: string, fractions: number[]) => {
  const points = [...new Set(fractions.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b)
  return [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length))
}
const pieces = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 30 })).map(([t, f]) => cut(t, f))

describe('PromptEcho', () => {
  it('finds a run of the prompt, across whitespace and full-width forms', () => {
    expect(echo.in(`好的，${RULE.slice(3, 20)}`)).toBeDefined()
    expect(echo.in(RULE.slice(3, 20).split('').join(' '))).toBeDefined()
  })

  it('does not find short shared words, or words a clause also contains', () => {
    expect(echo.in('就业创业政策咨询服务')).toBeUndefined()
    expect(new PromptEcho(GROUNDING_SYSTEM_PROMPT, [RULE]).in(RULE)).toBeUndefined()
  })
})

describe('EchoHoldBack', () => {
  describe('with generated test data', () => {
    const answer = fc.array(fc.constantFrom('每人1500元', '[1]', '[12]', '。', '\n', '😀', '补助', 'a'), { maxLength: 40 }).map((p) => p.join(''))

    it('releases an answer that repeats no prompt whole, in order, without cutting a marker', () => {
      fc.assert(
        fc.property(pieces(answer), (chunks) => {
          const holdBack = new EchoHoldBack(echo)
          const released = [...chunks.map((c) => holdBack.push(c)), holdBack.end()].filter(Boolean)
          expect(released.join('')).toBe(chunks.join(''))
          for (const part of released.slice(0, -1)) {
            expect(part).not.toMatch(/\[\d*$/)
            expect(part).not.toMatch(/[\ud800-\udbff]$/)
          }
        }),
        { numRuns: 200 }
      )
    })

    it('never releases a whole run of the prompt, however the echo is cut', () => {
      const leaking = fc.tuple(answer, fc.constantFrom(...GROUNDING_SYSTEM_PROMPT.split('\n').filter((rule) => rule.length >= ECHO_MIN_CHARS))).map(([a, rule]) => `${a}${rule}[1]`)
      fc.assert(
        fc.property(pieces(leaking), (chunks) => {
          const holdBack = new EchoHoldBack(echo)
          const released = [...chunks.map((c) => holdBack.push(c)), holdBack.end()].join('')
          expect(echo.in(released)).toBeUndefined()
          expect(released.length).toBeLessThan(chunks.join('').length)
        }),
        { numRuns: 200 }
      )
    })
  })

  it('holds back fewer characters than a run', () => {
    const text = '对招用高校毕业生的企业，按每人1500元给予补助'
    const holdBack = new EchoHoldBack(echo)
    expect(holdBack.push(text)).toBe(text.slice(0, text.length - (ECHO_MIN_CHARS - 1)))
    expect(holdBack.end()).toBe(text.slice(text.length - (ECHO_MIN_CHARS - 1)))
  })
})
