import { mkdtemp } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportCloudflare } from '../../../scripts/export-cloudflare.js'
import { createFakeD1, type FakeD1 } from '../../../test/support/fake-cloudflare.js'
import { loadD1Export } from '../../../test/support/sql-statements.js'
import { seedIndexDir } from '../../../test/support/seed-engine.js'
import { loadIndexFolder } from '../fs-index/index.js'
import { HashingEmbeddings } from '../hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../jieba-node/index.js'
import { HybridRetriever } from '../../retrieval/hybrid-retriever.js'
import { policySource } from '../../retrieval/memory-stores.js'
import type { PolicySource } from '../../retrieval/policy-index.js'
import { D1ClauseStore, D1LexicalIndex, loadD1PolicySource } from './index.js'

const DEV_QUESTIONS = readFileSync('evals/questions.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; question: string; split?: string })
  .filter((q) => q.split !== 'heldout')

describe('d1 adapter', () => {
  let memory: PolicySource
  let d1: PolicySource
  let retriever: HybridRetriever
  let db: FakeD1
  let exportDir: string

  beforeAll(async () => {
    const { indexDir } = await seedIndexDir()
    const index = await loadIndexFolder(indexDir, new HashingEmbeddings())
    exportDir = join(await mkdtemp(join(tmpdir(), 'd1-adapter-')), 'export')
    await exportCloudflare({ index: indexDir, out: exportDir })
    db = createFakeD1()
    await loadD1Export(db, exportDir)
    memory = policySource(index)
    // The same vectors on both sides: only the stores differ.
    d1 = await loadD1PolicySource(db, index.vectors)
    retriever = new HybridRetriever(memory, createJiebaSegmenter())
  }, 180_000)

  it('should read the manifest and the units per kind as the index folder has them', () => {
    // The embeddings are the export's: Vectorize holds bge-m3-sized vectors whatever the folder's size.
    expect(d1.manifest.embeddings).toEqual({ name: 'hashing-ngram-v1', dimensions: 1024 })
    expect(d1.manifest).toEqual({ ...memory.manifest, embeddings: d1.manifest.embeddings })
    expect(d1.unitsByKind).toEqual(memory.unitsByKind)
  })

  it('should score and rank every dev question’s terms as the in-memory ClauseIndex does, with and without a city', async () => {
    let compared = 0
    for (const { question } of DEV_QUESTIONS) {
      const { terms } = await retriever.buildQuery(question)
      for (const cities of [[], ['常州市'], ['宜春市', '连云港市']]) {
        const expected = await memory.lexical.search(terms, { limit: 50, cities })
        const actual = await d1.lexical.search(terms, { limit: 50, cities })
        expect(actual.map((h) => h.id), question).toEqual(expected.map((h) => h.id))
        expect(actual.map((h) => h.matched), question).toEqual(expected.map((h) => h.matched))
        actual.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i].score, 9))
        compared++
      }
      const words = terms.map((t) => t.term)
      expect(await d1.lexical.termStats(words)).toEqual(await memory.lexical.termStats(words))
    }
    expect(compared).toBe(DEV_QUESTIONS.length * 3)
  })

  it('should give the same units, breadcrumbs, chunk places and outlines as the in-memory store', async () => {
    const ids = (await memory.lexical.search([{ term: '补贴', weight: 1 }], { limit: 100 })).map((h) => h.id)
    const places = await d1.store.chunkPlaces([...ids, 'no-such#chunk#0'])
    // The in-memory store hands out its chunks themselves; their places must agree.
    const place = ({ docKey, path, city }: { docKey: string; path: string; city: string }) => ({ docKey, path, city })
    const fromMemory = await memory.store.chunkPlaces(ids)
    expect(places).toEqual(new Map([...fromMemory].map(([id, p]) => [id, place(p)])))
    const addresses = [...places.values()].flatMap(({ docKey, path }) => [{ docKey, path }, { docKey, path: `${path}/不存在` }])
    expect(await d1.store.units(addresses)).toEqual(await memory.store.units(addresses))
    for (const { docKey } of memory.manifest.documents) {
      const [fromD1, fromMemory] = [await d1.store.tree([docKey]), await memory.store.tree([docKey])]
      expect(fromD1.unitsOf(docKey)).toEqual(fromMemory.unitsOf(docKey))
      const some = fromMemory.unitsOf(docKey)[3]
      expect(fromD1.childrenOf(some)).toEqual(fromMemory.childrenOf(some))
      expect(fromD1.neighboursOf(some)).toEqual(fromMemory.neighboursOf(some))
    }
  })

  it('should tell which cities mention a text', async () => {
    for (const [text, cities] of [['稳岗返还', []], ['住房公积金', ['常州市']], ['创业担保贷款', ['泾源县']], ['ＡＢＣ不存在', []]] as const) {
      expect(await d1.store.mentions(text, cities), text).toBe(await memory.store.mentions(text, cities))
    }
  })

  it('should tell a word no chunk has from the character-pair filter, without scanning the chunks', async () => {
    const store = new D1ClauseStore(db)
    expect(await store.mentions('稳岗返还', [])).toBe(true) // reads the filter once
    const before = db.queryCount
    expect(await store.mentions('火星移民', [])).toBe(false)
    expect(db.queryCount).toBe(before)
    // A database exported before the filter existed is scanned as before.
    const older = createFakeD1()
    await loadD1Export(older, exportDir)
    await older.prepare('DROP TABLE character_pairs').run()
    const scanned = new D1ClauseStore(older)
    expect(await scanned.mentions('火星移民', [])).toBe(false)
    expect(await scanned.mentions('稳岗返还', [])).toBe(true)
  })

  it('should retrieve the same units in the same order for every dev question', async () => {
    const overD1 = new HybridRetriever(d1, createJiebaSegmenter())
    let mostQueries = 0
    for (const { question } of DEV_QUESTIONS) {
      const expected = await retriever.retrieve(question, { k: 8 })
      const before = db.queryCount
      const actual = await overD1.retrieve(question, { k: 8 })
      mostQueries = Math.max(mostQueries, db.queryCount - before)
      const view = (r: typeof expected) => r.hits.map((h) => `${h.clause.docKey}#${h.clause.path} ${h.score.toFixed(9)} ${h.breadcrumb}`)
      expect(view(actual), question).toEqual(view(expected))
      expect(actual.concepts, question).toEqual(expected.concepts)
    }
    // D1 allows 50 queries per invocation on Workers Free, 1,000 on Paid.
    console.log(`D1 queries per retrieval: at most ${mostQueries}`)
    expect(mostQueries).toBeLessThanOrEqual(50)
  })

  it('should refuse a database without the export', async () => {
    await expect(loadD1PolicySource(createFakeD1(), memory.vectors)).rejects.toThrow(/no such table|index_meta/)
    expect(() => new D1ClauseStore(undefined as never)).toThrow(/D1 binding is required/)
    expect(() => new D1LexicalIndex({} as never)).toThrow(/D1 binding is required/)
  })
})
