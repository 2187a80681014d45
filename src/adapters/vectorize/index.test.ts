import { readdirSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildHnswStore, HnswVectorIndex } from '../hnswlib/index'
import { WorkersAiEmbeddings } from '../workers-ai/index'
import { createFakeAi, createFakeD1, DEPLOYED_METADATA_INDEXES, FakeVectorize } from '../../../test/support/fake-cloudflare'
import {
  chunkIdResolver,
  d1ChunkIdResolver,
  MAX_VECTOR_ID_BYTES,
  vectorFilter,
  VectorizeIndex,
  vectorIdOf,
  VECTORIZE_MAX_TOP_K,
  VECTORIZE_MAX_TOP_K_ALL_METADATA,
} from './index'

type Record = { id: string; docKey: string; city: string; text: string }

/** Lines of three seed documents, as chunks of three cities (ids shaped like real chunk ids). */
function seedRecords(): Record[] {
  const cities = ['扬州市', '连云港市', '宜春市']
  const files = readdirSync('seeds')
    .filter((file) => file.endsWith('.txt'))
    .slice(0, 3)
  return files.flatMap((file, doc) =>
    readFileSync(`seeds/${file}`, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length >= 12)
      .slice(0, 80)
      .map((text, n) => ({
        id: `doc-${doc}#二/（${n}）/第${n}项#0`,
        docKey: `doc-${doc}`,
        city: cities[doc],
        text,
      }))
  )
}

const embeddings = new WorkersAiEmbeddings({ binding: createFakeAi() })
const records = seedRecords()

async function loadedIndex(): Promise<FakeVectorize> {
  const index = new FakeVectorize({
    dimensions: 1024,
    metric: 'cosine',
    metadataIndexes: DEPLOYED_METADATA_INDEXES,
  })
  const vectors = await embeddings.embedDocuments(records.map((r) => r.text))
  await index.insert(
    records.map((r, i) => ({
      id: vectorIdOf(r.id, r.docKey),
      values: vectors[i],
      metadata: { city: r.city, docKey: r.docKey, chunk: r.id },
    }))
  )
  return index
}

describe('vectorIdOf', () => {
  it('should give short, ASCII, distinct ids that start with the doc key', () => {
    const ids = records.map((r) => vectorIdOf(r.id, r.docKey))
    expect(new Set(ids).size).toBe(records.length)
    for (const id of ids) {
      expect(id).toMatch(/^doc-\d~[0-9a-f]{16}$/)
      expect(Buffer.byteLength(id)).toBeLessThanOrEqual(MAX_VECTOR_ID_BYTES)
    }
    expect(vectorIdOf('x#一#0', 'x')).toBe(vectorIdOf('x#一#0', 'x'))
    const long = vectorIdOf('k'.repeat(200), '很长的文件键'.repeat(20))
    expect(long).toMatch(/^_{40}~[0-9a-f]{16}$/)
  })
})

describe('VectorizeIndex', () => {
  let index: FakeVectorize
  beforeAll(async () => {
    index = await loadedIndex()
  })

  describe('search', () => {
    it('should return chunk ids, best first, with the cosine similarity hnswlib gives on Node', async () => {
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: chunkIdResolver(records),
      })
      const node = new HnswVectorIndex(
        await buildHnswStore(
          records.map((r) => ({
            id: r.id,
            text: r.text,
            metadata: { docKey: r.docKey, city: r.city },
          })),
          embeddings
        )
      )
      for (const query of ['稳岗返还政策', '高校毕业生就业见习补贴', '创业担保贷款额度']) {
        const hits = await vectors.search(query, 10)
        expect(hits).toHaveLength(10)
        const expected = await node.search(query, 10)
        expect(hits.map((h) => h.id)).toEqual(expected.map((h) => h.id))
        hits.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(expected[i].similarity, 5))
        for (const hit of hits) expect(hit.similarity).toBeGreaterThanOrEqual(0)
      }
    })

    it('should push a vectorFilter into the query as $eq / $in', async () => {
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: chunkIdResolver(records),
      })
      const one = await vectors.search('就业补贴', 5, vectorFilter({ city: '宜春市' }))
      expect(index.queries.at(-1)?.options).toMatchObject({
        topK: 5,
        returnMetadata: 'indexed',
        filter: { city: { $eq: '宜春市' } },
      })
      expect(one.every((hit) => hit.id.startsWith('doc-2#'))).toBe(true)
      const two = await vectors.search('就业补贴', 30, vectorFilter({ docKey: ['doc-0', 'doc-1'] }))
      expect(index.queries.at(-1)?.options.filter).toEqual({ docKey: { $in: ['doc-0', 'doc-1'] } })
      expect(new Set(two.map((hit) => hit.id.split('#')[0]))).toEqual(new Set(['doc-0', 'doc-1']))
    })

    it('should apply a plain predicate to the best 100 matches', async () => {
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: chunkIdResolver(records),
      })
      const hits = await vectors.search('就业补贴', 5, (metadata) => metadata.docKey === 'doc-1')
      expect(index.queries.at(-1)?.topK).toBe(VECTORIZE_MAX_TOP_K)
      expect(hits.length).toBeGreaterThan(0)
      expect(hits.every((hit) => hit.id.startsWith('doc-1#'))).toBe(true)
    })

    it('should not query for a filter that matches nothing', async () => {
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: chunkIdResolver(records),
      })
      const before = index.queries.length
      expect(await vectors.search('就业', 5, vectorFilter({ city: [] }))).toEqual([])
      expect(index.queries.length).toBe(before)
    })

    it('should lower k to the Vectorize ceiling and refuse a k that is not a positive integer', async () => {
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: chunkIdResolver(records),
      })
      expect(await vectors.search('就业', 200)).toHaveLength(VECTORIZE_MAX_TOP_K)
      await expect(vectors.search('就业', 0)).rejects.toThrow(/k must be an integer ≥ 1, got 0/)
    })

    it('should skip vectors the resolver does not know', async () => {
      const known = records.filter((r) => r.docKey !== 'doc-0')
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: chunkIdResolver(known),
      })
      const hits = await vectors.search('扬州市就业', 20)
      expect(hits.every((hit) => !hit.id.startsWith('doc-0#'))).toBe(true)
    })

    it('should read chunk ids from metadata without a resolver, at most 20 matches', async () => {
      const vectors = new VectorizeIndex({ index, embeddings })
      const hits = await vectors.search('创业', 50)
      expect(hits).toHaveLength(VECTORIZE_MAX_TOP_K_ALL_METADATA)
      expect(index.queries.at(-1)?.options).toMatchObject({ topK: 20, returnMetadata: 'all' })
      expect(hits[0].id).toMatch(/^doc-\d#/)
    })

    it('should resolve chunk ids through D1 chunks.vector_id in one query', async () => {
      const db = createFakeD1()
      db.sqlite.exec('CREATE TABLE chunks (id TEXT PRIMARY KEY, vector_id TEXT UNIQUE NOT NULL)')
      const insert = db.sqlite.prepare('INSERT INTO chunks (id, vector_id) VALUES (?, ?)')
      for (const r of records) insert.run(r.id, vectorIdOf(r.id, r.docKey))
      const vectors = new VectorizeIndex({
        index,
        embeddings,
        resolveChunkIds: d1ChunkIdResolver(db),
      })
      const before = db.queryCount
      const hits = await vectors.search('稳岗返还', 100)
      expect(hits).toHaveLength(100)
      expect(db.queryCount - before).toBe(1)
    })

    it('should name the query when Vectorize refuses it', async () => {
      const small = new FakeVectorize({ dimensions: 384 })
      const vectors = new VectorizeIndex({
        index: small,
        embeddings,
        resolveChunkIds: chunkIdResolver(records),
      })
      await expect(vectors.search('就业', 5)).rejects.toThrow(
        /vectorize: query \(topK 5\) failed: VECTOR_DIMENSION_MISMATCH/
      )
    })
  })

  describe('constructor', () => {
    it('should refuse a missing binding or embeddings with a fix-it message', () => {
      expect(() => new VectorizeIndex({ embeddings } as never)).toThrow(
        /eg \{ index: env\.VECTORIZE \}/
      )
      expect(
        () => new VectorizeIndex({ index: new FakeVectorize({ dimensions: 8 }) } as never)
      ).toThrow(/WorkersAiEmbeddings/)
    })
  })
})
