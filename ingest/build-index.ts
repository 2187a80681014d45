/** @module buildIndex: document folders → an index folder, written whole or not at all. */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Chunk, Clause, DocumentInfo, IndexManifest } from '../src/schema/clause.js'
import type { Segmenter } from '../src/retrieval/segmenter.js'
import { ClauseIndex } from '../src/retrieval/clause-index.js'
import { createError } from '../src/errors.js'
import { chunkClauses, type ChunkOptions } from './chunk.js'
import { loadDocuments, type LoadedDocument } from './load-documents.js'
import { markSuperseded } from './mark-superseded.js'
import { INDEX_FILES, INDEX_FORMAT_VERSION, lexicalFields, vectorText } from '../src/retrieval/index-format.js'

/** A chunk as the vector writer receives it. */
export interface VectorRecord {
  id: string
  text: string
  metadata: { docKey: string; city: string }
}

export interface BuildIndexDeps {
  segmenter: Segmenter
  /** Name and size of the embedding the vectors are made with, recorded in the manifest. */
  embeddings: { name: string; dimensions: number }
  /** Writes the dense index of the records into a folder (hnswlib on Node). */
  writeVectors: (records: VectorRecord[], directory: string) => Promise<void>
  /** Told of each document as it is parsed, for progress output. */
  onDocument?: (document: LoadedDocument, chunks: number) => void
}

export interface BuildIndexOptions {
  docsDirs: string[]
  indexDir: string
  chunk?: Partial<ChunkOptions>
}

/**
 * Parses every document of the folders and writes the index: clauses.jsonl, chunks.jsonl, the
 * BM25 index, the vector index and manifest.json. Everything goes to a temporary sibling folder
 * that replaces `indexDir` by a rename at the end, so a failed or interrupted build leaves the
 * previous index as it was.
 */
export async function buildIndex(options: BuildIndexOptions, deps: BuildIndexDeps): Promise<IndexManifest> {
  const documents: LoadedDocument[] = []
  const owner = new Map<string, string>()
  for (const dir of options.docsDirs) {
    for (const doc of await loadDocuments(dir)) {
      const other = owner.get(doc.info.docKey)
      if (other) throw createError('DUPLICATE_DOC_KEY', doc.info.docKey, other, join(dir, doc.info.file))
      owner.set(doc.info.docKey, join(dir, doc.info.file))
      documents.push(doc)
    }
  }
  // Across all folders: a document in one folder may replace one in another.
  markSuperseded(documents.map((d) => d.info)).forEach((info, i) => (documents[i] = { ...documents[i], info }))
  const clauses: Clause[] = []
  const chunks: Chunk[] = []
  for (const doc of documents) {
    const docChunks = chunkClauses(doc.clauses, deps.segmenter, options.chunk)
    clauses.push(...doc.clauses)
    chunks.push(...docChunks)
    deps.onDocument?.(doc, docChunks.length)
  }
  const lexical = new ClauseIndex()
  const cuts = new Map<string, string[]>()
  for (const chunk of chunks) lexical.add({ id: chunk.id, fields: lexicalFields(chunk, deps.segmenter, cuts) })

  const infos: DocumentInfo[] = documents.map((d) => d.info)
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    indexVersion: indexVersionOf(infos),
    createdAt: new Date().toISOString(),
    segmenter: deps.segmenter.name,
    embeddings: deps.embeddings,
    documents: infos,
    clauses: clauses.length,
    chunks: chunks.length,
  }

  const parent = dirname(options.indexDir)
  await mkdir(parent, { recursive: true })
  const temp = join(parent, `.${basename(options.indexDir)}.tmp-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(temp)
    await writeFile(join(temp, INDEX_FILES.clauses), toJsonLines(clauses))
    await writeFile(join(temp, INDEX_FILES.chunks), toJsonLines(chunks))
    await writeFile(join(temp, INDEX_FILES.lexical), lexical.toBinary())
    const records = chunks.map((c) => ({
      id: c.id,
      text: vectorText(c),
      metadata: { docKey: c.docKey, city: c.city },
    }))
    await deps.writeVectors(records, join(temp, INDEX_FILES.vectors))
    // The manifest is written last: a folder without one is never taken for an index.
    await writeFile(join(temp, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2))
    await swapInto(temp, options.indexDir)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
  return manifest
}

/** Replaces `target` by `source`: the old folder is moved aside first and removed after. */
async function swapInto(source: string, target: string): Promise<void> {
  const old = `${target}.old-${randomBytes(4).toString('hex')}`
  let moved = false
  try {
    await rename(target, old)
    moved = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await rename(source, target)
  if (moved) await rm(old, { recursive: true, force: true })
}

/**
 * One JSON object per line, yielded about a megabyte at a time: a million chunks as one string
 * would pass V8's string limit (~512 MB), and a write per line would be a million writes.
 */
function* toJsonLines(rows: readonly unknown[]): Generator<string> {
  let block = ''
  for (const row of rows) {
    block += JSON.stringify(row) + '\n'
    if (block.length >= 1 << 20) {
      yield block
      block = ''
    }
  }
  if (block) yield block
}

/** The index version: changes whenever a source file or the set of documents changes. */
function indexVersionOf(documents: DocumentInfo[]): string {
  let hash = 0x811c9dc5
  for (const d of documents) {
    for (const ch of `${d.docKey}:${d.sourceHash};`) {
      hash ^= ch.charCodeAt(0)
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
  }
  return `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${hash.toString(16).padStart(8, '0')}`
}
