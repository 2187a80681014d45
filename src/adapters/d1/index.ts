/**
 * @module d1: the ClauseStore and LexicalIndex of the Workers deployment, over the D1 tables that
 * `npm run export:cloudflare` fills (schema.ts). Each lookup is one query with its keys as one JSON
 * parameter, so D1's 100 bound parameters never limit it; a question costs about six queries.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { WeightedTerm } from '../../retrieval/clause-index.js'
import type {
  ChunkPlace,
  ClauseStore,
  LexicalHit,
  LexicalIndex,
  LexicalSearchOptions,
  StoredUnit,
  TermStats,
  UnitAddress,
} from '../../retrieval/clause-store.js'
import { ClauseTree } from '../../retrieval/clause-tree.js'
import { normalizeForMatch } from '../../retrieval/normalize.js'
import { CharacterPairs } from '../../retrieval/character-pairs.js'
import { clauseKey, type PolicySource } from '../../retrieval/policy-index.js'
import type { VectorIndex } from '../../retrieval/vector-index.js'
import { DocumentInfoSchema, type Clause, type IndexManifest } from '../../schema/clause.js'
import { BM25_SQL } from './schema.js'

export { BM25_SQL, SCHEMA_SQL } from './schema.js'

type ClauseRow = {
  doc_key: string
  path: string
  city: string
  doc_title: string
  kind: Clause['kind']
  heading: string
  text: string
  start: number
  end: number
  lead: string | null
}

const CLAUSE_COLUMNS = 'c.doc_key, c.path, c.city, c.doc_title, c.kind, c.heading, c.text, c.start, c."end", c.lead'

function clauseOf(row: ClauseRow): Clause {
  return {
    docKey: row.doc_key,
    city: row.city,
    docTitle: row.doc_title,
    path: row.path,
    kind: row.kind,
    heading: row.heading,
    text: row.text,
    start: row.start,
    end: row.end,
    ...(row.lead !== null ? { lead: row.lead } : {}),
  }
}

/** Units and chunks read from D1 as a question needs them. */
export class D1ClauseStore implements ClauseStore {
  readonly #db: D1Database
  #pairs: Promise<CharacterPairs | undefined> | undefined

  constructor(db: D1Database) {
    this.#db = requireD1(db)
  }

  async chunkPlaces(chunkIds: readonly string[]): Promise<Map<string, ChunkPlace>> {
    if (chunkIds.length === 0) return new Map()
    const { results } = await this.#db
      .prepare('SELECT id, doc_key, path, city FROM chunks WHERE id IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(chunkIds))
      .all<{ id: string; doc_key: string; path: string; city: string }>()
    return new Map(results.map((r) => [r.id, { docKey: r.doc_key, path: r.path, city: r.city }]))
  }

  async units(addresses: readonly UnitAddress[]): Promise<Map<string, StoredUnit>> {
    if (addresses.length === 0) return new Map()
    // A unit's chunks share its breadcrumb; the last one is taken, as the in-memory store does.
    const { results } = await this.#db
      .prepare(
        `SELECT ${CLAUSE_COLUMNS},
           (SELECT k.breadcrumb FROM chunks k WHERE k.doc_key = c.doc_key AND k.path = c.path ORDER BY k.n DESC LIMIT 1) AS breadcrumb
         FROM json_each(?1) a
         JOIN clauses c ON c.doc_key = json_extract(a.value, '$[0]') AND c.path = json_extract(a.value, '$[1]')`
      )
      .bind(JSON.stringify(addresses.map((a) => [a.docKey, a.path])))
      .all<ClauseRow & { breadcrumb: string | null }>()
    return new Map(results.map((r) => [clauseKey(r.doc_key, r.path), { clause: clauseOf(r), breadcrumb: r.breadcrumb ?? '' }]))
  }

  async tree(docKeys: readonly string[]): Promise<ClauseTree> {
    if (docKeys.length === 0) return new ClauseTree([])
    const { results } = await this.#db
      .prepare(`SELECT ${CLAUSE_COLUMNS} FROM clauses c WHERE c.doc_key IN (SELECT value FROM json_each(?1)) ORDER BY c.ordinal`)
      .bind(JSON.stringify(docKeys))
      .all<ClauseRow>()
    return new ClauseTree(results.map(clauseOf))
  }

  /**
   * Scans `match_text` with `instr` (D1 caps LIKE patterns at 50 bytes). Unlike the in-memory
   * store, a text split across two chunks is not found: the chunks are not joined. In no city,
   * the export's character-pair filter answers first (see CharacterPairs).
   */
  async mentions(text: string, cities: readonly string[]): Promise<boolean> {
    const needle = normalizeForMatch(text)
    // No city means every chunk row: a word with a character pair no chunk has is in none of
    // them, known without that scan.
    if (cities.length === 0) {
      const pairs = await this.#characterPairs()
      if (pairs && !pairs.mayHold(needle)) return false
    }
    const row = await this.#db
      .prepare(
        `SELECT 1 AS found FROM chunks
         WHERE instr(match_text, ?1) > 0 AND (json_array_length(?2) = 0 OR city IN (SELECT value FROM json_each(?2)))
         LIMIT 1`
      )
      .bind(needle, JSON.stringify(cities))
      .first<{ found: number }>()
    return row !== null
  }

  /**
   * The export's character-pair filter, read once; undefined for a database exported before the
   * filter existed (no character_pairs table), which is then scanned as before.
   */
  #characterPairs(): Promise<CharacterPairs | undefined> {
    this.#pairs ??= (async () => {
      try {
        const { results } = await this.#db.prepare('SELECT bits FROM character_pairs ORDER BY part').all<{ bits: string }>()
        return results.length ? CharacterPairs.fromBase64Parts(results.map((r) => r.bits)) : undefined
      } catch (error) {
        if (/no such table/i.test(String((error as Error)?.message))) return undefined
        throw error
      }
    })()
    this.#pairs.catch(() => (this.#pairs = undefined))
    return this.#pairs
  }
}

type Bm25Meta = { k1: number; b: number; delta: number }

/** BM25+ in SQL over the exported postings ({@link BM25_SQL}); scores as ClauseIndex does. */
export class D1LexicalIndex implements LexicalIndex {
  readonly #db: D1Database
  #params: Promise<Bm25Meta & { documentCount: number }> | undefined

  constructor(db: D1Database) {
    this.#db = requireD1(db)
  }

  async search(terms: readonly WeightedTerm[], { limit, cities = [] }: LexicalSearchOptions): Promise<LexicalHit[]> {
    if (terms.length === 0) return []
    const { k1, b, delta } = await this.#parameters()
    const { results } = await this.#db
      .prepare(BM25_SQL)
      .bind(JSON.stringify(terms), k1, b, delta, limit, JSON.stringify(cities))
      .all<{ id: string; score: number; matched: string }>()
    const order = new Map<string, number>()
    terms.forEach(({ term }, i) => order.has(term) || order.set(term, i))
    return results.map((r) => ({
      id: r.id,
      score: r.score,
      matched: (JSON.parse(r.matched) as string[]).sort((x, y) => order.get(x)! - order.get(y)!),
    }))
  }

  async termStats(terms: readonly string[]): Promise<TermStats> {
    const { documentCount } = await this.#parameters()
    if (terms.length === 0) return { documentCount, frequencies: new Map() }
    const { results } = await this.#db
      .prepare('SELECT term, MAX(df) AS df FROM term_stats WHERE term IN (SELECT value FROM json_each(?1)) GROUP BY term')
      .bind(JSON.stringify(terms))
      .all<{ term: string; df: number }>()
    return { documentCount, frequencies: new Map(results.map((r) => [r.term, r.df])) }
  }

  /** The BM25 parameters and chunk count of the export; read once. */
  #parameters() {
    this.#params ??= (async () => {
      const [meta, count] = await this.#db.batch<{ value?: string; n?: number }>([
        this.#db.prepare("SELECT value FROM index_meta WHERE key = 'bm25'"),
        this.#db.prepare('SELECT MAX(doc_count) AS n FROM field_stats'),
      ])
      const value = meta.results[0]?.value
      if (!value) throw new Error('d1: index_meta has no bm25 row; load the export of npm run export:cloudflare into D1')
      const { k1, b, delta } = JSON.parse(value) as Bm25Meta
      return { k1, b, delta, documentCount: count.results[0]?.n ?? 0 }
    })()
    this.#params.catch(() => (this.#params = undefined))
    return this.#params
  }
}

/**
 * The index in D1 as a {@link PolicySource}: the manifest and units per kind read now (small: one
 * row per document), the units, chunks and postings queried per question.
 */
export async function loadD1PolicySource(db: D1Database, vectors: VectorIndex): Promise<PolicySource> {
  requireD1(db)
  const [meta, documents, kinds, counts] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT key, value FROM index_meta'),
    db.prepare('SELECT info FROM documents ORDER BY rowid'),
    db.prepare('SELECT doc_key, kind, COUNT(*) AS n FROM clauses GROUP BY doc_key, kind'),
    db.prepare('SELECT (SELECT COUNT(*) FROM clauses) AS clauses, (SELECT COUNT(*) FROM chunks) AS chunks'),
  ])
  const metaOf = new Map(meta.results.map((r) => [String(r.key), String(r.value)]))
  if (!metaOf.has('indexVersion')) {
    throw new Error('d1: the database holds no policy index (index_meta is empty); run schema.sql and data.sql of npm run export:cloudflare')
  }
  const unitsByKind = new Map<string, Record<string, number>>()
  for (const row of kinds.results) {
    const counts = unitsByKind.get(String(row.doc_key)) ?? {}
    counts[String(row.kind)] = Number(row.n)
    unitsByKind.set(String(row.doc_key), counts)
  }
  const manifest: IndexManifest = {
    formatVersion: Number(metaOf.get('formatVersion')) as IndexManifest['formatVersion'],
    indexVersion: metaOf.get('indexVersion')!,
    createdAt: metaOf.get('indexCreatedAt') ?? '',
    segmenter: metaOf.get('segmenter') ?? '',
    embeddings: JSON.parse(metaOf.get('embeddings') ?? '{"name":"","dimensions":1}'),
    documents: documents.results.map((r) => DocumentInfoSchema.parse(JSON.parse(String(r.info)))),
    clauses: Number(counts.results[0]?.clauses ?? 0),
    chunks: Number(counts.results[0]?.chunks ?? 0),
  }
  return { manifest, unitsByKind, store: new D1ClauseStore(db), lexical: new D1LexicalIndex(db), vectors }
}

function requireD1(db: D1Database): D1Database {
  if (typeof db?.prepare !== 'function') {
    throw new Error('d1: a D1 binding is required, eg env.DB ([[d1_databases]] binding = "DB" in wrangler.toml)')
  }
  return db
}
