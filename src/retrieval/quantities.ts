/** @module Quantities in policy text, and whether a sentence states the one a question asks for. */
import { normalizeForMatch } from './normalize.js'

/**
 * An amount, a count, a rate or a duration, with its unit: what 「多少」 asks for. A bare year
 * (2024年) is not one; 「3年内」「1年以上」「6个月」 are.
 */
const QUANTITY =
  /\d[\d.,，]*\s*(?:%|％|元|万|亿|人|名|个|家|项|次|倍|户|岗|套|场|所|天|年内|年以上|年以内)|[一二三四五六七八九十百千万两]+(?:个|人|名|家|项|次|元|万|倍)/

/**
 * A bare number given as a labelled value, as target tables write them under a heading that
 * carries the unit (数量（个）… 2025年目标数：4). It states the figure, though less plainly than a
 * number with its unit: it counts as an answer, not towards ranking.
 */
const LABELLED_VALUE = /[:：]\s*[[［]?\d+(?:\.\d+)?(?![\d.]|\s*[年月日])/

/**
 * A keyword followed, within a few characters, by 「的」 and a number: the base of a ratio
 * (最低工资标准的90%, 上年度社会平均工资的2倍). The clause states the ratio of something else to
 * it, not its own amount.
 */
const RATIO_BASE_GAP = 4
const RATIO_BASE = new RegExp(`^.{0,${RATIO_BASE_GAP}}的\\d`)
/** Where a sentence's clauses part (after normalising, ， is ,): a figure belongs to its clause. */
const CLAUSE_BREAK = /[,，;；]/
/** Ends of whole sentences: 「；」 parts a sentence's items (and a table row's label from its values), it does not end it. */
const SENTENCE_END = /(?<=[。！？!?\n])/

/** True when a text states a quantity with its unit. */
export function statesQuantity(text: string): boolean {
  return QUANTITY.test(text)
}

/** True when a text states a quantity or a labelled value. */
export function statesFigure(text: string): boolean {
  return QUANTITY.test(text) || LABELLED_VALUE.test(text)
}

/**
 * How much of the question a sentence is about: the characters of the keywords it names, over
 * all keywords' characters (years left out: a document's year says nothing of the subject).
 */
export function keywordCoverage(sentence: string, keywords: readonly string[]): number {
  return coverage(normalizeForMatch(sentence), subjectWords(keywords), new Set())
}

/**
 * How much the sentence's figures are about the question's subject: the best, over its clauses
 * that state a quantity, of the sentence's keyword coverage without the keywords that clause
 * names as the base of a ratio. 「失业保险金标准按最低工资标准的90%确定」 states the benefit, not the
 * minimum wage, even in a sentence that names 最低工资标准 elsewhere. 0 without a figure.
 */
export function figureCoverage(sentence: string, keywords: readonly string[]): number {
  return figureCoverageOf(normalizeForMatch(sentence), subjectWords(keywords))
}

function figureCoverageOf(text: string, words: readonly string[]): number {
  let best = 0
  for (const clause of text.split(CLAUSE_BREAK)) {
    if (!statesFigure(clause)) continue
    const bases = new Set(words.filter((word) => isRatioBase(clause, word)))
    best = Math.max(best, coverage(text, words, bases))
  }
  return best
}

function subjectWords(keywords: readonly string[]): string[] {
  return keywords.filter((k) => !/^\d+$/.test(k))
}

function coverage(text: string, words: readonly string[], left: ReadonlySet<string>): number {
  const total = words.reduce((sum, k) => sum + k.length, 0)
  if (total === 0) return 1
  let named = 0
  for (const word of words) if (!left.has(word) && text.includes(word)) named += word.length
  return named / total
}

function isRatioBase(clause: string, word: string): boolean {
  for (let at = clause.indexOf(word); at >= 0; at = clause.indexOf(word, at + 1)) {
    if (RATIO_BASE.test(clause.slice(at + word.length))) return true
  }
  return false
}

/** Coverage of a figure relative to the best sentence's, at least, for it to be the figure asked for. */
const SUBJECT_SHARE = 0.5

/**
 * Whether texts quoted for a 「多少」 question state the amount asked for: some sentence's
 * figure is about the question's subject at least half as much as the sentence most about it.
 * 「2024年新增多少城镇就业」 is not answered by 「普惠小微贷款新增不低于225亿元」 beside a sentence
 * naming 城镇新增就业 without a figure. When no sentence names the subject, any figure counts.
 */
export function statesAskedAmount(texts: readonly string[], keywords: readonly string[]): boolean {
  const sentences = texts.flatMap((text) => text.split(SENTENCE_END)).map(normalizeForMatch)
  const words = subjectWords(keywords)
  const best = Math.max(0, ...sentences.map((s) => coverage(s, words, new Set())))
  return sentences.some((s) => {
    if (!statesFigure(s)) return false
    const own = figureCoverageOf(s, words)
    return best === 0 || (own > 0 && own >= best * SUBJECT_SHARE)
  })
}
