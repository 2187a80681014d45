/** @module Eval metrics: pure functions from one run's answers to the metric set of evals/README.md. */

/** A citable unit: a document and an item path in it (CITATIONS.md). */
export interface UnitRef {
  docKey: string
  path: string
}

/** A unit as cited, with the city the citation names. */
export interface CitedUnit extends UnitRef {
  city: string
}

/** A gold unit stated again elsewhere; `for` is the index in gold it stands for. */
export interface AcceptedUnit extends UnitRef {
  for?: number
}

/** What a metric needs of a question. */
export interface ScoredQuestion {
  answerable: boolean
  gold: UnitRef[]
  alsoAccept?: AcceptedUnit[]
  facts: string[]
}

/** What a metric needs of a contender's run on one question. */
export interface QuestionRun {
  /** Ranked units of the search, best first, deduplicated. */
  retrieved: UnitRef[]
  citations: CitedUnit[]
  answer: string
  abstained: boolean
  /** Time the answer took, in milliseconds. */
  ms: number
}

/** The metric keys, in the order reports show them. */
export const METRIC_KEYS = [
  'recall5',
  'mrr',
  'citeHit',
  'coverage',
  'cityPrecision',
  'facts',
  'abstain',
  'falseAbstain',
  'p50ms',
  'p95ms',
] as const
export type MetricKey = (typeof METRIC_KEYS)[number]

/** Fractions in 0–1 and times in ms; null when the set has nothing to measure it on. */
export type MetricSet = Record<MetricKey, number | null>

/** Metrics where lower is better; every other metric is better higher. */
export const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set(['falseAbstain', 'p50ms', 'p95ms'])

/** Decimal places kept in a reported fraction; 4 keeps one question of 10,000 visible. */
const FRACTION_DIGITS = 4
/** Decimal places kept in a reported latency. */
const MS_DIGITS = 1

/** One question's score, from which every metric is aggregated. */
export interface QuestionScore {
  answerable: boolean
  /** 1-based rank of the first result related to a gold unit within the top k, else null. */
  rank: number | null
  /** For each gold unit, whether the answer cites it (directly, by a descendant or by alsoAccept). */
  goldCited: boolean[]
  /** Citations whose city is the city of a gold unit, and all citations. */
  onCityCitations: number
  citations: number
  /** For each fact string, whether the answer contains it. */
  factsFound: boolean[]
  abstained: boolean
  ms: number
}

/** `path` is `ancestor` or lies below it: `第23项/2024年度` is within `第23项`. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`)
}

/** A retrieved unit counts for a gold unit when it is the unit, an ancestor or a descendant. */
export function isRelatedUnit(unit: UnitRef, gold: UnitRef): boolean {
  return (
    unit.docKey === gold.docKey &&
    (isWithin(unit.path, gold.path) || isWithin(gold.path, unit.path))
  )
}

/** A citation is correct for a gold unit when it names the unit or a descendant (CITATIONS.md). */
export function citesUnit(citation: UnitRef, gold: UnitRef): boolean {
  return citation.docKey === gold.docKey && isWithin(citation.path, gold.path)
}

/** The 1-based rank of the first of the top `k` results related to any gold unit, or null. */
export function firstHitRank(
  retrieved: readonly UnitRef[],
  gold: readonly UnitRef[],
  k: number
): number | null {
  const at = retrieved.slice(0, k).findIndex((unit) => gold.some((g) => isRelatedUnit(unit, g)))
  return at === -1 ? null : at + 1
}

/**
 * For each gold unit, whether a citation covers it. An alsoAccept unit stands for the gold unit
 * its `for` names, else for the first gold unit of its own city; one that matches neither
 * counts for nothing.
 */
export function goldCitedBy(
  citations: readonly UnitRef[],
  gold: readonly UnitRef[],
  alsoAccept: readonly AcceptedUnit[],
  cityOf: (docKey: string) => string | undefined
): boolean[] {
  const cited = gold.map((g) => citations.some((c) => citesUnit(c, g)))
  for (const accepted of alsoAccept) {
    const target =
      accepted.for ??
      gold.findIndex(
        (g) => cityOf(g.docKey) !== undefined && cityOf(g.docKey) === cityOf(accepted.docKey)
      )
    if (target < 0 || target >= gold.length) continue
    if (citations.some((c) => citesUnit(c, accepted))) cited[target] = true
  }
  return cited
}

/** Text as facts are compared: NFKC-normalised (５．５％ → 5.5%), white space removed. */
export function normalizeForFacts(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '')
}

/** For each fact string, whether the answer contains it after {@link normalizeForFacts}. */
export function factsFoundIn(answer: string, facts: readonly string[]): boolean[] {
  const haystack = normalizeForFacts(answer)
  return facts.map((fact) => haystack.includes(normalizeForFacts(fact)))
}

/** Scores one run of one question; `cityOf` maps a doc key to its city. */
export function scoreQuestion(
  question: ScoredQuestion,
  run: QuestionRun,
  k: number,
  cityOf: (docKey: string) => string | undefined
): QuestionScore {
  const goldCities = new Set(
    question.gold.map((g) => cityOf(g.docKey)).filter((c) => c !== undefined)
  )
  return {
    answerable: question.answerable,
    rank: question.answerable ? firstHitRank(run.retrieved, question.gold, k) : null,
    goldCited: goldCitedBy(run.citations, question.gold, question.alsoAccept ?? [], cityOf),
    onCityCitations: run.citations.filter((c) => goldCities.has(c.city)).length,
    citations: run.citations.length,
    factsFound: factsFoundIn(run.answer, question.facts),
    abstained: run.abstained,
    ms: run.ms,
  }
}

/**
 * The metric set of a group of scored questions:
 * - recall5, mrr, citeHit, coverage, facts, falseAbstain: means over answerable questions
 *   (facts over those with at least one fact string; coverage per question, then averaged);
 * - cityPrecision: on-city citations / all citations, pooled over answerable questions;
 * - abstain: share of unanswerable questions answered with abstained or no citation;
 * - p50ms, p95ms: nearest-rank percentiles of answer time over all questions.
 */
export function aggregateScores(scores: readonly QuestionScore[]): MetricSet {
  const answerable = scores.filter((s) => s.answerable)
  const unanswerable = scores.filter((s) => !s.answerable)
  const withFacts = answerable.filter((s) => s.factsFound.length > 0)
  const citations = sum(answerable.map((s) => s.citations))
  const times = scores.map((s) => s.ms)
  return {
    recall5: fraction(mean(answerable.map((s) => (s.rank === null ? 0 : 1)))),
    mrr: fraction(mean(answerable.map((s) => (s.rank === null ? 0 : 1 / s.rank)))),
    citeHit: fraction(mean(answerable.map((s) => (s.goldCited.some(Boolean) ? 1 : 0)))),
    coverage: fraction(mean(answerable.map((s) => share(s.goldCited)))),
    cityPrecision: fraction(
      citations === 0 ? null : sum(answerable.map((s) => s.onCityCitations)) / citations
    ),
    facts: fraction(mean(withFacts.map((s) => share(s.factsFound)))),
    abstain: fraction(mean(unanswerable.map((s) => (s.abstained || s.citations === 0 ? 1 : 0)))),
    falseAbstain: fraction(mean(answerable.map((s) => (s.abstained ? 1 : 0)))),
    p50ms: milliseconds(percentile(times, 50)),
    p95ms: milliseconds(percentile(times, 95)),
  }
}

/** Nearest-rank percentile (`p` in 0–100) of the values, or null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1]
}

/**
 * Why a question fails, in words (empty when it passes). An answerable question passes when a
 * gold unit is in the top k, every gold unit is cited, every citation is of a gold city, every
 * fact is in the answer and it did not abstain; an unanswerable one when it abstains.
 */
export function failureReasons(
  question: ScoredQuestion,
  score: QuestionScore,
  k: number
): string[] {
  if (!question.answerable) {
    return score.abstained || score.citations === 0
      ? []
      : [`answered with ${score.citations} citation(s) instead of abstaining`]
  }
  const reasons: string[] = []
  if (score.rank === null) reasons.push(`no gold unit in the top ${k} results`)
  if (score.abstained) reasons.push('abstained')
  const missing = question.gold.filter((_, i) => !score.goldCited[i])
  if (missing.length)
    reasons.push(`not cited: ${missing.map((g) => `${g.docKey} ${g.path}`).join(', ')}`)
  const offCity = score.citations - score.onCityCitations
  if (offCity > 0) reasons.push(`${offCity} citation(s) of another city`)
  const lost = question.facts.filter((_, i) => !score.factsFound[i])
  if (lost.length) reasons.push(`facts missing: ${lost.join('、')}`)
  return reasons
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length
}

function share(flags: readonly boolean[]): number {
  return flags.length === 0 ? 0 : flags.filter(Boolean).length / flags.length
}

function fraction(value: number | null): number | null {
  return value === null ? null : round(value, FRACTION_DIGITS)
}

function milliseconds(value: number | null): number | null {
  return value === null ? null : round(value, MS_DIGITS)
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
