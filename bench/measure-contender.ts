/** @module Times a contender's searches and answers over the dev questions and scores its recall@k. */
import type { Contender } from '../evals/contender.js'
import { firstHitRank } from '../evals/metrics.js'
import type { EvalQuestion } from '../evals/questions.js'
import { round, summarise, type LatencySummary } from './percentile.js'

export interface MeasureOptions {
  /**
   * Most timed passes over the questions. Integer ≥ 0. Default 5: 53 questions × 5 = 265
   * samples, enough for a stable p95 (13 samples above it) and p99. 0: the first pass is the
   * sample and answers are not timed, for sizes where one pass takes tens of seconds.
   */
  rounds: number
  /**
   * Untimed passes continue after the first until this many ms have gone by, so V8 has compiled
   * the hot code before timing starts. Default 3000: about ten passes at seed scale, none extra
   * when one pass takes longer (100k clauses).
   */
  warmupMs: number
  /**
   * Timed passes stop once they have taken this many ms (at least one pass always runs), so a
   * slow contender at a large scale keeps the run bounded. Default 20,000.
   */
  budgetMs: number
  /** Results a search returns and recall looks at. Default 5 (recall@5, as the eval). */
  k: number
  /** Also time full answers (`answer`). Default true. */
  answers: boolean
}

export const defaultMeasureOptions: MeasureOptions = {
  rounds: 5,
  warmupMs: 3000,
  budgetMs: 20_000,
  k: 5,
  answers: true,
}

export interface ContenderMeasurement {
  /** Share of answerable questions with a gold-related unit in the top k, 0–1. */
  recall5: number
  /** Search times of the timed passes. */
  search: LatencySummary
  /**
   * Search times of the first pass: they include filling caches (a city's text for "does this
   * city mention X"), which a long-running server pays once per city.
   */
  firstSearch: LatencySummary
  /** Answer times of the timed passes; absent when `answers` is false. */
  answer?: LatencySummary
  /** Timed searches (questions × rounds). */
  samples: number
}

/**
 * Runs every question through the contender one at a time (latencies never overlap): an untimed
 * answer to warm the segmenter, a first search pass that also scores recall@k, untimed passes
 * for `warmupMs`, then up to `rounds` timed passes (within `budgetMs`) of searches and, with
 * `answers`, of answers.
 */
export async function measureContender(
  contender: Contender,
  questions: readonly EvalQuestion[],
  options: Partial<MeasureOptions> = {}
): Promise<ContenderMeasurement> {
  const { rounds, warmupMs, budgetMs, k, answers } = { ...defaultMeasureOptions, ...options }
  const warmStart = performance.now()
  if (questions.length === 0) throw new Error('measure: no questions')
  if (!(Number.isInteger(rounds) && rounds >= 0))
    throw new Error(`measure: rounds must be an integer ≥ 0, got ${rounds}`)
  await contender.answer(questions[0])

  const first: number[] = []
  let answerable = 0
  let found = 0
  for (const question of questions) {
    const started = performance.now()
    const units = await contender.search(question, k)
    first.push(performance.now() - started)
    if (!question.answerable) continue
    answerable++
    if (firstHitRank(units, question.gold, k) !== null) found++
  }
  if (rounds === 0) {
    const firstSearch = summarise(first)
    return {
      recall5: recall(found, answerable),
      search: firstSearch,
      firstSearch,
      samples: first.length,
    }
  }
  while (performance.now() - warmStart < warmupMs) {
    for (const question of questions) {
      await contender.search(question, k)
      if (answers) await contender.answer(question)
    }
  }
  const searchTimes = await timeRounds(questions, rounds, budgetMs, (q) => contender.search(q, k))
  const answerTimes = answers
    ? await timeRounds(questions, rounds, budgetMs, (q) => contender.answer(q))
    : []
  return {
    recall5: recall(found, answerable),
    search: summarise(searchTimes),
    firstSearch: summarise(first),
    ...(answers ? { answer: summarise(answerTimes) } : {}),
    samples: searchTimes.length,
  }
}

function recall(found: number, answerable: number): number {
  return answerable ? round(found / answerable, 4) : 0
}

async function timeRounds(
  questions: readonly EvalQuestion[],
  rounds: number,
  budgetMs: number,
  run: (question: EvalQuestion) => Promise<unknown>
): Promise<number[]> {
  const times: number[] = []
  const started = performance.now()
  for (let r = 0; r < rounds && (r === 0 || performance.now() - started < budgetMs); r++) {
    for (const question of questions) {
      const started = performance.now()
      await run(question)
      times.push(performance.now() - started)
    }
  }
  return times
}
