/** @module fs-index: reads an index folder written by `npm run ingest`. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ChunkSchema, ClauseSchema, IndexManifestSchema, type Chunk, type Clause } from '../../schema/clause.js'
import { ClauseIndex } from '../../retrieval/clause-index.js'
import { checkIndexEmbeddings, INDEX_FILES, INDEX_FORMAT_VERSION, type IndexEmbeddings } from '../../retrieval/index-format.js'
import type { PolicyIndex } from '../../retrieval/policy-index.js'
import { createError } from '../../errors.js'
import { HnswVectorIndex } from '../hnswlib/index.js'

/**
 * Loads and validates an index folder; names the folder and the file in every error. Refuses
 * `embeddings` other than those the index was built with (INDEX_EMBEDDINGS).
 */
export async function loadIndexFolder(dir: string, embeddings: IndexEmbeddings): Promise<PolicyIndex> {
  let manifestText: string
  try {
    manifestText = await readFile(join(dir, INDEX_FILES.manifest), 'utf8')
  } catch {
    throw createError('INDEX_MISSING', dir)
  }
  const raw = parseJson(dir, INDEX_FILES.manifest, manifestText) as { formatVersion?: unknown }
  if (raw?.formatVersion !== INDEX_FORMAT_VERSION) {
    throw createError('INDEX_VERSION', dir, raw?.formatVersion, INDEX_FORMAT_VERSION)
  }
  const manifest = IndexManifestSchema.safeParse(raw)
  if (!manifest.success) throw createError('INDEX_INVALID', dir, `${INDEX_FILES.manifest}: ${manifest.error.issues[0].message}`)
  checkIndexEmbeddings(dir, manifest.data, embeddings)
  const clauses = await readJsonLines(dir, INDEX_FILES.clauses, (row) => ClauseSchema.parse(row) as Clause)
  const chunks = await readJsonLines(dir, INDEX_FILES.chunks, (row) => ChunkSchema.parse(row) as Chunk)
  let lexical: ClauseIndex
  try {
    lexical = ClauseIndex.fromJSON(JSON.parse(await readFile(join(dir, INDEX_FILES.lexical), 'utf8')))
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${INDEX_FILES.lexical}: ${(cause as Error).message}`)
  }
  let vectors: HnswVectorIndex
  try {
    vectors = await HnswVectorIndex.load(join(dir, INDEX_FILES.vectors), embeddings)
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${INDEX_FILES.vectors}: ${(cause as Error).message}`)
  }
  return { manifest: manifest.data, clauses, chunks, lexical, vectors }
}

async function readJsonLines<T>(dir: string, file: string, parse: (row: unknown) => T): Promise<T[]> {
  let text: string
  try {
    text = await readFile(join(dir, file), 'utf8')
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${file}: ${(cause as Error).message}`)
  }
  const rows: T[] = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    try {
      rows.push(parse(JSON.parse(line)))
    } catch (cause) {
      throw createError('INDEX_INVALID', dir, `${file} line ${i + 1}: ${(cause as Error).message.slice(0, 200)}`)
    }
  })
  return rows
}

function parseJson(dir: string, file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${file}: ${(cause as Error).message}`)
  }
}
