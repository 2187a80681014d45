/** @module buildQuery: a question → weighted terms, places, years and intent (RAGFlow's recipe). */
import type { Segmenter } from './segmenter.js'
import type { WeightedTerm } from './clause-index.js'
import type { PlaceCatalog, PlaceMention } from './places.js'
import { POLICY_SYNONYMS } from './synonyms.js'
import { CODE_PATTERN, codeTerms } from './index-format.js'

/** What a question asks for, beyond its topic. */
export interface QueryIntent {
  /** An amount, rate, count or limit (多少, 比例, 最高, 几). */
  amount: boolean
  /** Who is responsible (哪个部门, 牵头, 谁). */
  who: boolean
  /** Whether it still applies, or until when (现在还, 截止, 有效, 到什么时候). */
  when: boolean
  /** A list (哪些, 哪几, 包括, 分成几个方面). */
  list: boolean
  /** An open request for whatever applies (帮上什么忙, 有什么补贴, 什么保障): answered more fully. */
  open: boolean
  /** How to apply (怎么申请, 如何办理, 流程). */
  how: boolean
}

export interface BuiltQuery {
  /** The question, normalised (NFKC, lower case, no spaces). */
  normalized: string
  /** BM25 terms: the question's own words, their sub-words, and domain synonyms. */
  terms: WeightedTerm[]
  /** The question's own content words (no synonyms): for coverage checks and highlighting. */
  keywords: string[]
  /** Adjacent word pairs of the question, written together (评选表彰): a unit containing one reads as it. */
  phrases: string[]
  /** Text for the dense index: the question without question words, plus synonyms. */
  denseText: string
  places: PlaceMention
  /** Years the question names (2024年, 2024年度). */
  years: number[]
  intent: QueryIntent
}

export interface BuildQueryOptions {
  /** Weight of a word of the question, as jieba cuts it (precise mode). */
  wordWeight: number
  /** Weight of a sub-word that only search mode yields (高校毕业生 → 高校, 毕业生). Lower: it is less specific. */
  subwordWeight: number
  /** Weight of a term added from the synonym lexicon. Below 1: the user did not say it. */
  synonymWeight: number
  /**
   * Weight of a synonym of a word the documents already use (贷款 → 创业担保贷款): the user's own
   * word already finds its clauses, so the expansion only nudges. Default 0.3.
   */
  knownWordSynonymWeight: number
  /**
   * Factor on the terms of the conversation's context (the previous turn of a follow-up): they
   * steer towards the topic under discussion without outvoting the new question. Default 0.4.
   */
  contextWeight: number
}

export const defaultBuildQueryOptions: BuildQueryOptions = {
  wordWeight: 1,
  subwordWeight: 0.5,
  synonymWeight: 0.7,
  knownWordSynonymWeight: 0.3,
  contextWeight: 0.4,
}

// Question words and particles (RAGFlow's rmWWW): they say that something is asked, not what.
const QUESTION_WORDS =
  /请问|分成哪几|分为哪几|我想问问?|想问问?|想了解|想知道|能不能|可不可以|可以不|有没有|是不是|是否|怎么样|怎样|怎么|如何|什么样|什么|哪些|哪几|哪个|哪里|哪儿|多少|多大|多长|几个|几月|咋样|咋|啥|吗|呢|吧|啊|呀|么|嘛|不\?|不？/g
const STOP_WORDS = new Set(
  '的 了 我 你 他 她 们 在 是 有 和 与 及 对 给 就 都 也 还 要 能 会 这 那 个 些 把 被 让 从 到 向 跟 上 下 里 中 之 以 等 或 及其 一下 一些 一个 这个 那个 如果 要是 万一 现在 目前 今年 听说 最近 还是 可以 能够 需要 应该 已经 比如 具体 一共 分别 各自 主要 打算 准备 计划 政府 文件 政策 规定 方面 情况 问题 时候 东西 事情 事 人 能拿 拿到 能拿到 得到 享受 获得 补 能补 多少钱 钱'.split(' ')
)
const AMOUNT = /多少|几[个月年名人次家万]|比例|额度|最高|最多|上限|标准|金额|补多少|几成|多大|百分之|%/
const WHO = /哪个部门|哪些部门|谁负责|谁来|牵头|责任部门|责任单位|归谁|找谁/
const WHEN = /现在还|还有效|还能|还在|截止|到期|有效期|什么时候|何时|到哪年|到什么时候|期限|还有吗/
const LIST = /哪些|哪几|包括|都有|分成|分为|几个方面|几类|主要任务/
const OPEN = /有什么|什么忙|什么帮助|什么政策|什么措施|什么支持|什么保障|啥补贴|什么补贴|什么奖励|什么待遇|能帮/
const HOW = /怎么申请|如何申请|怎么办|如何办理|怎么领|去哪|流程|程序|材料|申请条件|怎么才能/
const YEAR = /(20\d{2})\s*年/g

/** Builds the query for a question. */
export function buildQuery(
  question: string,
  deps: { segmenter: Segmenter; places: PlaceCatalog; isKnownTerm?: (term: string) => boolean },
  options: Partial<BuildQueryOptions> = {},
  context = ''
): BuiltQuery {
  return weighQuery(cutQuestion(question, deps, context), deps.isKnownTerm, options)
}

/**
 * A question after the segmenter: everything {@link weighQuery} needs, so a caller that must look
 * up statistics before weighing (the D1 index is asynchronous) cuts the question once.
 */
export interface CutQuestion {
  normalized: string
  places: PlaceMention
  years: number[]
  intent: QueryIntent
  /** The question without places, codes, question words and punctuation. */
  stripped: string
  codes: string[]
  /** Precise-mode words of `stripped`. */
  words: string[]
  /** Search-mode words of `stripped`. */
  searchWords: string[]
  /** Lexicon entries the question contains, with each target's search-mode words. */
  synonyms: { key: string; targets: { target: string; words: string[] }[] }[]
  /** Precise-mode words of the conversation's context. */
  contextWords: string[]
}

/** Cuts a question (and its context) into the words a query is weighed from. */
export function cutQuestion(question: string, deps: { segmenter: Segmenter; places: PlaceCatalog }, context = ''): CutQuestion {
  const normalized = question.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
  const places = deps.places.mentions(normalized)
  const years = [...normalized.matchAll(YEAR)].map((m) => Number(m[1]))
  const intent: QueryIntent = {
    // 「哪几个方面」 asks which, not how many.
    amount: AMOUNT.test(normalized.replace(/哪几/g, '')),
    who: WHO.test(normalized),
    when: WHEN.test(normalized),
    list: LIST.test(normalized),
    open: OPEN.test(normalized),
    how: HOW.test(normalized),
  }
  const codes = codeTerms(places.rest)
  // A code is one term: its digits alone would match every 4 and 3 in the corpus.
  const stripped = places.rest
    .replace(CODE_PATTERN, ' ')
    .replace(QUESTION_WORDS, ' ')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
  const synonyms = Object.entries(POLICY_SYNONYMS)
    .filter(([key]) => normalized.includes(key))
    .map(([key, targets]) => ({ key, targets: targets.map((target) => ({ target, words: synonymWords(deps.segmenter, target) })) }))
  let contextWords: string[] = []
  if (context) {
    const contextText = deps.places.mentions(context.normalize('NFKC').toLowerCase()).rest
    contextWords = deps.segmenter.cut(contextText.replace(QUESTION_WORDS, ' ').replace(/[\p{P}\p{S}]+/gu, ' '))
  }
  const words = deps.segmenter.cut(stripped)
  const searchWords = deps.segmenter.cutForSearch(stripped)
  return { normalized, places, years, intent, stripped, codes, words, searchWords, synonyms, contextWords }
}

/**
 * The words a weighed query may ask `isKnownTerm` about (the lexicon keys) and every term it can
 * contain, whatever is known: the statistics to fetch before {@link weighQuery}.
 */
export function queryWords(cut: CutQuestion): string[] {
  const terms = [
    ...cut.words,
    ...cut.searchWords,
    ...cut.codes,
    ...cut.synonyms.flatMap((s) => s.targets.flatMap((t) => [...t.words, t.target])),
    ...cut.contextWords,
  ].filter(isContent)
  return [...new Set([...cut.synonyms.map((s) => s.key), ...terms])]
}

/** Weighs a cut question into its query; knowing a lexicon key only lowers its synonyms' weight. */
export function weighQuery(
  cut: CutQuestion,
  isKnownTerm?: (term: string) => boolean,
  options: Partial<BuildQueryOptions> = {}
): BuiltQuery {
  const opts = { ...defaultBuildQueryOptions, ...options }
  const { normalized, places, years, intent, stripped } = cut
  const weights = new Map<string, number>()
  const add = (term: string, weight: number) => {
    if (!isContent(term)) return
    weights.set(term, Math.max(weights.get(term) ?? 0, weight))
  }
  const keywords: string[] = []
  const phrases: string[] = []
  let previous = ''
  for (const word of cut.words) {
    if (!isContent(word)) {
      previous = ''
      continue
    }
    if (previous) phrases.push(previous + word)
    previous = word
    keywords.push(word)
    add(word, opts.wordWeight)
  }
  for (const word of cut.searchWords) add(word, opts.subwordWeight)
  for (const code of cut.codes) {
    keywords.push(code)
    add(code, opts.wordWeight)
  }
  const expansions: string[] = []
  for (const { key, targets } of cut.synonyms) {
    const weight = isKnownTerm?.(key) ? opts.knownWordSynonymWeight : opts.synonymWeight
    for (const { target, words } of targets) {
      expansions.push(target)
      for (const word of words) add(word, weight)
      add(target, weight)
    }
  }
  for (const word of cut.contextWords) {
    if (!weights.has(word)) add(word, opts.wordWeight * opts.contextWeight)
  }
  const terms = [...weights].map(([term, weight]) => ({ term, weight }))
  const denseText = [stripped.replace(/\s+/g, ''), ...new Set(expansions)].join(' ')
  return { normalized, terms, keywords: [...new Set(keywords)], phrases, denseText, places, years, intent }
}

/** Search-mode words of each lexicon target, per segmenter: the lexicon is fixed, and cutting its targets again was half of cutting a question. */
const synonymCuts = new WeakMap<Segmenter, Map<string, string[]>>()

function synonymWords(segmenter: Segmenter, target: string): string[] {
  let cuts = synonymCuts.get(segmenter)
  if (!cuts) synonymCuts.set(segmenter, (cuts = new Map()))
  let words = cuts.get(target)
  if (!words) cuts.set(target, (words = segmenter.cutForSearch(target)))
  return words
}

function isContent(term: string): boolean {
  const t = term.trim()
  if (!t || STOP_WORDS.has(t)) return false
  if (/^[\p{P}\p{S}\s]+$/u.test(t)) return false
  // Single characters carry little meaning in Chinese, except digits (年份, 金额).
  return t.length > 1 || /\d/.test(t)
}
