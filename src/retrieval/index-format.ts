/** @module The index folder's layout and what each chunk contributes to the lexical index. */
import type { Chunk } from '../schema/clause.js'
import type { Segmenter } from './segmenter.js'

/** Version of the index folder's layout; a reader refuses any other. */
export const INDEX_FORMAT_VERSION = 1 as const

export const INDEX_FILES = {
  manifest: 'manifest.json',
  clauses: 'clauses.jsonl',
  chunks: 'chunks.jsonl',
  lexical: 'bm25.json',
  vectors: 'vectors',
} as const

/**
 * The BM25 fields of a chunk, cut in search mode: its text, its breadcrumb (the headings above it
 * name its subject), and its document's city and title.
 */
export function lexicalFields(chunk: Chunk, segmenter: Segmenter): Record<string, string[]> {
  return {
    text: segmenter.cutForSearch(chunk.text),
    heading: segmenter.cutForSearch(chunk.breadcrumb),
    title: segmenter.cutForSearch(`${chunk.city} ${chunk.docTitle}`),
  }
}
