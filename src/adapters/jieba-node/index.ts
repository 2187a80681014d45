/** @module jieba-node: a Segmenter backed by the nodejieba native addon (Node only). */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type * as NodeJieba from 'nodejieba'
import { dictionaryId, policyDictionaryId, policyTerms } from '../../retrieval/policy-dictionary'
import type { Segmenter } from '../../retrieval/segmenter'
import { generalIdf } from '../jieba-wasm/general-idf.js'

const LOAD_ERROR =
  'jieba-node: could not load the nodejieba native addon. Install it with `npm install nodejieba` ' +
  '(it builds with node-gyp; set `nodedir=/usr` offline), or run `npm rebuild nodejieba`.'

/** A token made only of punctuation, symbols, separators or control characters carries no term. */
const NON_WORD_TOKEN = /^[\p{P}\p{S}\p{Z}\p{C}\s]*$/u
const ASCII_UPPER = /[A-Z]/g

export type JiebaSegmenterOptions = {
  /**
   * Words added to jieba's dictionary with `insertWord` before the first cut.
   * Default: {@link policyTerms}. nodejieba keeps one dictionary per process, so the words of
   * every segmenter created in the process are added to it, not replaced.
   */
  userWords?: readonly string[]
}

export const defaultJiebaSegmenterOptions = {
  userWords: policyTerms,
} satisfies Required<JiebaSegmenterOptions>

/** nodejieba assigns globals and takes 1–2 s to load its dictionaries: do it once per process. */
let jieba: typeof NodeJieba | undefined
const insertedWords = new Set<string>()

/**
 * Creates a Segmenter that cuts with nodejieba in precise mode with HMM (so 3000 and 助贷 stay
 * whole), after NFKC normalisation (full-width digits and letters become ASCII). Tokens are
 * lower-cased ASCII; whitespace, punctuation and symbol tokens are dropped.
 *
 * - `userWords`: extra dictionary words, default {@link policyTerms}.
 *
 * @example
 * const segmenter = createJiebaSegmenter()
 * segmenter.cut('申请稳岗返还') // ['申请', '稳岗返还']
 */
export function createJiebaSegmenter(options: JiebaSegmenterOptions = {}): Segmenter {
  const { userWords } = { ...defaultJiebaSegmenterOptions, ...options }
  const nodejieba = loadNodejieba()
  for (const word of userWords) {
    const normalized = word.normalize('NFKC').trim()
    if (normalized === '') throw new Error(`jieba-node: empty user word ${JSON.stringify(word)}`)
    if (insertedWords.has(normalized)) continue
    nodejieba.insertWord(normalized)
    insertedWords.add(normalized)
  }
  const dictionary =
    userWords === policyTerms ? policyDictionaryId : `user-${dictionaryId(userWords)}`

  return {
    name: `nodejieba+${dictionary}`,
    // The table both segmenters share: jieba's IDF below 9, all a retriever's threshold asks
    // about (see general-idf.ts); the whole 6 MB file took 0.2 s and 25 MB of heap to read.
    generalIdf: generalIdf,
    cut: function jiebaCut(text: string): string[] {
      const normalized = text.normalize('NFKC')
      return normalized.trim() === '' ? [] : cleanTokens(nodejieba.cut(normalized, true))
    },
    cutForSearch: function jiebaCutForSearch(text: string): string[] {
      const normalized = text.normalize('NFKC')
      return normalized.trim() === '' ? [] : cleanTokens(nodejieba.cutForSearch(normalized, true))
    },
  }
}

function loadNodejieba(): typeof NodeJieba {
  if (jieba) return jieba
  // createRequire keeps the load synchronous (Segmenter.cut is sync) and out of import time.
  const require = createRequire(import.meta.url)
  try {
    jieba = require('nodejieba') as typeof NodeJieba
  } catch (cause) {
    throw new Error(LOAD_ERROR, { cause })
  }
  // nodejieba also loads a 6 MB IDF table for its keyword extractor, which we never call (the
  // general IDF comes from loadIdfTable, on first use): a one-line table saves a third of its start.
  jieba.load({ idfDict: fileURLToPath(new URL('./keyword-idf-stub.utf8', import.meta.url)) })
  return jieba
}

function cleanTokens(tokens: string[]): string[] {
  const words: string[] = []
  for (const token of tokens) {
    if (NON_WORD_TOKEN.test(token)) continue
    words.push(token.replace(ASCII_UPPER, (letter) => letter.toLowerCase()))
  }
  return words
}
