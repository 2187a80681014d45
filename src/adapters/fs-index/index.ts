/** @module fs-index: reads an index folder written by `npm run ingest`. */
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { ChunkSchema, ClauseSchema, IndexManifestSchema, type Chunk, type Clause } from '../../schema/clause.js'
import { ClauseIndex } from '../../retrieval/clause-index.js'
import { checkIndexEmbeddings, INDEX_FILES, INDEX_FORMAT_VERSION, type IndexEmbeddings } from '../../retrieval/index-format.js'
import { clauseKey, type PolicyIndex } from '../../retrieval/policy-index.js'
import { createError, QaError } from '../../errors.js'
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
  // JSON.parse gives every row its own copy of strings the rows share (a document's key, city and
  // title, a unit's path, heading and breadcrumb, a one-chunk unit's text): one copy each is a
  // third less heap at 100k.
  const intern = interner()
  // zod's output is a fresh object: its strings are swapped for shared copies in place, not
  // spread into a third object per row (which raised the heap's peak while loading).
  const clauses = await readJsonLines(dir, INDEX_FILES.clauses, (row) =>
    internFields(ClauseSchema.parse(row) as Clause, ['docKey', 'city', 'docTitle', 'path', 'heading', 'text'], intern)
  )
  const shareText = unitTextSharer(clauses)
  const chunks = await readJsonLines(dir, INDEX_FILES.chunks, (row) => {
    const chunk = ChunkSchema.parse(row) as Chunk
    chunk.text = shareText(chunk.docKey, chunk.path, chunk.text) ?? intern(chunk.text)
    return internFields(chunk, ['id', 'docKey', 'city', 'docTitle', 'path', 'breadcrumb', 'heading'], intern)
  })
  let lexical: ClauseIndex
  try {
    // The ids of the chunks, not copies: the BM25 and vector indexes hold them too.
    lexical = ClauseIndex.fromBinary(await readFile(join(dir, INDEX_FILES.lexical)), intern)
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${INDEX_FILES.lexical}: ${(cause as Error).message}`)
  }
  let vectors: HnswVectorIndex
  try {
    vectors = await HnswVectorIndex.load(join(dir, INDEX_FILES.vectors), embeddings, { intern })
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${INDEX_FILES.vectors}: ${(cause as Error).message}`)
  }
  collectLoadingGarbage()
  return { manifest: manifest.data, clauses, chunks, lexical, vectors }
}

/**
 * Collects the garbage of parsing at once when the process allows it (`node --expose-gc`, as
 * `npm start` runs the server): reading a 100k-clause index leaves ~150 MB of it, which V8 would
 * otherwise keep resident while the first questions are answered.
 */
function collectLoadingGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

/**
 * The rows of a JSON Lines file, read line by line: the whole file as one string would exceed
 * V8's largest string at a million chunks, and its copies (text, lines) held the peak memory of
 * a load at twice what the rows need.
 */
async function readJsonLines<T>(dir: string, file: string, parse: (row: unknown) => T): Promise<T[]> {
  const rows: T[] = []
  let number = 0
  try {
    const lines = createInterface({ input: createReadStream(join(dir, file), { encoding: 'utf8' }), crlfDelay: Infinity })
    for await (const line of lines) {
      number++
      if (!line.trim()) continue
      try {
        rows.push(parse(JSON.parse(line)))
      } catch (cause) {
        throw createError('INDEX_INVALID', dir, `${file} line ${number}: ${(cause as Error).message.slice(0, 200)}`)
      }
    }
  } catch (cause) {
    if (cause instanceof QaError) throw cause
    throw createError('INDEX_INVALID', dir, `${file}: ${(cause as Error).message}`)
  }
  return rows
}

/**
 * A function returning a chunk's text as a slice of its unit's text, which V8 keeps as a view
 * into the unit's string instead of a second copy (chunks are pieces of their unit's text; 8 of
 * the 116 MB of heap a 100k index takes after loading); undefined when the unit does not contain it.
 */
function unitTextSharer(clauses: readonly Clause[]): (docKey: string, path: string, text: string) => string | undefined {
  const units = new Map(clauses.map((c) => [clauseKey(c.docKey, c.path), c.text]))
  return (docKey, path, text) => {
    const unitText = units.get(clauseKey(docKey, path))
    const at = unitText?.indexOf(text) ?? -1
    return at < 0 ? undefined : unitText!.slice(at, at + text.length)
  }
}

/** Swaps the named string fields of a row for their shared copies, in place. */
function internFields<T extends object>(row: T, fields: ReadonlyArray<keyof T & string>, intern: (text: string) => string): T {
  const record = row as Record<string, unknown>
  for (const field of fields) record[field] = intern(record[field] as string)
  return row
}

/** A function returning one shared copy of equal strings. */
function interner(): (text: string) => string {
  const copies = new Map<string, string>()
  return (text) => {
    const copy = copies.get(text)
    if (copy !== undefined) return copy
    copies.set(text, text)
    return text
  }
}

function parseJson(dir: string, file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw createError('INDEX_INVALID', dir, `${file}: ${(cause as Error).message}`)
  }
}
