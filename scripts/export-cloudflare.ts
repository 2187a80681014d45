/**
 * @module export:cloudflare — an index folder (`npm run ingest`) → what D1 and Vectorize load.
 *
 * `npm run export:cloudflare -- --index DIR --out DIR [--embeddings hashing|workers-ai-rest]
 *  [--dimensions 1024] [--model @cf/baai/bge-m3] [--statement-bytes 90000] [--vectors-per-file 10000]`
 *
 * Writes into `--out` (replaced whole, or left as it was if the export fails):
 * - `schema.sql`: drops and creates the tables below. They hold derived data only, so there is no
 *   migration history to keep; to run it as a D1 migration instead, copy it to
 *   `migrations/0001_policy_index.sql` and use `wrangler d1 migrations apply`.
 * - `data.sql`: multi-row INSERTs, each statement under D1's 100 KB limit (`--statement-bytes`).
 * - `vectors-0001.ndjson`, …: `{ id, values, metadata: { city, docKey, chunk } }` per chunk, for
 *   `wrangler vectorize insert`. Ids follow `vectorIdOf` (src/adapters/vectorize/vector-id.ts);
 *   `chunks.vector_id` in D1 maps them back.
 * - `export.json`: what was exported, with the counts.
 *
 * The lexical tables are copied from the index's own BM25 data (bm25.bin): the same nodejieba
 * terms, lengths and parameters the Node build searches, so a D1 query scores as `ClauseIndex`
 * does. Vectors embed the same text hnswlib embeds on Node (breadcrumb, newline, text).
 *
 * Embeddings: `hashing` (default; offline, deterministic, `--dimensions` 1024 so the Vectorize
 * index has bge-m3's size; the fake Workers AI in test/support answers bge-m3 calls with the
 * same vectors) or `workers-ai-rest` (`--model`, default `@cf/baai/bge-m3`, through the Workers AI
 * REST API; needs CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN; CLOUDFLARE_API_BASE_URL points it
 * at test/support's fake). A Worker must embed its queries with the model the vectors were
 * exported with; `index_meta.embeddings` records it.
 *
 * ## Deploy (README section)
 *
 * ```sh
 * npm run ingest -- --docs seeds --index .data/index
 * CLOUDFLARE_ACCOUNT_ID=… CLOUDFLARE_API_TOKEN=… \
 *   npm run export:cloudflare -- --index .data/index --out .data/cloudflare --embeddings workers-ai-rest
 *
 * # Once: the Vectorize index (bge-m3: 1024 dimensions, cosine; neither can change later) and its
 * # metadata indexes, which must exist before the first insert or the vectors are not filterable.
 * npx wrangler vectorize create policy-qa --dimensions=1024 --metric=cosine
 * npx wrangler vectorize create-metadata-index policy-qa --propertyName=city --type=string
 * npx wrangler vectorize create-metadata-index policy-qa --propertyName=docKey --type=string
 * # Once: the D1 database; put the printed database_id into wrangler.toml.
 * npx wrangler d1 create policy-qa
 *
 * # Every export: tables, rows, vectors (insert the first time; upsert afterwards, which also
 * # replaces the vectors of chunks that changed), then deploy.
 * npx wrangler d1 execute policy-qa --remote --yes --file=.data/cloudflare/schema.sql
 * npx wrangler d1 execute policy-qa --remote --yes --file=.data/cloudflare/data.sql
 * for f in .data/cloudflare/vectors-*.ndjson; do npx wrangler vectorize insert policy-qa --file="$f"; done  # first export
 * for f in .data/cloudflare/vectors-*.ndjson; do npx wrangler vectorize upsert policy-qa --file="$f"; done  # later exports
 * npx wrangler deploy
 * ```
 * wrangler.toml bindings these commands fill:
 * ```toml
 * [[vectorize]]
 * binding = "VECTORIZE"
 * index_name = "policy-qa"
 * [[d1_databases]]
 * binding = "DB"
 * database_name = "policy-qa"
 * database_id = "<printed by wrangler d1 create>"
 * ```
 * Vectors of chunks that no longer exist stay in Vectorize until deleted (`wrangler vectorize
 * delete-vectors policy-qa --ids …`, the ids of the previous export's vectors files that are
 * missing from this one); the Worker skips them, since D1 no longer maps them to a chunk.
 * Local D1 (`--local` instead of `--remote`) takes the same files.
 *
 * ## D1 BM25
 * `postings(term, field, chunk_n, tf)`, `chunk_lengths(chunk_n, field, length)`,
 * `field_stats(field, boost, doc_count, total_length, avg_length)` and `term_stats(term, field,
 * df, idf)` (idf precomputed: D1 need not have SQLite's math functions) make `BM25_SQL` (src/adapters/d1/schema.ts) a
 * single query: ClauseIndex's BM25+ summed over fields and terms, with the terms and weights as
 * one JSON parameter (D1 allows 100 bound parameters).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import {
  VECTOR_ID_SCHEME,
  vectorIdOf,
  MAX_VECTOR_ID_BYTES,
} from '../src/adapters/vectorize/vector-id.js'
import {
  createWorkersAiRestBinding,
  WorkersAiEmbeddings,
  BGE_M3,
} from '../src/adapters/workers-ai/index.js'
import { ClauseIndex, type ClauseIndexJSON } from '../src/retrieval/clause-index.js'
import { INDEX_FILES, INDEX_FORMAT_VERSION, vectorText } from '../src/retrieval/index-format.js'
import { normalizeForMatch } from '../src/retrieval/normalize.js'
import { CharacterPairs } from '../src/retrieval/character-pairs.js'
import { SCHEMA_SQL } from '../src/adapters/d1/schema.js'
import {
  ChunkSchema,
  ClauseSchema,
  IndexManifestSchema,
  type Chunk,
  type Clause,
  type IndexManifest,
} from '../src/schema/clause.js'

export const defaultExportOptions = {
  /** `hashing` (offline) or `workers-ai-rest`. */
  embeddings: 'hashing' as EmbeddingsKind,
  /** Vector size; 1024 is bge-m3's, and a Vectorize index's size cannot change. */
  dimensions: 1024,
  /** Workers AI model for `workers-ai-rest`. */
  model: BGE_M3,
  /**
   * Largest SQL statement written, in bytes. D1 refuses statements over 100 000 bytes; 90 000
   * leaves room for what wrangler adds. Range 1 000–100 000.
   */
  statementBytes: 90_000,
  /** Vectors per NDJSON file; 10 000 bge-m3 vectors make a file of about 110 MB. */
  vectorsPerFile: 10_000,
  /** Chunks embedded per round (Workers AI batches them further). */
  embedRound: 500,
}

export type EmbeddingsKind = 'hashing' | 'workers-ai-rest'
export type ExportOptions = { index: string; out: string } & Partial<
  typeof defaultExportOptions
> & {
    /** Embeddings to use instead of building one from `embeddings` (tests). */
    embedder?: EmbeddingsInterface & { name: string; dimensions: number }
  }

/** Files of an export, by role. */
export const EXPORT_FILES = {
  schema: 'schema.sql',
  data: 'data.sql',
  summary: 'export.json',
} as const

/** Metadata properties that need a Vectorize metadata index (`create-metadata-index`). */
export const VECTOR_METADATA_INDEXES = ['city', 'docKey'] as const

/** The index folder as the export reads it. */
export type IndexContent = {
  manifest: IndexManifest
  clauses: Clause[]
  chunks: Chunk[]
  lexical: ClauseIndexJSON
}

/** Reads and validates manifest.json, clauses.jsonl, chunks.jsonl and bm25.bin; errors name the file and line. */
export async function readIndexFolder(dir: string): Promise<IndexContent> {
  const manifestText = await readText(dir, INDEX_FILES.manifest)
  const raw = parseJson(dir, INDEX_FILES.manifest, manifestText) as { formatVersion?: unknown }
  if (raw?.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new Error(
      `${join(dir, INDEX_FILES.manifest)}: formatVersion ${JSON.stringify(raw?.formatVersion)}, this export reads ${INDEX_FORMAT_VERSION}; rebuild the index with npm run ingest`
    )
  }
  const manifest = IndexManifestSchema.parse(raw)
  const clauses = jsonLines(
    dir,
    INDEX_FILES.clauses,
    await readText(dir, INDEX_FILES.clauses),
    (row) => ClauseSchema.parse(row) as Clause
  )
  const chunks = jsonLines(
    dir,
    INDEX_FILES.chunks,
    await readText(dir, INDEX_FILES.chunks),
    (row) => ChunkSchema.parse(row) as Chunk
  )
  let lexical: ClauseIndexJSON
  try {
    lexical = ClauseIndex.fromBinary(await readFile(join(dir, INDEX_FILES.lexical))).toJSON()
  } catch (cause) {
    throw new Error(`${join(dir, INDEX_FILES.lexical)}: ${(cause as Error).message}`, { cause })
  }
  return { manifest, clauses, chunks, lexical }
}

/** What the dense index embeds for a chunk: the same function ingest gives hnswlib. */
export { vectorText }

/** A SQL literal: NULL, a finite number, or a single-quoted string with quotes doubled. */
export function sqlLiteral(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`export: cannot write the number ${value} to SQL`)
    return String(value)
  }
  if (value.includes('\u0000'))
    throw new Error(
      `export: a NUL character cannot be written to SQL: ${JSON.stringify(value.slice(0, 40))}`
    )
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * Multi-row INSERT statements for `rows`, each at most `maxBytes` UTF-8 bytes. A row that alone
 * exceeds the limit is refused with the table and the row's first values.
 */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: Iterable<ReadonlyArray<string | number | null | undefined>>,
  maxBytes: number
): string[] {
  const head = `INSERT INTO ${table} (${columns.map((c) => (c === 'end' ? '"end"' : c)).join(', ')}) VALUES\n`
  const headBytes = Buffer.byteLength(head)
  const statements: string[] = []
  let tuples: string[] = []
  let bytes = headBytes
  for (const row of rows) {
    if (row.length !== columns.length)
      throw new Error(`export: ${table} row has ${row.length} values for ${columns.length} columns`)
    const tuple = `(${row.map(sqlLiteral).join(', ')})`
    const tupleBytes = Buffer.byteLength(tuple) + 2 // ",\n" or ";\n"
    if (headBytes + tupleBytes > maxBytes) {
      throw new Error(
        `export: one ${table} row needs ${headBytes + tupleBytes} bytes, more than a D1 statement may have (${maxBytes}); row starts ${tuple.slice(0, 80)}`
      )
    }
    if (bytes + tupleBytes > maxBytes) {
      statements.push(`${head}${tuples.join(',\n')};`)
      tuples = []
      bytes = headBytes
    }
    tuples.push(tuple)
    bytes += tupleBytes
  }
  if (tuples.length > 0) statements.push(`${head}${tuples.join(',\n')};`)
  return statements
}

/** The rows of every table, from the index content. */
export function tableRows(
  content: IndexContent,
  exported: { embeddings: { name: string; dimensions: number } }
) {
  const { manifest, clauses, chunks, lexical } = content
  const chunkNumber = new Map(chunks.map((chunk, n) => [chunk.id, n]))
  const vectorIds = new Map<string, string>()
  for (const chunk of chunks) {
    const vectorId = vectorIdOf(chunk.id, chunk.docKey)
    const other = vectorIds.get(vectorId)
    if (other !== undefined)
      throw new Error(
        `export: chunks ${other} and ${chunk.id} get the same vector id ${vectorId}; report this`
      )
    vectorIds.set(vectorId, chunk.id)
  }

  const count = lexical.ids.length
  const numberOfDoc = lexical.ids.map((id) => {
    const n = chunkNumber.get(id)
    if (n === undefined)
      throw new Error(
        `export: ${INDEX_FILES.lexical} names chunk ${id}, which ${INDEX_FILES.chunks} lacks; rebuild the index`
      )
    return n
  })
  const { k1, b, delta } = lexical.options.bm25
  const postings: Array<[string, string, number, number]> = []
  const lengths: Array<[number, string, number]> = []
  const fieldStats: Array<[string, number, number, number, number]> = []
  const termStats: Array<[string, string, number, number]> = []
  lexical.options.fields.forEach((field, f) => {
    const data = lexical.fields[f]
    let total = 0
    data.lengths.forEach((length, doc) => {
      total += length
      if (length > 0) lengths.push([numberOfDoc[doc], field, length])
    })
    fieldStats.push([
      field,
      lexical.options.boost[field] ?? 1,
      count,
      total,
      count === 0 ? 0 : total / count,
    ])
    for (const [term, list] of data.postings) {
      const df = list.length / 2
      termStats.push([term, field, df, Math.log(1 + (count - df + 0.5) / (df + 0.5))])
      for (let i = 0; i < list.length; i += 2)
        postings.push([term, field, numberOfDoc[list[i]], list[i + 1]])
    }
  })

  const meta: Array<[string, string]> = [
    ['formatVersion', String(manifest.formatVersion)],
    ['indexVersion', manifest.indexVersion],
    ['indexCreatedAt', manifest.createdAt],
    ['segmenter', manifest.segmenter],
    ['embeddings', JSON.stringify(exported.embeddings)],
    ['vectorIdScheme', VECTOR_ID_SCHEME],
    [
      'bm25',
      JSON.stringify({
        fields: lexical.options.fields,
        boost: lexical.options.boost,
        k1,
        b,
        delta,
      }),
    ],
  ]
  return {
    index_meta: { columns: ['key', 'value'], rows: meta },
    documents: {
      columns: ['doc_key', 'city', 'title', 'info'],
      rows: manifest.documents.map((d) => [d.docKey, d.city, d.title, JSON.stringify(d)] as const),
    },
    clauses: {
      columns: [
        'doc_key',
        'path',
        'city',
        'doc_title',
        'kind',
        'heading',
        'text',
        'start',
        'end',
        'lead',
        'ordinal',
      ],
      rows: clauses.map(
        (c, i) =>
          [
            c.docKey,
            c.path,
            c.city,
            c.docTitle,
            c.kind,
            c.heading,
            c.text,
            c.start,
            c.end,
            c.lead ?? null,
            i,
          ] as const
      ),
    },
    chunks: {
      columns: [
        'n',
        'id',
        'vector_id',
        'doc_key',
        'city',
        'doc_title',
        'path',
        'kind',
        'breadcrumb',
        'heading',
        'text',
        'match_text',
      ],
      rows: chunks.map(
        (c, n) =>
          [
            n,
            c.id,
            vectorIdOf(c.id, c.docKey),
            c.docKey,
            c.city,
            c.docTitle,
            c.path,
            c.kind,
            c.breadcrumb,
            c.heading,
            c.text,
            normalizeForMatch(`${c.heading}\n${c.text}`),
          ] as const
      ),
    },
    postings: { columns: ['term', 'field', 'chunk_n', 'tf'], rows: postings },
    chunk_lengths: { columns: ['chunk_n', 'field', 'length'], rows: lengths },
    field_stats: {
      columns: ['field', 'boost', 'doc_count', 'total_length', 'avg_length'],
      rows: fieldStats,
    },
    term_stats: { columns: ['term', 'field', 'df', 'idf'], rows: termStats },
    character_pairs: {
      columns: ['part', 'bits'],
      rows: CharacterPairs.ofChunks(chunks)
        .toBase64Parts(CHARACTER_PAIRS_PART_BYTES)
        .map((bits, part) => [part, bits] as const),
    },
  }
}

/** Bytes of the character-pair filter per D1 row: 64 KB of base64, under D1's 100 KB statements. */
const CHARACTER_PAIRS_PART_BYTES = 48 * 1024

/** The `data.sql` text: deletes, then INSERT statements per table, one statement per `;\n`. */
export function dataSql(tables: ReturnType<typeof tableRows>, statementBytes: number): string {
  const names = Object.keys(tables) as Array<keyof typeof tables>
  const parts = [
    '-- Rows of the policy index, written by npm run export:cloudflare. Run schema.sql first.',
  ]
  for (const name of [...names].reverse()) parts.push(`DELETE FROM ${name};`)
  for (const name of names) {
    const { columns, rows } = tables[name]
    parts.push(
      ...insertStatements(
        name,
        columns,
        rows as Iterable<ReadonlyArray<string | number | null>>,
        statementBytes
      )
    )
  }
  return parts.join('\n') + '\n'
}

/** Exports an index folder; returns the summary written to export.json. */
export async function exportCloudflare(options: ExportOptions) {
  // An option given as undefined (a flag left out) keeps its default.
  const given = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined)
  )
  const settings = { ...defaultExportOptions, ...given } as typeof defaultExportOptions &
    ExportOptions
  if (!(
    Number.isInteger(settings.statementBytes) &&
    settings.statementBytes >= 1000 &&
    settings.statementBytes <= 100_000
  )) {
    throw new Error(
      `export: --statement-bytes must be an integer in 1000–100000 (D1's limit), got ${settings.statementBytes}`
    )
  }
  if (!(Number.isInteger(settings.vectorsPerFile) && settings.vectorsPerFile >= 1)) {
    throw new Error(
      `export: --vectors-per-file must be an integer ≥ 1, got ${settings.vectorsPerFile}`
    )
  }
  const content = await readIndexFolder(options.index)
  const embedder = options.embedder ?? createEmbedder(settings)
  const exported = { embeddings: { name: embedder.name, dimensions: embedder.dimensions } }
  const tables = tableRows(content, exported)

  const out = resolve(options.out)
  await mkdir(dirname(out), { recursive: true })
  const temp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}-${Date.now()}`)
  await mkdir(temp)
  try {
    await writeFile(join(temp, EXPORT_FILES.schema), SCHEMA_SQL)
    await writeFile(join(temp, EXPORT_FILES.data), dataSql(tables, settings.statementBytes))
    const vectorFiles = await writeVectors(temp, content.chunks, embedder, settings)
    const summary = {
      index: resolve(options.index),
      indexVersion: content.manifest.indexVersion,
      segmenter: content.manifest.segmenter,
      embeddings: exported.embeddings,
      vectorIdScheme: VECTOR_ID_SCHEME,
      metadataIndexes: VECTOR_METADATA_INDEXES,
      rows: Object.fromEntries(
        Object.entries(tables).map(([name, table]) => [name, table.rows.length])
      ),
      files: { schema: EXPORT_FILES.schema, data: EXPORT_FILES.data, vectors: vectorFiles },
    }
    await writeFile(join(temp, EXPORT_FILES.summary), JSON.stringify(summary, null, 2) + '\n')
    await rm(out, { recursive: true, force: true })
    await rename(temp, out)
    return summary
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
}

function createEmbedder(
  settings: typeof defaultExportOptions
): EmbeddingsInterface & { name: string; dimensions: number } {
  if (settings.embeddings === 'hashing')
    return new HashingEmbeddings({ dimensions: settings.dimensions })
  if (settings.embeddings === 'workers-ai-rest') {
    const binding = createWorkersAiRestBinding({
      accountId: process.env.CLOUDFLARE_ACCOUNT_ID ?? '',
      apiToken: process.env.CLOUDFLARE_API_TOKEN ?? '',
      ...(process.env.CLOUDFLARE_API_BASE_URL
        ? { baseUrl: process.env.CLOUDFLARE_API_BASE_URL }
        : {}),
    })
    return new WorkersAiEmbeddings({
      binding,
      model: settings.model,
      dimensions: settings.dimensions,
      maxRetries: 3,
    })
  }
  throw new Error(
    `export: --embeddings must be hashing or workers-ai-rest, got ${JSON.stringify(settings.embeddings)}`
  )
}

/** Embeds the chunks round by round and writes NDJSON files of at most `vectorsPerFile` lines. */
async function writeVectors(
  dir: string,
  chunks: Chunk[],
  embedder: EmbeddingsInterface & { name: string; dimensions: number },
  settings: typeof defaultExportOptions
): Promise<string[]> {
  const files: string[] = []
  let lines: string[] = []
  const writeFileOf = async (count: number) => {
    const name = `vectors-${String(files.length + 1).padStart(4, '0')}.ndjson`
    await writeFile(join(dir, name), lines.splice(0, count).join('\n') + '\n')
    files.push(name)
  }
  for (let start = 0; start < chunks.length; start += settings.embedRound) {
    const round = chunks.slice(start, start + settings.embedRound)
    const vectors = await embedder.embedDocuments(round.map(vectorText))
    round.forEach((chunk, i) => {
      const values = vectors[i]
      if (values?.length !== embedder.dimensions) {
        throw new Error(
          `export: ${embedder.name} gave chunk ${chunk.id} ${values?.length ?? 'no'} dimensions, expected ${embedder.dimensions}`
        )
      }
      const id = vectorIdOf(chunk.id, chunk.docKey)
      if (Buffer.byteLength(id) > MAX_VECTOR_ID_BYTES)
        throw new Error(`export: vector id ${id} is longer than ${MAX_VECTOR_ID_BYTES} bytes`)
      // Vectorize keeps float32: nine significant digits write any float32 exactly, in half the bytes.
      const rounded = values.map((value) => Number(Math.fround(value).toPrecision(9)))
      lines.push(
        JSON.stringify({
          id,
          values: rounded,
          metadata: { city: chunk.city, docKey: chunk.docKey, chunk: chunk.id },
        })
      )
    })
    while (lines.length >= settings.vectorsPerFile) await writeFileOf(settings.vectorsPerFile)
    if (process.stderr.isTTY)
      process.stderr.write(`\rembedded ${start + round.length}/${chunks.length} chunks`)
  }
  if (lines.length > 0) await writeFileOf(lines.length)
  if (process.stderr.isTTY) process.stderr.write('\n')
  return files
}

async function readText(dir: string, file: string): Promise<string> {
  try {
    return await readFile(join(dir, file), 'utf8')
  } catch (cause) {
    throw new Error(
      `${join(dir, file)}: ${(cause as Error).message}; is ${dir} an index folder written by npm run ingest?`,
      { cause }
    )
  }
}

function parseJson(dir: string, file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new Error(`${join(dir, file)}: ${(cause as Error).message}`, { cause })
  }
}

function jsonLines<T>(dir: string, file: string, text: string, parse: (row: unknown) => T): T[] {
  const rows: T[] = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    try {
      rows.push(parse(JSON.parse(line)))
    } catch (cause) {
      throw new Error(
        `${join(dir, file)} line ${i + 1}: ${(cause as Error).message.slice(0, 200)}`,
        { cause }
      )
    }
  })
  return rows
}

async function main() {
  const { values } = parseArgs({
    options: {
      index: { type: 'string' },
      out: { type: 'string' },
      embeddings: { type: 'string' },
      dimensions: { type: 'string' },
      model: { type: 'string' },
      'statement-bytes': { type: 'string' },
      'vectors-per-file': { type: 'string' },
    },
    strict: true,
  })
  if (!values.index || !values.out)
    throw new Error(
      'usage: npm run export:cloudflare -- --index DIR --out DIR [--embeddings hashing|workers-ai-rest]'
    )
  const number = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined
    const parsed = Number(value)
    if (!Number.isInteger(parsed)) throw new Error(`--${name} must be an integer, got ${value}`)
    return parsed
  }
  const started = Date.now()
  const summary = await exportCloudflare({
    index: values.index,
    out: values.out,
    embeddings: values.embeddings as EmbeddingsKind | undefined,
    dimensions: number(values.dimensions, 'dimensions'),
    model: values.model,
    statementBytes: number(values['statement-bytes'], 'statement-bytes'),
    vectorsPerFile: number(values['vectors-per-file'], 'vectors-per-file'),
  })
  const rows = Object.entries(summary.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ')
  console.log(
    `exported index ${summary.indexVersion} to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
  console.log(`  D1: ${EXPORT_FILES.schema}, ${EXPORT_FILES.data} (${rows})`)
  console.log(
    `  Vectorize: ${summary.files.vectors.join(', ')} (${summary.embeddings.name}, ${summary.embeddings.dimensions} dimensions; metadata indexes ${VECTOR_METADATA_INDEXES.join(', ')})`
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(`export:cloudflare failed: ${error.message}`)
    process.exit(1)
  })
}
