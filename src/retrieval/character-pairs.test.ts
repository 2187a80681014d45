import { describe, expect, it } from 'vitest'
import { CharacterPairs } from './character-pairs.js'

describe('CharacterPairs', () => {
  it('should hold every piece of an added text, and not a pair it never saw', () => {
    const pairs = CharacterPairs.ofChunks([{ heading: '（一）', text: '创业担保贷款' }])
    expect(pairs.mayHold('担保贷')).toBe(true)
    expect(pairs.mayHold('贷')).toBe(true)
    expect(pairs.mayHold('公积金')).toBe(false)
  })

  it('should come back whole from its base64 parts', () => {
    const pairs = CharacterPairs.ofChunks([{ heading: '', text: '就业见习补贴' }])
    const parts = pairs.toBase64Parts(48 * 1024)
    expect(parts.every((p) => p.length <= 64 * 1024)).toBe(true)
    const back = CharacterPairs.fromBase64Parts(parts)
    expect(back.mayHold('见习补贴')).toBe(true)
    expect(back.mayHold('公积金')).toBe(false)
    expect(() => CharacterPairs.fromBase64Parts(parts.slice(1))).toThrow(/expected/)
  })
})
