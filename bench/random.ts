/** @module Seeded pseudo-random numbers: the same seed gives the same synthetic corpus on every machine. */

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Random = () => number

/**
 * mulberry32: a 32-bit state generator, fast and good enough to pick words and shuffle sentences
 * (not for cryptography). The same seed always yields the same sequence.
 *
 * @example
 * const random = seededRandom(42)
 * random() // 0.6011037519201636, on every run
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return function mulberry32(): number {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed derived from several integers (FNV-1a), so each part of a corpus has its own stream. */
export function mixSeed(...parts: number[]): number {
  let hash = 0x811c9dc5
  for (const part of parts) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (part >>> shift) & 0xff
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
  }
  return hash
}

/** One element of a non-empty list, chosen uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: the list is empty')
  return items[Math.floor(random() * items.length)]
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = items.slice()
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}
