/** @module CharacterPairs: which pairs of adjacent characters a corpus holds, to tell at once a word it never says. */
import type { Chunk } from '../schema/clause.js'
import { normalizeForMatch } from './normalize.js'

/**
 * The pairs of adjacent characters texts hold, as a Bloom filter (2 MB, two bits a pair): false
 * positives (~1% at a million distinct pairs) only send a question to the text scan, and a pair
 * never added is never reported held.
 */
export class CharacterPairs {
  readonly #bits: Uint32Array

  constructor(bits = new Uint32Array(PAIR_FILTER_BITS / 32)) {
    if (bits.length !== PAIR_FILTER_BITS / 32) {
      throw new Error(`CharacterPairs: expected ${PAIR_FILTER_BITS / 8} bytes of filter, got ${bits.byteLength}`)
    }
    this.#bits = bits
  }

  /** The pairs of every chunk's heading and text, as `mentions` compares them. */
  static ofChunks(chunks: Iterable<Pick<Chunk, 'heading' | 'text'>>): CharacterPairs {
    const pairs = new CharacterPairs()
    for (const chunk of chunks) pairs.add(normalizeForMatch(`${chunk.heading}${chunk.text}`))
    return pairs
  }

  /** The filter as base64 parts of `bytes` bytes at most: rows of D1, whose statements are capped at 100 KB. */
  toBase64Parts(bytes: number): string[] {
    const raw = new Uint8Array(this.#bits.buffer, this.#bits.byteOffset, this.#bits.byteLength)
    const parts: string[] = []
    for (let start = 0; start < raw.length; start += bytes) {
      let binary = ''
      for (const byte of raw.subarray(start, start + bytes)) binary += String.fromCharCode(byte)
      parts.push(btoa(binary))
    }
    return parts
  }

  /** The filter from {@link toBase64Parts}, in order. */
  static fromBase64Parts(parts: readonly string[]): CharacterPairs {
    const binary = parts.map((part) => atob(part)).join('')
    const raw = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) raw[i] = binary.charCodeAt(i)
    if (raw.length % 4 !== 0) throw new Error(`CharacterPairs: ${raw.length} bytes is no whole number of words`)
    return new CharacterPairs(new Uint32Array(raw.buffer))
  }

  add(text: string): void {
    for (let i = 1; i < text.length; i++) {
      const key = pairKey(text, i)
      this.#set(firstHash(key))
      this.#set(secondHash(key))
    }
  }

  /** False when some pair of adjacent characters of `text` was never added; true otherwise (also for texts under two characters). */
  mayHold(text: string): boolean {
    for (let i = 1; i < text.length; i++) {
      const key = pairKey(text, i)
      if (!this.#has(firstHash(key)) || !this.#has(secondHash(key))) return false
    }
    return true
  }

  #set(bit: number): void {
    this.#bits[bit >>> 5] |= 1 << (bit & 31)
  }

  #has(bit: number): boolean {
    return (this.#bits[bit >>> 5] & (1 << (bit & 31))) !== 0
  }
}

/** Bits of the {@link CharacterPairs} filter: 2^24, 2 MB. */
const PAIR_FILTER_BITS = 1 << 24

/** The UTF-16 code units at i − 1 and i, as one number. */
function pairKey(text: string, i: number): number {
  return (text.charCodeAt(i - 1) << 16) | text.charCodeAt(i)
}

// Two independent multiplicative hashes, each keeping 24 bits.
function firstHash(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 8
}

function secondHash(key: number): number {
  return Math.imul(key ^ 0x85ebca6b, 0xc2b2ae35) >>> 8
}

