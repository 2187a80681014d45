/** @module jieba-wasm: a Segmenter backed by jieba-rs compiled to WebAssembly (Workers and Node). */
import { add_word, cut_all, initSync, tokenize } from 'jieba-wasm/web'
import { dictionaryId, policyDictionaryId, policyTerms } from '../../retrieval/policy-dictionary.js'
import type { Segmenter } from '../../retrieval/segmenter.js'
import { ASCII_DICTIONARY_WORDS, expandForSearch, mixCut } from './cut-like-cppjieba.js'
import { generalIdf as bundledGeneralIdf } from './general-idf.js'

const MISSING_WASM =
  'jieba-wasm: pass the compiled module, eg { wasm: jiebaWasmModule } with ' +
  "`import jiebaWasmModule from './wasm-module.js'` on Workers, or { wasm: loadJiebaWasmBytes() } " +
  "from './node-wasm.js' on Node"

/**
 * Frequency given to every user word. cppjieba (nodejieba) gives `insertWord` words the median
 * weight of its dictionary, whose median frequency is 3 (jieba.dict.utf8, 349k words). With
 * jieba-rs's own default the seeds cut differently: 高技能/人才培养 for nodejieba's 高/技能人才/培养,
 * 突出重点/群体 for 突出/重点群体.
 */
export const CPPJIEBA_USER_WORD_FREQUENCY = 3

/**
 * nodejieba loads its bundled user.dict.utf8 on top of the dictionary; jieba-rs has no such file.
 * Added here with the frequencies cppjieba gives them (区块链 is listed with 10).
 */
export const NODEJIEBA_DEFAULT_USER_WORDS: ReadonlyArray<[word: string, frequency: number]> = [
  ['云计算', CPPJIEBA_USER_WORD_FREQUENCY],
  ['韩玉鉴赏', CPPJIEBA_USER_WORD_FREQUENCY],
  ['蓝翔', CPPJIEBA_USER_WORD_FREQUENCY],
  ['区块链', 10],
]

/** Same filter as jieba-node: a token of only punctuation, symbols, separators or controls carries no term. */
const NON_WORD_TOKEN = /^[\p{P}\p{S}\p{Z}\p{C}\s]*$/u
const ASCII_UPPER = /[A-Z]/g
const ASCII_ONLY = /^[\x00-\x7f]+$/

/**
 * Dictionary look-ups remembered for search mode, per isolate. Each is one `cut_all` call into
 * wasm; 20 000 entries of two or three characters stay well under 2 MB.
 */
const DICTIONARY_CACHE_SIZE = 20_000

export type JiebaWasmSegmenterOptions = {
  /**
   * jieba-wasm's `.wasm`: a `WebAssembly.Module` (on Workers, statically imported so wrangler
   * uploads it precompiled; Workers refuse to compile wasm bytes at run time) or its bytes (Node).
   * Required. jieba-wasm keeps one instance per isolate: the first module given is the one used.
   */
  wasm: WebAssembly.Module | BufferSource
  /**
   * Words added to the dictionary before the first cut, each with frequency
   * {@link CPPJIEBA_USER_WORD_FREQUENCY}. Default {@link policyTerms}, as the Node build. Added
   * isolate-wide: the words of every segmenter created are added, never removed.
   */
  userWords?: readonly string[]
  /**
   * General-language IDF lookup for {@link Segmenter.generalIdf}. Default: the bundled table of
   * jieba's idf.utf8 below 9 (see general-idf.ts), which gives the retriever the same answers as
   * nodejieba's full table. `null` leaves `generalIdf` out (every word counts as specific).
   */
  generalIdf?: ((word: string) => number | undefined) | null
}

export const defaultJiebaWasmSegmenterOptions = {
  userWords: policyTerms,
  generalIdf: bundledGeneralIdf,
} satisfies Omit<Required<JiebaWasmSegmenterOptions>, 'wasm'>

const insertedWords = new Set<string>()

/**
 * Creates a Segmenter that cuts like jieba-node (nodejieba, precise mode with HMM) without native
 * code, so a Worker's query terms match an index built on Node: jieba-rs (jieba-wasm's `web`
 * build) finds the dictionary path, and cppjieba's own new-word step, ported in
 * cut-like-cppjieba.ts, does the rest. Normalisation and filtering are jieba-node's: NFKC
 * (full-width digits and letters become ASCII), punctuation/symbol/space tokens dropped, ASCII
 * lower-cased.
 *
 * Cost (Node 20, measured): creating the first segmenter builds jieba's dictionary, about 0.4 s
 * CPU and 60 MB of wasm memory; the first cut parses the HMM table (30 ms), the first
 * `generalIdf` the IDF table (10 ms); then a question takes about 0.1 ms per mode. On Workers
 * create it on the first request, not at global scope, where it would eat half of the 1 s
 * startup budget.
 *
 * - `wasm`: the jieba-wasm module or bytes (required).
 * - `userWords`: default {@link policyTerms}.
 * - `generalIdf`: default the bundled table; `null` for none.
 *
 * @example
 * import jiebaWasmModule from '../adapters/jieba-wasm/wasm-module.js' // Workers
 * const segmenter = createJiebaWasmSegmenter({ wasm: jiebaWasmModule })
 * segmenter.cut('申请稳岗返还') // ['申请', '稳岗返还']
 */
export function createJiebaWasmSegmenter(options: JiebaWasmSegmenterOptions): Segmenter {
  const { wasm, userWords, generalIdf } = { ...defaultJiebaWasmSegmenterOptions, ...options }
  if (!(
    wasm instanceof WebAssembly.Module ||
    ArrayBuffer.isView(wasm) ||
    wasm instanceof ArrayBuffer
  )) {
    throw new Error(`${MISSING_WASM}; got ${describe(wasm)}`)
  }
  const words = userWords.map((word) => {
    const normalized = word.normalize('NFKC').trim()
    if (normalized === '') throw new Error(`jieba-wasm: empty user word ${JSON.stringify(word)}`)
    return normalized
  })
  initSync({ module: wasm })
  for (const [word, frequency] of NODEJIEBA_DEFAULT_USER_WORDS) addOnce(word, frequency)
  for (const word of words) addOnce(word, CPPJIEBA_USER_WORD_FREQUENCY)
  dictionaryCache.clear()
  const dictionary =
    userWords === policyTerms ? policyDictionaryId : `user-${dictionaryId(userWords)}`

  const segmenter: Segmenter = {
    name: `jieba-wasm+${dictionary}`,
    cut: function jiebaWasmCut(text: string): string[] {
      return cutLikeNodejieba(text, 'default')
    },
    cutForSearch: function jiebaWasmCutForSearch(text: string): string[] {
      return cutLikeNodejieba(text, 'search')
    },
  }
  if (generalIdf) segmenter.generalIdf = generalIdf
  return segmenter
}

const insertedAscii = new Set<string>(ASCII_DICTIONARY_WORDS)
const dictionaryCache = new Map<string, boolean>()

function addOnce(word: string, frequency: number): void {
  if (insertedWords.has(word)) return
  add_word(word, frequency, undefined)
  insertedWords.add(word)
  if (ASCII_ONLY.test(word)) insertedAscii.add(word)
}

function isUserSingleCharacter(char: string): boolean {
  return insertedWords.has(char)
}

/**
 * Whether jieba's dictionary (user words included) holds `word`. `cut_all` lists every
 * dictionary word inside a text, so the text is a word exactly when it is listed. Not for ASCII:
 * cut_all also lists runs of letters and digits, which are not dictionary words.
 */
function isDictionaryWord(word: string): boolean {
  if (ASCII_ONLY.test(word)) return insertedAscii.has(word)
  let known = dictionaryCache.get(word)
  if (known === undefined) {
    known = cut_all(word).includes(word)
    if (dictionaryCache.size >= DICTIONARY_CACHE_SIZE) dictionaryCache.clear()
    dictionaryCache.set(word, known)
  }
  return known
}

function cutLikeNodejieba(text: string, mode: 'default' | 'search'): string[] {
  const normalized = text.normalize('NFKC')
  if (normalized.trim() === '') return []
  // jieba-rs offsets count Unicode scalar values (Rust chars), hence the code-point array.
  const chars = Array.from(normalized)
  const mixed = mixCut(chars, tokenize(normalized, 'default', false), isUserSingleCharacter)
  const words: string[] = []
  for (const word of mode === 'search' ? expandForSearch(mixed, isDictionaryWord) : mixed) {
    if (NON_WORD_TOKEN.test(word)) continue
    words.push(word.replace(ASCII_UPPER, (letter) => letter.toLowerCase()))
  }
  return words
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value)
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value
}
