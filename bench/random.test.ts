import { describe, expect, it } from 'vitest'
import { mixSeed, pick, seededRandom, shuffled } from './random.js'

describe('seededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b))
  })

  it('gives another sequence for another seed', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)())
  })

  it('stays in [0, 1)', () => {
    const random = seededRandom(7)
    for (let i = 0; i < 10_000; i++) {
      const x = random()
      expect(x >= 0 && x < 1).toBe(true)
    }
  })
})

describe('mixSeed', () => {
  it('depends on every part and on their order', () => {
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3))
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(1, 3, 2))
    expect(mixSeed(1, 2)).not.toBe(mixSeed(1, 2, 0))
  })
})

describe('shuffled', () => {
  it('returns a permutation and leaves the input alone', () => {
    const items = [1, 2, 3, 4, 5, 6]
    const out = shuffled(seededRandom(3), items)
    expect([...out].sort()).toEqual(items)
    expect(items).toEqual([1, 2, 3, 4, 5, 6])
  })
})

describe('pick', () => {
  it('refuses an empty list', () => {
    expect(() => pick(seededRandom(1), [])).toThrow(/empty/)
  })
})
