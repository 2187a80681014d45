/** @module Segmenter: the word-cutting interface retrieval and ingest depend on. */

/**
 * Cuts Chinese text into words. Implementations: nodejieba on Node (`src/adapters/jieba-node`),
 * jieba-wasm on Workers. Both load the same policy user dictionary so a query and the index it
 * searches are cut alike.
 */
export interface Segmenter {
  readonly name: string
  /** Precise mode with HMM: one segmentation, used for sentence budgets and phrases. */
  cut(text: string): string[]
  /** Search mode: long words also yield their dictionary sub-words, used for BM25 terms. */
  cutForSearch(text: string): string[]
  /**
   * How specific a word is in general Chinese: its IDF in the segmenter's general-language table
   * (jieba's idf.utf8: 公司 3.5, 时间 4.1, 公积金 8.4), or undefined for a word the table lacks.
   * Tells a policy concept a question names from an everyday word. Optional: a segmenter without
   * such a table treats every word as specific.
   */
  generalIdf?(word: string): number | undefined
}
