import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createJiebaSegmenter } from '../adapters/jieba-node/index'
import {
  CLAUSE_INDEX_SERIALIZATION_VERSION,
  ClauseIndex,
  defaultClauseIndexOptions,
  type ClauseIndexDocument,
  type WeightedTerm,
} from './clause-index'
import type { Segmenter } from './segmenter'

const SEEDS_DIR = join(import.meta.dirname, '../../seeds')
/** Lines shorter than this (characters) are layout debris (序号, 2024年度), not clauses. */
const MIN_LINE_CHARS = 12

let segmenter: Segmenter
let seedDocs: ClauseIndexDocument[]
let seedText: Map<string, string>

beforeAll(() => {
  segmenter = createJiebaSegmenter()
  seedText = new Map()
  seedDocs = []
  for (const file of readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()) {
    const lines = readFileSync(join(SEEDS_DIR, file), 'utf8').normalize('NFKC').split('\n')
    const title = lines.map((line) => line.trim()).find((line) => line !== '') ?? ''
    lines.forEach((raw, number) => {
      const line = raw.trim()
      if (line.length < MIN_LINE_CHARS) return
      const id = `${file}#${number + 1}`
      const lead = /^\d+[.．]([^。]{2,20})。/.exec(line)?.[1]
      seedText.set(id, line)
      seedDocs.push({
        id,
        fields: {
          text: segmenter.cutForSearch(line),
          title: segmenter.cutForSearch(title),
          ...(lead ? { heading: segmenter.cutForSearch(lead) } : {}),
        },
      })
    })
  }
})

function seedIndex(): ClauseIndex {
  const index = new ClauseIndex()
  index.addAll(seedDocs)
  return index
}

/** Query terms the way a caller builds them: search-mode cut, weight 1 each. */
function queryOf(text: string): WeightedTerm[] {
  return segmenter.cutForSearch(text).map((term) => ({ term, weight: 1 }))
}

describe('ClauseIndex', () => {
  describe('constructor', () => {
    it('should default to the documented options', () => {
      expect(new ClauseIndex().options).toEqual(defaultClauseIndexOptions)
    })

    it('should merge bm25 parameters over the defaults', () => {
      const index = new ClauseIndex({ fields: ['text'], bm25: { b: 0.3 } })
      expect(index.options.bm25).toEqual({ ...defaultClauseIndexOptions.bm25, b: 0.3 })
      expect(index.options.boost).toEqual({ text: 1 })
    })

    it('should refuse unknown options and out-of-range numbers, naming them', () => {
      expect(() => new ClauseIndex({ feilds: ['text'] } as never)).toThrow(
        /unknown option "feilds"/
      )
      expect(() => new ClauseIndex({ bm25: { k: 1 } as never })).toThrow(
        /unknown bm25 parameter "k"/
      )
      expect(() => new ClauseIndex({ bm25: { b: 1.5 } })).toThrow(
        /bm25.b must be in \[0, 1\], got 1.5/
      )
      expect(() => new ClauseIndex({ fields: ['text'], boost: { title: 2 } })).toThrow(
        /unknown field "title"/
      )
      expect(() => new ClauseIndex({ fields: [] })).toThrow(/fields must be unique/)
    })
  })

  describe('add', () => {
    it('should count documents', () => {
      expect(seedIndex().documentCount).toBe(seedDocs.length)
      expect(seedDocs.length).toBeGreaterThan(300)
    })

    it('should refuse a duplicate id, naming it', () => {
      const index = new ClauseIndex()
      index.add(seedDocs[0])
      expect(() => index.add(seedDocs[0])).toThrow(`ClauseIndex: duplicate ID ${seedDocs[0].id}`)
    })

    it('should refuse an unknown field and an empty term', () => {
      const index = new ClauseIndex({ fields: ['text'] })
      expect(() => index.add({ id: 'a', fields: { body: ['稳岗'] } })).toThrow(
        /unknown field "body" in document a/
      )
      expect(() => index.add({ id: 'b', fields: { text: ['稳岗', ''] } })).toThrow(
        /empty or non-string term/
      )
    })
  })

  describe('search', () => {
    it('should rank the clause that names the policy first', () => {
      const [best] = seedIndex().search(queryOf('一次性扩岗补助每人多少钱'))
      expect(seedText.get(best.id)).toContain('按每人1500元的标准给予企业一次性扩岗补助')
      expect(best.matched).toContain('一次性扩岗补助')
    })

    it('should return hits best first, each naming the query terms it contains', () => {
      const results = seedIndex().search(queryOf('创业担保贷款贴息'), { limit: 20 })
      expect(results.length).toBe(20)
      for (let i = 1; i < results.length; i++)
        expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score)
      for (const { id, matched } of results) {
        expect(matched.length).toBeGreaterThan(0)
        for (const term of matched) expect(seedText.get(id)).toContain(term)
      }
    })

    it('should weigh terms by their weight', () => {
      const index = seedIndex()
      const loans = index.search([
        { term: '创业担保贷款', weight: 3 },
        { term: '零工市场', weight: 1 },
      ])
      const markets = index.search([
        { term: '创业担保贷款', weight: 1 },
        { term: '零工市场', weight: 3 },
      ])
      expect(seedText.get(loans[0].id)).toContain('创业担保贷款')
      expect(seedText.get(markets[0].id)).toContain('零工市场')
    })

    it('should apply the filter before the limit', () => {
      const index = seedIndex()
      const inFile = (id: string) => id.startsWith('002_')
      const results = index.search(queryOf('高校毕业生就业见习'), { filter: inFile, limit: 5 })
      expect(results).toHaveLength(5)
      expect(results.every((result) => inFile(result.id))).toBe(true)
    })

    it('should return [] for unknown terms, an empty query or an empty index', () => {
      expect(seedIndex().search([{ term: 'zzzz', weight: 1 }])).toEqual([])
      expect(seedIndex().search([])).toEqual([])
      expect(new ClauseIndex().search(queryOf('稳岗返还'))).toEqual([])
    })

    it('should give the same answer twice (the score buffer is reset)', () => {
      const index = seedIndex()
      const first = index.search(queryOf('失业保险稳岗返还'))
      expect(() =>
        index.search(queryOf('失业保险'), {
          filter: () => {
            throw new Error('boom')
          },
        })
      ).toThrow('boom')
      expect(index.search(queryOf('失业保险稳岗返还'))).toEqual(first)
    })

    it('should refuse a bad limit or weight, naming it', () => {
      expect(() => seedIndex().search(queryOf('稳岗'), { limit: 0 })).toThrow(
        /limit must be a positive integer or Infinity, got 0/
      )
      expect(() => seedIndex().search([{ term: '稳岗', weight: -1 }])).toThrow(
        /weight of "稳岗" must be a finite number ≥ 0, got -1/
      )
    })
  })

  describe('toJSON / fromJSON', () => {
    it('should round-trip through JSON text with identical results', () => {
      const index = seedIndex()
      const loaded = ClauseIndex.fromJSON(JSON.parse(JSON.stringify(index)))
      expect(loaded.documentCount).toBe(index.documentCount)
      for (const question of [
        '灵活就业人员社保补贴',
        '退役军人创业',
        '零工市场建设',
        '技能提升补贴申领',
      ]) {
        expect(loaded.search(queryOf(question), { limit: Infinity })).toEqual(
          index.search(queryOf(question), { limit: Infinity })
        )
      }
      loaded.add({ id: 'new', fields: { text: ['稳岗返还'] } })
      expect(
        loaded.search([{ term: '稳岗返还', weight: 1 }], { limit: Infinity }).map((r) => r.id)
      ).toContain('new')
    })

    it('should refuse an unknown serializationVersion, naming it', () => {
      const json = { ...seedIndex().toJSON(), serializationVersion: 99 }
      expect(() => ClauseIndex.fromJSON(json)).toThrow(
        `ClauseIndex: unknown serializationVersion 99; this build reads version ${CLAUSE_INDEX_SERIALIZATION_VERSION}`
      )
      expect(() => ClauseIndex.fromJSON({} as never)).toThrow(
        /unknown serializationVersion undefined/
      )
    })
  })

  describe('matched', () => {
    it('should name the query terms each hit contains, in query order, for short and long queries', () => {
      const index = seedIndex()
      const byId = new Map(seedDocs.map((doc) => [doc.id, doc]))
      const vocabulary = [...new Set(seedDocs.slice(0, 40).flatMap((doc) => doc.fields.text))]
      for (const size of [5, 32, 33, 60]) {
        const query = vocabulary.slice(0, size).map((term) => ({ term, weight: 1 }))
        for (const { id, matched } of index.search(query, { limit: 50 })) {
          const fields = Object.values(byId.get(id)!.fields)
          const expected = query.map((q) => q.term).filter((term) => fields.some((f) => f.includes(term)))
          expect(matched).toEqual(expected)
        }
      }
    })
  })

  describe('toBinary / fromBinary', () => {
    it('should round-trip through bytes with identical results, and take further documents', () => {
      const index = seedIndex()
      const loaded = ClauseIndex.fromBinary(Buffer.from(index.toBinary()))
      expect(loaded.documentCount).toBe(index.documentCount)
      expect(loaded.toJSON()).toEqual(index.toJSON())
      for (const question of ['灵活就业人员社保补贴', '退役军人创业', '零工市场建设']) {
        expect(loaded.search(queryOf(question), { limit: Infinity })).toEqual(
          index.search(queryOf(question), { limit: Infinity })
        )
        expect(loaded.documentFrequency(queryOf(question)[0].term)).toBe(
          index.documentFrequency(queryOf(question)[0].term)
        )
      }
      loaded.add({ id: 'new', fields: { text: ['稳岗返还'] } })
      expect(
        loaded.search([{ term: '稳岗返还', weight: 1 }], { limit: Infinity }).map((r) => r.id)
      ).toContain('new')
    })

    it('should read bytes that do not start on a 4-byte boundary', () => {
      const bytes = seedIndex().toBinary()
      const shifted = new Uint8Array(bytes.length + 1).subarray(1)
      shifted.set(bytes)
      expect(ClauseIndex.fromBinary(shifted).documentCount).toBe(seedDocs.length)
    })

    it('should refuse JSON, another version and truncated data, saying which', () => {
      const json = new TextEncoder().encode(JSON.stringify(seedIndex()))
      expect(() => ClauseIndex.fromBinary(json)).toThrow(
        /not binary index data but JSON \(serializationVersion 1\).*Rebuild the index/
      )
      const bytes = seedIndex().toBinary()
      const other = bytes.slice()
      new DataView(other.buffer).setUint32(4, 99, true)
      expect(() => ClauseIndex.fromBinary(other)).toThrow(/unknown serializationVersion 99/)
      expect(() => ClauseIndex.fromBinary(bytes.slice(0, bytes.length - 8))).toThrow(/truncated/)
    })
  })

  describe('scope', () => {
    const groupOf = (id: string) => id.slice(0, id.indexOf('#'))

    it('should return what filtering by group returns, same scores, same order', () => {
      const index = seedIndex()
      const files = [...new Set(seedDocs.map((doc) => groupOf(doc.id)))]
      const scopes = [[files[0]], [files[1], files[3]], files.slice(2), files]
      for (const question of ['灵活就业人员社保补贴', '退役军人创业', '技能提升补贴申领', '就业']) {
        for (const inScope of scopes) {
          for (const limit of [5, Infinity]) {
            const scoped = index.search(queryOf(question), {
              limit,
              scope: (group) => inScope.includes(group),
            })
            const filtered = index.search(queryOf(question), {
              limit,
              filter: (id) => inScope.includes(groupOf(id)),
            })
            expect(scoped).toEqual(filtered)
          }
        }
      }
    })

    it('should ask the scope once per group, and find nothing when it keeps none', () => {
      const index = seedIndex()
      const asked: string[] = []
      const results = index.search(queryOf('就业创业'), {
        scope: (group) => {
          asked.push(group)
          return false
        },
      })
      expect(results).toEqual([])
      expect(asked).toEqual([...new Set(seedDocs.map((doc) => groupOf(doc.id)))])
    })

    it('should see documents added after a scoped search', () => {
      const index = seedIndex()
      index.search(queryOf('就业'), { scope: () => true })
      index.add({ id: 'zz#1', fields: { text: ['就业'] } })
      const ids = index
        .search(queryOf('就业'), { limit: Infinity, scope: (group) => group === 'zz' })
        .map((r) => r.id)
      expect(ids).toEqual(['zz#1'])
    })
  })

  describe('with generated test data', () => {
    it('should score exactly like a direct BM25+ computation', () => {
      const random = mulberry32(7)
      const vocabulary = [...new Set(seedDocs.flatMap((doc) => doc.fields.text))].slice(0, 400)
      const pick = () => vocabulary[Math.floor(random() * random() * vocabulary.length)]
      const docs = Array.from({ length: 300 }, (_, i) => ({
        id: `g${i}`,
        fields: {
          text: Array.from({ length: 1 + Math.floor(random() * 40) }, pick),
          ...(random() < 0.5
            ? { heading: Array.from({ length: 1 + Math.floor(random() * 5) }, pick) }
            : {}),
        },
      }))
      const index = new ClauseIndex({ fields: ['text', 'heading'] })
      index.addAll(docs)
      for (let q = 0; q < 25; q++) {
        const query = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
          term: pick(),
          weight: 0.5 + random(),
        }))
        const expected = referenceScores(docs, query, index.options)
        const actual = index.search(query, { limit: Infinity })
        expect(actual.map((r) => r.id).sort()).toEqual([...expected.keys()].sort())
        for (const result of actual) expect(result.score).toBeCloseTo(expected.get(result.id)!, 9)
      }
    })

    it('should hold a million short documents in modest memory', () => {
      const random = mulberry32(11)
      const vocabulary = [...new Set(seedDocs.flatMap((doc) => doc.fields.text))]
      const index = new ClauseIndex({ fields: ['text'] })
      const before = process.memoryUsage().heapUsed
      for (let i = 0; i < 1_000_000; i++) {
        const text = Array.from(
          { length: 8 },
          () => vocabulary[Math.floor(random() * vocabulary.length)]
        )
        index.add({ id: `d${i}`, fields: { text } })
      }
      const usedMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20
      const started = performance.now()
      const results = index.search(queryOf('就业创业政策补贴'), { limit: 10 })
      const searchMs = performance.now() - started
      console.log(`1M docs: heap +${usedMiB.toFixed(0)} MiB, search ${searchMs.toFixed(1)} ms`)
      expect(index.documentCount).toBe(1_000_000)
      expect(results).toHaveLength(10)
      expect(usedMiB).toBeLessThan(600)
    }, 120_000)
  })
})

/** Straight from the formula, one document at a time: the oracle for the generated-data test. */
function referenceScores(
  docs: ClauseIndexDocument[],
  query: WeightedTerm[],
  options: ClauseIndex['options']
): Map<string, number> {
  const { k1, b, delta } = options.bm25
  const scores = new Map<string, number>()
  for (const field of options.fields) {
    const boost = options.boost[field] ?? 1
    const lengths = docs.map((doc) => doc.fields[field]?.length ?? 0)
    const average = lengths.reduce((sum, length) => sum + length, 0) / docs.length
    for (const { term, weight } of query) {
      const containing = docs.filter((doc) => doc.fields[field]?.includes(term)).length
      const idf = Math.log(1 + (docs.length - containing + 0.5) / (containing + 0.5))
      docs.forEach((doc, i) => {
        const tf = doc.fields[field]?.filter((t) => t === term).length ?? 0
        if (tf === 0) return
        const norm = k1 * (1 - b + (b * lengths[i]) / average)
        const score = boost * weight * idf * (delta + (tf * (k1 + 1)) / (tf + norm))
        scores.set(doc.id, (scores.get(doc.id) ?? 0) + score)
      })
    }
  }
  return scores
}

/** Small seeded PRNG so generated data is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}
