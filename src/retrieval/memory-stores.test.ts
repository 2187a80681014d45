import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedIndexDir } from '../../test/support/seed-engine.js'
import { loadIndexFolder } from '../adapters/fs-index/index.js'
import { HashingEmbeddings } from '../adapters/hashing-embeddings/index.js'
import type { PolicyIndex } from './policy-index.js'
import { MemoryClauseStore } from './memory-stores.js'
import { normalizeForMatch } from './normalize.js'

let index: PolicyIndex
let texts: string[]
beforeAll(async () => {
  index = await loadIndexFolder((await seedIndexDir()).indexDir, new HashingEmbeddings())
  texts = index.chunks.map((c) => normalizeForMatch(`${c.heading}${c.text}`))
}, 60_000)

describe('MemoryClauseStore.mentions in no city', () => {
  it('should find what some chunk says and nothing else, as a scan of every chunk does', async () => {
    const store = new MemoryClauseStore(index)
    // Pieces of real chunks, and words of the same alphabet in any order.
    const piece = fc
      .tuple(fc.nat(), fc.nat(), fc.integer({ min: 2, max: 6 }))
      .map(([t, at, length]) => {
        const text = texts[t % texts.length]
        const start = at % Math.max(1, text.length - length)
        return text.slice(start, start + length)
      })
    const word = fc.string({ unit: fc.constantFrom(...'就业创业补贴贷款公积金住房火星社保岗位培训高校毕业生'), minLength: 2, maxLength: 4 })
    await fc.assert(
      fc.asyncProperty(fc.oneof(piece, word), async (text) => {
        expect(await store.mentions(text, [])).toBe(texts.some((t) => t.includes(normalizeForMatch(text))))
      }),
      { numRuns: 300 }
    )
  })
})
