/** @module cppjieba-hmm: cppjieba's HMMSegment (new-word finding), ported line for line. */
import { HMM_MODEL_LINES } from './hmm-model-table.js'

/**
 * cppjieba's floor for an impossible event (`MIN_DOUBLE` in DictTrie.hpp). It is not -Infinity:
 * adding a finite log-probability to it gives it back unchanged, and cppjieba's Viterbi depends
 * on that (a character with no emission makes every state equally impossible; see {@link viterbi}).
 */
const MIN_DOUBLE = -3.14e100
const E = 1
const S = 3
const STATES = 4

type HmmModel = { start: number[]; trans: number[][]; emit: Map<string, number>[] }

let model: HmmModel | undefined

/** Parses hmm-model-table.ts as cppjieba's HMMModel::LoadModel does (on first use, ~20 ms). */
function loadModel(): HmmModel {
  if (model) return model
  const lines = HMM_MODEL_LINES.split('\n')
  const numbers = (line: string) => line.split(' ').map(Number)
  model = {
    start: numbers(lines[0]),
    trans: lines.slice(1, 5).map(numbers),
    emit: lines.slice(5, 9).map((line) => {
      const probabilities = new Map<string, number>()
      for (const entry of line.split(',')) {
        const colon = entry.lastIndexOf(':')
        probabilities.set(entry.slice(0, colon), Number(entry.slice(colon + 1)))
      }
      return probabilities
    }),
  }
  return model
}

/**
 * cppjieba's `HMMSegment::Cut` over a run of characters that the dictionary left single: ASCII
 * is cut by rule (a letter then letters or digits; a digit then digits or dots; any other ASCII
 * character alone) and every stretch of non-ASCII characters by the HMM.
 *
 * @param chars the run, one code point per element.
 */
export function hmmCut(chars: readonly string[]): string[] {
  const words: string[] = []
  let left = 0
  let right = 0
  while (right < chars.length) {
    if (chars[right].charCodeAt(0) >= 0x80) {
      right++
      continue
    }
    if (left !== right) words.push(...viterbiCut(chars.slice(left, right)))
    left = right
    right = asciiRuleEnd(chars, left)
    words.push(chars.slice(left, right).join(''))
    left = right
  }
  if (left !== right) words.push(...viterbiCut(chars.slice(left, right)))
  return words
}

/** End of the ASCII word starting at `start`: SequentialLetterRule, then NumbersRule, else one character. */
function asciiRuleEnd(chars: readonly string[], start: number): number {
  let end = start
  if (isLetter(chars[end])) {
    end++
    while (end < chars.length && (isLetter(chars[end]) || isDigit(chars[end]))) end++
    return end
  }
  if (isDigit(chars[end])) {
    end++
    while (end < chars.length && (isDigit(chars[end]) || chars[end] === '.')) end++
    return end
  }
  return end + 1
}

const isLetter = (char: string) => /^[a-zA-Z]$/.test(char)
const isDigit = (char: string) => /^[0-9]$/.test(char)

/** `InternalCut`: a word ends at every character labelled E or S. */
function viterbiCut(chars: readonly string[]): string[] {
  const states = viterbi(chars)
  const words: string[] = []
  let left = 0
  for (let i = 0; i < states.length; i++) {
    if (states[i] % 2 === 1) {
      words.push(chars.slice(left, i + 1).join(''))
      left = i + 1
    }
  }
  return words
}

/**
 * `HMMSegment::Viterbi`, with its quirks kept, because they decide real cuts: a character
 * without emission (、 “ ” and other punctuation inside a sentence) leaves every state at
 * MIN_DOUBLE with back-pointer E, so the character before it always ends a word (能拿、→ 能拿)
 * and every character after it stands alone. jieba-rs breaks ties differently (能/拿).
 */
function viterbi(chars: readonly string[]): number[] {
  const { start, trans, emit } = loadModel()
  const length = chars.length
  const weight = new Float64Array(length * STATES)
  const path = new Int8Array(length * STATES)
  for (let y = 0; y < STATES; y++) {
    weight[y * length] = start[y] + (emit[y].get(chars[0]) ?? MIN_DOUBLE)
    path[y * length] = -1
  }
  for (let x = 1; x < length; x++) {
    for (let y = 0; y < STATES; y++) {
      const now = x + y * length
      weight[now] = MIN_DOUBLE
      path[now] = E
      const emitProbability = emit[y].get(chars[x]) ?? MIN_DOUBLE
      for (let previous = 0; previous < STATES; previous++) {
        const candidate = weight[x - 1 + previous * length] + trans[previous][y] + emitProbability
        if (candidate > weight[now]) {
          weight[now] = candidate
          path[now] = previous
        }
      }
    }
  }
  const states = new Array<number>(length)
  let state = weight[length - 1 + E * length] >= weight[length - 1 + S * length] ? E : S
  for (let x = length - 1; x >= 0; x--) {
    states[x] = state
    state = path[x + state * length]
  }
  return states
}
