/** @module bm25 baseline: MiniSearch over the system's own chunks, text only, no structure. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { ChunkSchema, type Chunk } from '../../src/schema/clause.js'
import { INDEX_FILES } from '../../src/retrieval/index-format.js'
import type { Segmenter } from '../../src/retrieval/segmenter.js'
import type { CitedUnit } from '../metrics.js'
import { baselineQuery, distinctUnits, type Contender } from '../contender.js'

/** Reads the chunks an index folder holds (chunks.jsonl), the ones the system searches. */
export async function loadIndexChunks(indexDir: string): Promise<Chunk[]> {
  const file = join(indexDir, INDEX_FILES.chunks)
  const text = await readFile(file, 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = ChunkSchema.safeParse(JSON.parse(line))
      if (!parsed.success)
        throw new Error(`bm25 baseline: ${file} line ${i + 1}: ${parsed.error.issues[0].message}`)
      return parsed.data
    })
}

/**
 * The plain BM25 baseline: MiniSearch (BM25+, its default parameters, OR of the terms) over the
 * text of the chunks the system indexes, cut with the segmenter's search mode. No synonyms, no
 * headings, titles or breadcrumbs, no city filter, no parent/child structure. The answer is the
 * best chunk's text, citing its unit; a question that matches no term gets no citation.
 *
 * @example
 * const bm25 = createBm25Baseline(index.chunks, createJiebaSegmenter())
 * const units = await bm25.search(question, 5)
 */
export function createBm25Baseline(chunks: readonly Chunk[], segmenter: Segmenter): Contender {
  if (chunks.length === 0)
    throw new Error('bm25 baseline: no chunks to index; is the index folder empty?')
  const search = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    tokenize: (text) => segmenter.cutForSearch(text),
  })
  search.addAll(chunks.map(({ id, text }) => ({ id, text })))
  const units = new Map<string, CitedUnit & { text: string }>(
    chunks.map((c) => [c.id, { city: c.city, docKey: c.docKey, path: c.path, text: c.text }])
  )
  const ranked = (question: Parameters<Contender['search']>[0]) =>
    search.search(baselineQuery(question)).map((hit) => units.get(hit.id as string)!)
  return {
    name: 'bm25',
    search: async function bm25Search(question, k) {
      return distinctUnits(
        ranked(question).map(({ city, docKey, path }) => ({ city, docKey, path })),
        k
      )
    },
    answer: async function bm25Answer(question) {
      const [top] = ranked(question)
      if (!top) return { answer: '', citations: [], abstained: false }
      const { city, docKey, path, text } = top
      return { answer: text, citations: [{ city, docKey, path }], abstained: false }
    },
  }
}
