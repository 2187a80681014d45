/** @module The index folder's layout and what each chunk contributes to the lexical index. */
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import type { Chunk, IndexManifest } from '../schema/clause.js'
import { createError } from '../errors.js'
import type { Segmenter } from './segmenter.js'

/**
 * Version of the index folder's layout; a reader refuses any other. 1: BM25 as bm25.json, texts
 * in the vector docstore. 2: BM25 as bm25.bin (ClauseIndex.toBinary: a JSON string of ~700k
 * chunks' postings exceeded V8's largest string), texts only in chunks.jsonl.
 */
export const INDEX_FORMAT_VERSION = 2 as const

export const INDEX_FILES = {
  manifest: 'manifest.json',
  clauses: 'clauses.jsonl',
  chunks: 'chunks.jsonl',
  lexical: 'bm25.bin',
  vectors: 'vectors',
} as const

/**
 * The BM25 fields of a chunk, cut in search mode: its text, its breadcrumb (the headings above it
 * name its subject), and its document's city and title. `cuts` remembers the cuts of headings and
 * titles, which every chunk of a unit or document repeats; pass one map for a whole build.
 */
export function lexicalFields(chunk: Chunk, segmenter: Segmenter, cuts = new Map<string, string[]>()): Record<string, string[]> {
  const cutOnce = (text: string) => {
    let terms = cuts.get(text)
    if (!terms) cuts.set(text, (terms = segmenter.cutForSearch(text)))
    return terms
  }
  return {
    text: [...segmenter.cutForSearch(chunk.text), ...codeTerms(chunk.text)],
    heading: cutOnce(`${chunk.heading} ${chunk.breadcrumb}`),
    title: cutOnce(`${chunk.city} ${chunk.docTitle}`),
  }
}

/** What the dense index embeds for a chunk: where it stands, then what it says. */
export function vectorText(chunk: Chunk): string {
  return chunk.breadcrumb ? `${chunk.breadcrumb}\n${chunk.text}` : chunk.text
}

// Programme codes built of numbers and letters joined by + (「4+3+N」, 「10+N」, 「1+N」): jieba
// cuts them into loose digits, which would match any number.
export const CODE_PATTERN = /[0-9a-z]+(?:\s*[+＋]\s*[0-9a-z]+)+/gi

/** Codes such as 4+3+N as single terms, lower-case, full width folded: for index and query alike. */
export function codeTerms(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(CODE_PATTERN)].map((m) => m[0].replace(/\s+/g, '').toLowerCase())
}

/**
 * Embeddings that say what they are: the manifest records `name` and `dimensions` at ingest, and
 * an index is only ever queried with the embeddings it was built with.
 */
export type IndexEmbeddings = EmbeddingsInterface & { readonly name: string; readonly dimensions: number }

/** Refuses to query an index with other embeddings than it was built with: the vectors would not compare. */
export function checkIndexEmbeddings(dir: string, manifest: IndexManifest, embeddings: Pick<IndexEmbeddings, 'name' | 'dimensions'>): void {
  const built = manifest.embeddings
  if (built.name !== embeddings.name || built.dimensions !== embeddings.dimensions) {
    throw createError('INDEX_EMBEDDINGS', dir, built.name, built.dimensions, embeddings.name, embeddings.dimensions)
  }
}
