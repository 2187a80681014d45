/** @module general-idf: jieba's general-language IDF for the words a retriever may call everyday. */
import { GENERAL_IDF_LINES } from './general-idf-table.js'

/**
 * Highest IDF the bundled table covers (exclusive). The retriever asks `generalIdf(word) ≥
 * specificWordIdf` (default 7, documented range 6–9) to tell a specific concept from an everyday
 * word; for any threshold up to this ceiling, a word above it and a word missing from the table
 * are both "specific", so only the 17.6k words below 9 need shipping (380 KB) instead of the
 * whole 260k-word, 6 MB file, which would cost a Worker isolate tens of MB of heap.
 */
export const GENERAL_IDF_CEILING = 9

let table: Map<string, number> | undefined

/**
 * jieba's IDF of `word` (the value nodejieba's idf.utf8 holds) when it is below
 * {@link GENERAL_IDF_CEILING}; undefined otherwise. Parses the table on first use (about 10 ms).
 */
export function generalIdf(word: string): number | undefined {
  if (!table) {
    table = new Map()
    for (const line of GENERAL_IDF_LINES.split('\n')) {
      const space = line.lastIndexOf(' ')
      table.set(line.slice(0, space), Number(line.slice(space + 1)))
    }
  }
  return table.get(word)
}
