/**
 * @module cut-like-cppjieba: cppjieba's MixSegment and QuerySegment over jieba-rs's dictionary path.
 *
 * nodejieba (cppjieba) and jieba-wasm (jieba-rs) share jieba's dictionary and its
 * maximum-probability path, but find new words differently, and the index is cut on Node. Raw
 * jieba-wasm agreed with nodejieba on 98.9% of the dev questions' tokens (49 of 53 questions cut
 * identically), for three reasons:
 * 1. jieba-rs ends a Chinese block at punctuation; cppjieba feeds 、 “ ” to its HMM, whose
 *    ties then join the two characters before them (能拿、 → 能拿, “高安村投” → 村投).
 * 2. jieba-rs skips the HMM when a run of single characters is itself a dictionary word (不出);
 *    cppjieba always runs it.
 * 3. jieba-rs's HMM keeps 4+3, 25% and 5G whole (its skip pattern has an unescaped dot);
 *    cppjieba's letter and number rules cut 4/+/3, 25/%, 5/g. cppjieba also ships its own
 *    6-decimal copy of the emission table.
 * So only the dictionary path comes from jieba-rs (`tokenize(text, 'default', false)`); the HMM
 * step is cppjieba's own, ported in cppjieba-hmm.ts. Result: identical cuts of the dev
 * questions, every seed line and generated text (index.test.ts).
 */
import { hmmCut } from './cppjieba-hmm.js'

/**
 * cppjieba's sentence separators (`SPECIAL_SEPARATORS`, SegmentBase.hpp): space, tab, newline,
 * ，and 。. A run of single characters never crosses one.
 */
const SEPARATORS = new Set([' ', '\t', '\n', '，', '。'])

/**
 * The ASCII-only words of jieba's dictionary (jieba.dict.utf8). jieba-rs's dictionary path also
 * joins runs of letters and digits, which cppjieba leaves single for its HMM rules; these five
 * are the ASCII tokens that are real dictionary words.
 */
export const ASCII_DICTIONARY_WORDS: ReadonlySet<string> = new Set([
  'AT&T',
  'c#',
  'C#',
  'c++',
  'C++',
])

const ASCII_ONLY = /^[\x00-\x7f]+$/

/** A token of the dictionary path: offsets in code points (Rust chars), end exclusive. */
export type PathToken = { start: number; end: number }

/**
 * cppjieba's `MixSegment::Cut` with HMM: dictionary words stay; each maximal run of characters
 * the dictionary left single (user-dictionary single characters excepted) goes to the HMM.
 *
 * @param chars the text, one code point per element.
 * @param path jieba-rs's dictionary path over `chars`, in order.
 * @param isUserSingleCharacter whether a one-character token is a user-dictionary word.
 */
export function mixCut(
  chars: readonly string[],
  path: Iterable<PathToken>,
  isUserSingleCharacter: (char: string) => boolean
): string[] {
  const words: string[] = []
  let run: string[] = []
  const flush = () => {
    if (run.length > 0) words.push(...hmmCut(run))
    run = []
  }
  for (const { start, end } of path) {
    const token = chars.slice(start, end).join('')
    if (end - start === 1 && SEPARATORS.has(token)) {
      flush()
      words.push(token)
    } else if (isDictionaryPathWord(token, end - start, isUserSingleCharacter)) {
      flush()
      words.push(token)
    } else {
      for (let i = start; i < end; i++) {
        if (SEPARATORS.has(chars[i])) {
          flush()
          words.push(chars[i])
        } else run.push(chars[i])
      }
    }
  }
  flush()
  return words
}

function isDictionaryPathWord(
  token: string,
  length: number,
  isUserSingleCharacter: (char: string) => boolean
): boolean {
  if (length === 1) return isUserSingleCharacter(token)
  return !ASCII_ONLY.test(token) || ASCII_DICTIONARY_WORDS.has(token)
}

/**
 * cppjieba's `QuerySegment::Cut`: before each word longer than two characters, its two-character
 * sub-words found in the dictionary; before each word longer than three, its three-character ones.
 *
 * @param isDictionaryWord dictionary lookup (user words included).
 */
export function expandForSearch(
  words: readonly string[],
  isDictionaryWord: (word: string) => boolean
): string[] {
  const expanded: string[] = []
  for (const word of words) {
    const chars = Array.from(word)
    for (const size of [2, 3]) {
      if (chars.length <= size) continue
      for (let i = 0; i + size <= chars.length; i++) {
        const part = chars.slice(i, i + size).join('')
        if (isDictionaryWord(part)) expanded.push(part)
      }
    }
    expanded.push(word)
  }
  return expanded
}
