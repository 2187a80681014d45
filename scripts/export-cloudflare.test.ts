import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingest } from '../ingest/cli'
import { loadIndexFolder } from '../src/adapters/fs-index/index'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index'
import { MAX_VECTOR_ID_BYTES, vectorIdOf } from '../src/adapters/vectorize/vector-id'
import { HybridRetriever } from '../src/retrieval/hybrid-retriever'
import type { PolicyIndex } from '../src/retrieval/policy-index'
import { statementsOf } from '../test/support/sql-statements'
import {
  createFakeD1,
  D1_LIMITS,
  startFakeWorkersAiRest,
  type FakeD1,
} from '../test/support/fake-cloudflare'
import { BM25_SQL } from '../src/adapters/d1/schema'
import {
  exportCloudflare,
  insertStatements,
  sqlLiteral,
  vectorText,
} from './export-cloudflare'

type VectorLine = {
  id: string
  values: number[]
  metadata: { city: string; docKey: string; chunk: string }
}

/** Three dev questions whose best BM25 chunk is their gold clause, one per document. */
const QUESTIONS = [
  {
    id: 'A001',
    question: '连云港对企业招用重点群体发的一次性扩岗补助，每招一个人补多少钱？',
    gold: { docKey: 'lianyungang', path: '一/1' },
  },
  {
    id: 'B009',
    question: '宜春计划在“十四五”期间创建多少个高质量就业乡镇（街道）和村（社区）？',
    gold: { docKey: 'yichun', path: '专栏4/1' },
  },
  {
    id: 'B004',
    question: '泾源县对入驻孵化的创业实体，创业担保贷款最高能贷多少？一次性创业补贴最高多少？',
    gold: { docKey: 'jingyuan', path: '二/（四）/15' },
  },
]

describe('export:cloudflare', () => {
  const work = mkdtempSync(join(tmpdir(), 'export-cloudflare-'))
  const indexDir = join(work, 'index')
  const outDir = join(work, 'cloudflare')
  let index: PolicyIndex
  let db: FakeD1
  let vectors: VectorLine[]
  let bm25: { k1: number; b: number; delta: number }

  beforeAll(async () => {
    await ingest(['seeds'], indexDir)
    index = await loadIndexFolder(indexDir, new HashingEmbeddings())
    await exportCloudflare({ index: indexDir, out: outDir })
    db = createFakeD1()
    for (const file of ['schema.sql', 'data.sql']) {
      for (const statement of statementsOf(readFileSync(join(outDir, file), 'utf8')))
        await db.exec(statement)
    }
    vectors = readFileSync(join(outDir, 'vectors-0001.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as VectorLine)
    bm25 = JSON.parse(
      (await db.prepare("SELECT value FROM index_meta WHERE key = 'bm25'").first<string>('value'))!
    )
  }, 120_000)

  describe('D1 SQL', () => {
    it('should load into SQLite with one row per document, clause and chunk of the index', async () => {
      const count = async (table: string) =>
        (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>('n'))!
      expect(await count('documents')).toBe(index.manifest.documents.length)
      expect(await count('clauses')).toBe(index.manifest.clauses)
      expect(await count('chunks')).toBe(index.manifest.chunks)
      expect(await count('field_stats')).toBe(3)
      expect(await count('postings')).toBeGreaterThan(10 * index.manifest.chunks)
      expect(await count('chunk_lengths')).toBeGreaterThan(index.manifest.chunks)
    })

    it('should keep every statement under D1’s 100 KB limit', () => {
      const statements = statementsOf(readFileSync(join(outDir, 'data.sql'), 'utf8'))
      expect(statements.length).toBeGreaterThan(10)
      for (const statement of statements)
        expect(Buffer.byteLength(statement)).toBeLessThanOrEqual(D1_LIMITS.maxStatementBytes)
    })

    it('should keep text with quotes, newlines and CJK punctuation byte for byte', async () => {
      for (const chunk of index.chunks.slice(0, 50)) {
        const row = await db
          .prepare('SELECT text, breadcrumb, heading FROM chunks WHERE id = ?')
          .bind(chunk.id)
          .first<Record<string, string>>()
        expect(row).toEqual({
          text: chunk.text,
          breadcrumb: chunk.breadcrumb,
          heading: chunk.heading,
        })
      }
    })

    it.each(QUESTIONS)(
      'should rank the gold chunk first for $id with the BM25 query, as ClauseIndex does',
      async ({ question, gold }) => {
        const retriever = new HybridRetriever(index, createJiebaSegmenter())
        const terms = (await retriever.buildQuery(question)).terms
        const { results } = await db
          .prepare(BM25_SQL)
          .bind(JSON.stringify(terms), bm25.k1, bm25.b, bm25.delta, 10, '[]')
          .all<{ id: string; score: number }>()
        const expected = index.lexical.search(terms, { limit: 10 })
        expect(results.map((r) => r.id)).toEqual(expected.map((r) => r.id))
        results.forEach((row, i) => expect(row.score).toBeCloseTo(expected[i].score, 9))
        expect(results[0].id.startsWith(`${gold.docKey}#${gold.path}#`)).toBe(true)
      }
    )

    it('should score every dev question as ClauseIndex does', async () => {
      const retriever = new HybridRetriever(index, createJiebaSegmenter())
      const questions = readFileSync('evals/questions.jsonl', 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).question as string)
      const statement = db.prepare(BM25_SQL)
      for (const question of questions) {
        const terms = (await retriever.buildQuery(question)).terms
        const { results } = await statement
          .bind(JSON.stringify(terms), bm25.k1, bm25.b, bm25.delta, 20, '[]')
          .all<{ id: string }>()
        expect(
          results.map((r) => r.id),
          question
        ).toEqual(index.lexical.search(terms, { limit: 20 }).map((r) => r.id))
      }
    })
  })

  describe('Vectorize NDJSON', () => {
    it('should write one 1024-dimension vector per chunk with an ASCII id of at most 64 bytes', () => {
      expect(vectors).toHaveLength(index.manifest.chunks)
      expect(new Set(vectors.map((v) => v.id)).size).toBe(vectors.length)
      for (const vector of vectors) {
        expect(vector.id).toMatch(/^[\x21-\x7e]+$/)
        expect(Buffer.byteLength(vector.id)).toBeLessThanOrEqual(MAX_VECTOR_ID_BYTES)
        expect(vector.values).toHaveLength(1024)
        expect(Object.keys(vector.metadata).sort()).toEqual(['chunk', 'city', 'docKey'])
      }
    })

    it('should give each chunk the id D1 maps back to it', async () => {
      const { results } = await db
        .prepare('SELECT id, vector_id, city, doc_key FROM chunks ORDER BY n')
        .all<Record<string, string>>()
      expect(
        vectors.map((v) => [v.id, v.metadata.chunk, v.metadata.city, v.metadata.docKey])
      ).toEqual(results.map((row) => [row.vector_id, row.id, row.city, row.doc_key]))
      expect(vectors[0].id).toBe(vectorIdOf(index.chunks[0].id, index.chunks[0].docKey))
    })

    it('should embed the text hnswlib embeds on Node', async () => {
      // The Node index finds each chunk by this text at similarity 1: it embedded the same text.
      for (const chunk of index.chunks.slice(0, 20)) {
        const [best] = await index.vectors.search(vectorText(chunk), 1)
        expect(best.similarity).toBeCloseTo(1, 5)
        expect(vectorText(index.chunks.find((c) => c.id === best.id)!)).toBe(vectorText(chunk))
      }
      const embedder = new HashingEmbeddings({ dimensions: 1024 })
      const expected = embedder.embed(vectorText(index.chunks[5]))
      vectors[5].values.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6))
    })
  })

  describe('--embeddings workers-ai-rest', () => {
    it('should embed through the Workers AI REST API and record bge-m3 as the model', async () => {
      const accountId = '0123456789abcdef0123456789abcdef'
      const server = await startFakeWorkersAiRest({ accountId, apiToken: 'export-test-token' })
      const saved = { ...process.env }
      Object.assign(process.env, {
        CLOUDFLARE_ACCOUNT_ID: accountId,
        CLOUDFLARE_API_TOKEN: 'export-test-token',
        CLOUDFLARE_API_BASE_URL: `${server.base}/client/v4`,
      })
      try {
        const out = join(work, 'cloudflare-rest')
        const summary = await exportCloudflare({
          index: indexDir,
          out,
          embeddings: 'workers-ai-rest',
        })
        expect(summary.embeddings).toEqual({ name: '@cf/baai/bge-m3', dimensions: 1024 })
        expect(server.requests.length).toBe(Math.ceil(index.manifest.chunks / 50))
        const first = JSON.parse(
          readFileSync(join(out, 'vectors-0001.ndjson'), 'utf8').split('\n')[0]
        ) as VectorLine
        expect(first.values).toEqual(vectors[0].values)
      } finally {
        process.env = saved
        await server.close()
      }
    })
  })

  describe('failures', () => {
    it('should leave the previous export in place when the index cannot be read', async () => {
      const empty = mkdtempSync(join(work, 'not-an-index-'))
      await expect(exportCloudflare({ index: empty, out: outDir })).rejects.toThrow(
        /manifest\.json.*is .* an index folder written by npm run ingest/
      )
      expect(readdirSync(outDir).sort()).toEqual([
        'data.sql',
        'export.json',
        'schema.sql',
        'vectors-0001.ndjson',
      ])
    })

    it('should refuse an index whose bm25.bin has another serialization version', async () => {
      const copy = mkdtempSync(join(work, 'old-index-'))
      for (const file of ['manifest.json', 'clauses.jsonl', 'chunks.jsonl'])
        writeFileSync(join(copy, file), readFileSync(join(indexDir, file)))
      const old = readFileSync(join(indexDir, 'bm25.bin'))
      old.writeUInt32LE(0, 4)
      writeFileSync(join(copy, 'bm25.bin'), old)
      await expect(exportCloudflare({ index: copy, out: join(work, 'never') })).rejects.toThrow(
        /bm25\.bin: ClauseIndex: unknown serializationVersion 0/
      )
    })
  })
})

describe('sqlLiteral', () => {
  it('should double single quotes and write NULL and numbers bare', () => {
    expect(sqlLiteral("《关于‘稳岗’的通知》's")).toBe("'《关于‘稳岗’的通知》''s'")
    expect(sqlLiteral(null)).toBe('NULL')
    expect(sqlLiteral(1.5)).toBe('1.5')
  })

  it('should refuse NUL characters and non-finite numbers', () => {
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL character/)
    expect(() => sqlLiteral(Number.NaN)).toThrow(/cannot write the number NaN/)
  })
})

describe('insertStatements', () => {
  it('should split rows into statements of at most maxBytes', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [i, `第${i}条；'引号'\n换行`])
    const statements = insertStatements('t', ['n', 'text'], rows, 2000)
    expect(statements.length).toBeGreaterThan(10)
    for (const statement of statements)
      expect(Buffer.byteLength(statement)).toBeLessThanOrEqual(2000)
    const db = createFakeD1()
    db.sqlite.exec('CREATE TABLE t (n INTEGER, text TEXT)')
    for (const statement of statements) db.sqlite.exec(statement)
    expect(db.sqlite.prepare('SELECT text FROM t WHERE n = 42').get()).toEqual({
      text: "第42条；'引号'\n换行",
    })
    expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 500 })
  })

  it('should refuse a row too large for one statement, naming the table', () => {
    expect(() => insertStatements('chunks', ['text'], [['字'.repeat(2000)]], 1000)).toThrow(
      /one chunks row needs \d+ bytes/
    )
  })
})
