/** @module Quantities in policy text, and whether a sentence states the one a question asks for. */
import { normalizeForMatch } from './normalize.js'

/**
 * An amount, a count, a rate or a duration: what 「多少」 asks for. A bare year (2024年) is not one;
 * 「3年内」「1年以上」「6个月」 are.
 */
export const QUANTITY =
  /\d[\d.,，]*\s*(?:%|％|元|万|亿|人|名|个|家|项|次|倍|户|岗|套|场|所|天|年内|年以上|年以内)|[一二三四五六七八九十百千万两]+(?:个|人|名|家|项|次|元|万|倍)/

/**
 * A keyword followed, within a few characters, by 「的」 and a number: the base of a ratio
 * (最低工资标准的90%, 上年度社会平均工资的2倍). The sentence states the ratio of something else to
 * it, not its own amount.
 */
const RATIO_BASE_GAP = 4
const RATIO_BASE = new RegExp(`^[^，。；、,;]{0,${RATIO_BASE_GAP}}的\\d`)

/** True when a text states a quantity. */
export function statesQuantity(text: string): boolean {
  return QUANTITY.test(text)
}

/**
 * How much of the question a sentence is about: the characters of the keywords it names, over
 * all keywords' characters (years left out: a document's year says nothing of the subject). With
 * `asSubject`, a keyword named only as the base of a ratio does not count.
 */
export function keywordCoverage(sentence: string, keywords: readonly string[], asSubject = false): number {
  const text = normalizeForMatch(sentence)
  const words = keywords.filter((k) => !/^\d+$/.test(k))
  const total = words.reduce((sum, k) => sum + k.length, 0)
  if (total === 0) return 1
  let named = 0
  for (const word of words) if (names(text, word, asSubject)) named += word.length
  return named / total
}

function names(text: string, word: string, asSubject: boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!asSubject || !RATIO_BASE.test(text.slice(at + word.length))) return true
  }
  return false
}

/** Coverage of the figure's sentence relative to the best sentence's, at least, for the figure to be the one asked for. */
const SUBJECT_SHARE = 0.5

/**
 * Whether sentences quoted for a 「多少」 question state the amount asked for: some sentence
 * states a quantity and is about the question's subject at least half as much as the sentence
 * most about it. 「2024年新增多少城镇就业」 is not answered by 「普惠小微贷款新增不低于225亿元」
 * beside a sentence naming 城镇新增就业 without a figure.
 */
export function statesAskedAmount(sentences: readonly string[], keywords: readonly string[]): boolean {
  const best = Math.max(0, ...sentences.map((s) => keywordCoverage(s, keywords)))
  return sentences.some((s) => {
    if (!statesQuantity(s)) return false
    const own = keywordCoverage(s, keywords, true)
    return best === 0 || (own > 0 && own >= best * SUBJECT_SHARE)
  })
}
