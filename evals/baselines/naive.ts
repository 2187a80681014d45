/** @module naive baseline: fixed-size chunks, the same embedding, HNSWLib, the top chunk as the answer. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Document } from '@langchain/core/documents'
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib'
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters'
import type { Clause } from '../../src/schema/clause.js'
import { loadDocuments, type LoadedDocument } from '../../ingest/load-documents.js'
import { readText } from '../../ingest/read-text.js'
import type { CitedUnit } from '../metrics.js'
import { baselineQuery, distinctUnits, type Contender } from '../contender.js'

export interface NaiveBaselineOptions {
  /**
   * Most characters in a chunk (RecursiveCharacterTextSplitter `chunkSize`). Default 300: about
   * one policy item of the seeds, the size a naive RAG set-up picks for Chinese text.
   */
  chunkSize: number
  /** Characters shared by neighbouring chunks. Default 50, a sixth of a chunk. */
  chunkOverlap: number
  /**
   * Chunks fetched from HNSWLib per query, of which the first `k` distinct units are kept.
   * Default 50: enough for 5 distinct units even when one long unit fills many chunks.
   */
  fetch: number
}

export const defaultNaiveBaselineOptions: NaiveBaselineOptions = {
  chunkSize: 300,
  chunkOverlap: 50,
  fetch: 50,
}

/** A document with the text of its file region, which its clauses' offsets point into. */
export interface SourceDocument {
  document: LoadedDocument
  /** The whole file's text, as ingest read it (clause offsets are into this). */
  fileText: string
  /** Offsets of the document's region of the file: [start, end). */
  start: number
  end: number
}

/** A chunk of the naive splitter and the unit it starts in. */
export interface NaiveChunk {
  text: string
  unit: CitedUnit
}

/**
 * Reads the documents of the folders as ingest does (manifest, `begin` lines) and gives each its
 * region of the file: from the end of the file's previous document (or 0) to the end of its own
 * last unit (or the end of the file), so titles and cover lines go with the document they head.
 */
export async function loadSourceDocuments(docsDirs: readonly string[]): Promise<SourceDocument[]> {
  const sources: SourceDocument[] = []
  for (const dir of docsDirs) {
    const byFile = new Map<string, LoadedDocument[]>()
    for (const document of await loadDocuments(dir)) {
      byFile.set(document.info.file, [...(byFile.get(document.info.file) ?? []), document])
    }
    for (const [file, documents] of byFile) {
      const fileText = readText(await readFile(join(dir, file)))
      const ordered = documents
        .map((document) => ({ document, last: Math.max(...document.clauses.map((c) => c.end)) }))
        .sort((a, b) => a.last - b.last)
      ordered.forEach(({ document, last }, i) => {
        const start = i === 0 ? 0 : ordered[i - 1].last
        const end = i === ordered.length - 1 ? fileText.length : last
        sources.push({ document, fileText, start, end })
      })
    }
  }
  return sources
}

/**
 * The unit a chunk starting at `offset` starts in: the innermost unit whose range holds the
 * offset; in a gap between units (a marker line, a title), the next unit; past the last, the last.
 */
export function unitAt(clauses: readonly Clause[], offset: number): Clause {
  let inside: Clause | undefined
  for (const clause of clauses) {
    if (clause.start <= offset && offset < clause.end) {
      if (!inside || clause.end - clause.start < inside.end - inside.start) inside = clause
    }
  }
  if (inside) return inside
  const next = clauses.filter((c) => c.start >= offset).sort((a, b) => a.start - b.start)[0]
  return next ?? clauses.reduce((last, c) => (c.start > last.start ? c : last))
}

/** Splits each document's region with RecursiveCharacterTextSplitter and maps chunks to units. */
export async function splitSourceDocuments(
  sources: readonly SourceDocument[],
  options: Partial<NaiveBaselineOptions> = {}
): Promise<NaiveChunk[]> {
  const { chunkSize, chunkOverlap } = { ...defaultNaiveBaselineOptions, ...options }
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap })
  const chunks: NaiveChunk[] = []
  for (const { document, fileText, start, end } of sources) {
    const region = fileText.slice(start, end)
    let from = 0
    for (const text of await splitter.splitText(region)) {
      // Chunks are trimmed substrings of the region in order; overlap makes each start after the last.
      let at = region.indexOf(text, from)
      if (at === -1) at = region.indexOf(text)
      if (at !== -1) from = at + 1
      const clause = unitAt(document.clauses, start + Math.max(at, 0))
      chunks.push({
        text,
        unit: { city: document.info.city, docKey: clause.docKey, path: clause.path },
      })
    }
  }
  return chunks
}

/**
 * The naive RAG baseline: fixed-size chunks of the documents' text, embedded with `embeddings`
 * into a LangChain HNSWLib store (cosine). Search ranks the units the nearest chunks start in;
 * the answer is the nearest chunk's text, citing its unit. It never abstains.
 *
 * - `chunkSize`: characters per chunk, default 300.
 * - `chunkOverlap`: characters shared by neighbours, default 50.
 * - `fetch`: chunks fetched per query, default 50.
 *
 * @example
 * const naive = await createNaiveBaseline(await loadSourceDocuments(['seeds']), new HashingEmbeddings())
 */
export async function createNaiveBaseline(
  sources: readonly SourceDocument[],
  embeddings: EmbeddingsInterface,
  options: Partial<NaiveBaselineOptions> = {}
): Promise<Contender> {
  const opts = { ...defaultNaiveBaselineOptions, ...options }
  const chunks = await splitSourceDocuments(sources, opts)
  if (chunks.length === 0) throw new Error('naive baseline: the documents gave no chunks to index')
  const store = new HNSWLib(embeddings, { space: 'cosine' })
  await store.addDocuments(
    chunks.map((chunk, i) => new Document({ pageContent: chunk.text, metadata: { i } }))
  )
  const nearest = async (query: string, n: number) => {
    const hits = await store.similaritySearchVectorWithScore(
      await embeddings.embedQuery(query),
      Math.min(n, chunks.length)
    )
    return hits.map(([document]) => chunks[document.metadata.i as number])
  }
  return {
    name: 'naive',
    search: async function naiveSearch(question, k) {
      const ranked = await nearest(baselineQuery(question), Math.max(opts.fetch, k))
      return distinctUnits(
        ranked.map((c) => c.unit),
        k
      )
    },
    answer: async function naiveAnswer(question) {
      // The same search as `search`, so the answer is the top of the ranking it is scored on.
      const [top] = await nearest(baselineQuery(question), opts.fetch)
      return { answer: top?.text ?? '', citations: top ? [top.unit] : [], abstained: false }
    },
  }
}
