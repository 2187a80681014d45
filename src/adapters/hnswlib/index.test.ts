import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HashingEmbeddings } from '../hashing-embeddings/index'
import {
  buildHnswStore,
  HnswVectorIndex,
  defaultHnswStoreOptions,
  loadHnswStore,
  saveHnswStore,
  searchHnswStore,
  type HnswRecord,
} from './index'

const SEEDS_DIR = join(import.meta.dirname, '../../../seeds')
const QUESTIONS = [
  '稳岗返还政策',
  '创业担保贷款额度',
  '零工市场建设',
  '高校毕业生就业见习补贴',
  '农民工工资',
]

/** Sentences of the seed files (split at 。), at least 15 characters, as records. */
function seedRecords(): HnswRecord[] {
  const records: HnswRecord[] = []
  for (const file of readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()) {
    const sentences = readFileSync(join(SEEDS_DIR, file), 'utf8')
      .normalize('NFKC')
      .split(/[。\n]/)
    sentences.forEach((raw, n) => {
      const text = raw.trim()
      if (text.length >= 15) records.push({ id: `${file}#${n}`, text, metadata: { file } })
    })
  }
  return records
}

describe('hnswlib adapter', () => {
  const embeddings = new HashingEmbeddings({ dimensions: 256 })
  let records: HnswRecord[]
  let store: HNSWLib
  let directory: string

  beforeAll(async () => {
    records = seedRecords()
    store = await buildHnswStore(records, embeddings, { batchSize: 100 })
    directory = await mkdtemp(join(tmpdir(), 'hnswlib-test-'))
  }, 60_000)

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  describe('buildHnswStore', () => {
    it('should index every record with the default ef', () => {
      expect(records.length).toBeGreaterThan(500)
      expect(store.index.getCurrentCount()).toBe(records.length)
      expect(store.index.getEf()).toBe(defaultHnswStoreOptions.ef)
    })

    it('should refuse empty input and duplicate ids, naming them', async () => {
      await expect(buildHnswStore([], embeddings)).rejects.toThrow(/no records to index/)
      await expect(buildHnswStore([records[0], records[0]], embeddings)).rejects.toThrow(
        `duplicate record id ${records[0].id}`
      )
    })
  })

  describe('searchHnswStore', () => {
    it('should find a sentence by its own text with similarity 1', async () => {
      const target = records[42]
      const [best] = await searchHnswStore(store, target.text, { k: 3 })
      expect(best.id).toBe(target.id)
      expect(best.metadata).toEqual(target.metadata)
      expect(best.similarity).toBeCloseTo(1, 5)
    })

    it('should return hits closest first with similarity in [0, 1]', async () => {
      const hits = await searchHnswStore(store, '创业担保贷款额度', { k: 10 })
      expect(hits).toHaveLength(10)
      expect(records.find((r) => r.id === hits[0].id)?.text).toContain('创业担保贷款')
      for (let i = 0; i < hits.length; i++) {
        expect(hits[i].similarity).toBeGreaterThanOrEqual(0)
        expect(hits[i].similarity).toBeLessThanOrEqual(1)
        if (i > 0) expect(hits[i - 1].similarity).toBeGreaterThanOrEqual(hits[i].similarity)
      }
    })

    it('should keep only what the filter accepts', async () => {
      const file = records[0].metadata!.file
      const hits = await searchHnswStore(store, '就业见习', {
        k: 5,
        filter: ({ metadata }) => metadata.file === file,
      })
      expect(hits.length).toBeGreaterThan(0)
      expect(hits.every((hit) => hit.metadata.file === file)).toBe(true)
    })

    it('should re-throw a throwing filter’s error instead of crashing in hnswlib', async () => {
      const boom = new Error('filter failed')
      const filter = () => {
        throw boom
      }
      await expect(searchHnswStore(store, '就业见习', { k: 5, filter })).rejects.toBe(boom)
      expect(await searchHnswStore(store, '就业见习', { k: 1 })).toHaveLength(1)
    })

    it('should cap k at the number of stored vectors', async () => {
      const tiny = await buildHnswStore(records.slice(0, 3), embeddings)
      expect(await searchHnswStore(tiny, '就业', { k: 10 })).toHaveLength(3)
    })
  })

  describe('HnswVectorIndex', () => {
    /** Brute force over the records a filter keeps: what a scoped search must return. */
    async function exactly(question: string, keep: (file: unknown) => boolean, k: number) {
      const [query] = await embeddings.embedDocuments([question])
      const vectors = await embeddings.embedDocuments(records.map((r) => r.text))
      const cosine = (a: number[], b: number[]) =>
        a.reduce((sum, x, i) => sum + x * b[i], 0) / (Math.hypot(...a) * Math.hypot(...b) || 1)
      return records
        .map((r, i) => ({ id: r.id, similarity: cosine(query, vectors[i]), keep: keep(r.metadata!.file) }))
        .filter((r) => r.keep)
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, k)
        .map((r) => r.id)
    }
    const files = () => [...new Set(records.map((r) => r.metadata!.file))]
    // The filter reads docKey, as the retriever's do; the seeds' file stands in for it.
    const asDocKey = (record: HnswRecord) => ({ ...record, metadata: { docKey: record.metadata!.file, city: '' } })

    it('should answer a narrow filter, or a small index, by exact search, asking a filter once per document', async () => {
      const index = new HnswVectorIndex(await buildHnswStore(records.map(asDocKey), embeddings))
      const file = files()[1]
      const asked: string[] = []
      const hits = await index.search('创业担保贷款额度', 10, ({ docKey }) => {
        asked.push(docKey)
        return docKey === file
      })
      expect(asked.sort()).toEqual(files().sort())
      expect(hits.map((h) => h.id)).toEqual(await exactly('创业担保贷款额度', (f) => f === file, 10))
      expect(hits[0].similarity).toBeGreaterThan(0)
      expect(await index.search('就业', 5, () => false)).toEqual([])
      // An index this small is searched exactly without a filter too.
      const all = await index.search('创业担保贷款额度', 10)
      expect(all.map((h) => h.id)).toEqual(await exactly('创业担保贷款额度', () => true, 10))
    })

    it('should leave a wide filter to hnswlib, keeping only what it accepts', async () => {
      const index = new HnswVectorIndex(await buildHnswStore(records.map(asDocKey), embeddings), {
        exactSearchMaxVectors: 10,
      })
      const keep = new Set(files().slice(0, 2))
      const hits = await index.search('就业见习补贴', 8, ({ docKey }) => keep.has(docKey))
      expect(hits).toHaveLength(8)
      expect(hits.every((h) => keep.has(h.id.slice(0, h.id.indexOf('#'))))).toBe(true)
      expect(hits[0].id).toBe((await exactly('就业见习补贴', (f) => keep.has(f as string), 1))[0])
    })
  })

  describe('saveHnswStore / loadHnswStore', () => {
    it('should round-trip through a directory with identical results', async () => {
      await saveHnswStore(store, directory)
      expect((await readdir(directory)).sort()).toEqual([
        'args.json',
        'docstore.json',
        'hnswlib.index',
      ])
      const loaded = await loadHnswStore(directory, embeddings)
      expect(loaded.index.getEf()).toBe(defaultHnswStoreOptions.ef)
      for (const question of QUESTIONS) {
        expect(await searchHnswStore(loaded, question, { k: 10 })).toEqual(
          await searchHnswStore(store, question, { k: 10 })
        )
      }
    })

    it('should set the ef it is given, since the index file does not keep it', async () => {
      await saveHnswStore(store, directory)
      expect((await loadHnswStore(directory, embeddings, { ef: 128 })).index.getEf()).toBe(128)
    })
  })
})
