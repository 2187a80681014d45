/** @module evaluate: builds a temporary index, runs the system and the baselines on the questions, scores them. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ingest } from '../ingest/cli.js'
import { EVAL_TODAY, SEEDS_DIR } from './eval-constants.js'
import { loadIndexFolder } from '../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { QaEngine } from '../src/answer/qa-engine.js'
import type { PolicyIndex } from '../src/retrieval/policy-index.js'
import type { Contender } from './contender.js'
import { createMemoryContender, createSystemContender } from './system.js'
import { createNaiveBaseline, loadSourceDocuments } from './baselines/naive.js'
import { createBm25Baseline, loadIndexChunks } from './baselines/bm25.js'
import {
  aggregateScores,
  failureReasons,
  scoreQuestion,
  type CitedUnit,
  type MetricSet,
  type QuestionScore,
  type UnitRef,
} from './metrics.js'
import { QUESTION_TYPES, type EvalQuestion, type QuestionType } from './questions.js'

export { SEEDS_DIR }

/** The baselines, in the order reports show them. */
export const BASELINE_NAMES = ['naive', 'bm25'] as const
export type BaselineName = (typeof BASELINE_NAMES)[number]

export interface EvaluateOptions {
  /** Document folders indexed together with the seeds. Default none. */
  docs: string[]
  /** The seed documents folder. Default `seeds/` of this repository. */
  seedsDir: string
  /** Results per search that recall and MRR look at. Integer 1–20, default 5 (recall@5). */
  k: number
  /**
   * The date validity is judged against, YYYY-MM-DD. Default 2026-11-23: after the seeds' 2025
   * deadlines and before 2027's, and fixed so that two runs give the same answers.
   */
  today: string
  /** Run the baselines too. Default true; the CI gate turns them off to stay fast. */
  baselines: boolean
  /** Told after each question a contender answers, for progress output. */
  onProgress?: (contender: string, done: number, total: number) => void
}

export const defaultEvaluateOptions: Omit<EvaluateOptions, 'onProgress'> = {
  docs: [],
  seedsDir: SEEDS_DIR,
  k: 5,
  today: EVAL_TODAY,
  baselines: true,
}

/** One question as one contender handled it. */
export interface QuestionReport {
  id: string
  type: QuestionType
  question: string
  answerable: boolean
  gold: UnitRef[]
  /** The top k units of the search, best first. */
  retrieved: CitedUnit[]
  /** 1-based rank of the first gold-related result in the top k, or null. */
  rank: number | null
  citations: CitedUnit[]
  answer: string
  abstained: boolean
  /** Time the answer took, in ms. */
  ms: number
  pass: boolean
  reasons: string[]
}

/** A contender's scores: overall, by question type, and per question. */
export interface ContenderResult {
  metrics: MetricSet
  byType: Partial<Record<QuestionType, MetricSet>>
  questions: QuestionReport[]
}

/** The outcome of one evaluation run; the JSON report is this object. */
export interface EvalReport {
  meta: {
    questions: number
    answerable: number
    k: number
    today: string
    docs: string[]
    indexVersion: string
    documents: { docKey: string; city: string; title: string }[]
    /** Gold units the index does not hold (a typo, or a parser that lost the unit). */
    warnings: string[]
  }
  system: MetricSet
  baselines: Partial<Record<BaselineName, MetricSet>>
  /** The system's metrics per question type. */
  byType: Partial<Record<QuestionType, MetricSet>>
  /** Each baseline's metrics per question type. */
  baselinesByType: Partial<Record<BaselineName, Partial<Record<QuestionType, MetricSet>>>>
  /** The system's answer to each question. */
  questions: QuestionReport[]
  /**
   * The questions with earlier turns, answered twice by the system: with the turns sent as
   * `history`, and with only a `conversationId` after asking the earlier user turns (as the
   * WeChat bot and the widget do). Null when no question has earlier turns.
   */
  followups: { questions: number; history: MetricSet; conversationId: MetricSet } | null
}

/**
 * Indexes the seeds plus `docs` into a temporary folder with the real ingest, loads it as the
 * server does, and runs the questions through the engine (and the baselines), scoring each run
 * with the functions of metrics.ts. The temporary index is removed afterwards.
 *
 * - `docs`: extra document folders, default none.
 * - `seedsDir`: the seeds, default this repository's `seeds/`.
 * - `k`: results scored by recall and MRR, default 5.
 * - `today`: date for validity, default 2026-11-23.
 * - `baselines`: also run naive and bm25, default true.
 *
 * @example
 * const report = await evaluate(await loadQuestions('evals/questions.jsonl'), { docs: ['new-docs'] })
 * console.log(report.system.recall5)
 */
export async function evaluate(
  questions: readonly EvalQuestion[],
  options: Partial<EvaluateOptions> = {}
): Promise<EvalReport> {
  const opts = { ...defaultEvaluateOptions, ...options }
  checkOptions(opts)
  const clock = () => new Date(`${opts.today}T00:00:00Z`)
  const docsDirs = [opts.seedsDir, ...opts.docs]
  const workDir = await mkdtemp(join(tmpdir(), 'policy-qa-eval-'))
  try {
    const indexDir = join(workDir, 'index')
    await ingest(docsDirs, indexDir)
    const embeddings = new HashingEmbeddings()
    const segmenter = createJiebaSegmenter()
    const index = await loadIndexFolder(indexDir, embeddings)
    const cities = new Map(index.manifest.documents.map((d) => [d.docKey, d.city]))
    const warnings = checkGold(questions, index)
    const cityOf = (docKey: string) => cities.get(docKey)

    const system = createSystemContender(new QaEngine(index, segmenter, { clock }))
    const systemResult = await runContender(system, questions, opts, cityOf)
    const withTurns = questions.filter((q) => q.history?.length)
    const followups = withTurns.length
      ? {
          questions: withTurns.length,
          history: (await runContender(system, withTurns, opts, cityOf)).metrics,
          conversationId: (
            await runContender(createMemoryContender(new QaEngine(index, segmenter, { clock })), withTurns, opts, cityOf)
          ).metrics,
        }
      : null
    const baselines: EvalReport['baselines'] = {}
    const baselinesByType: EvalReport['baselinesByType'] = {}
    if (opts.baselines) {
      const contenders: Record<BaselineName, Contender> = {
        naive: await createNaiveBaseline(await loadSourceDocuments(docsDirs), embeddings),
        bm25: createBm25Baseline(await loadIndexChunks(indexDir), segmenter),
      }
      for (const name of BASELINE_NAMES) {
        const result = await runContender(contenders[name], questions, opts, cityOf)
        baselines[name] = result.metrics
        baselinesByType[name] = result.byType
      }
    }
    return {
      meta: {
        questions: questions.length,
        answerable: questions.filter((q) => q.answerable).length,
        k: opts.k,
        today: opts.today,
        docs: opts.docs,
        indexVersion: index.manifest.indexVersion,
        documents: index.manifest.documents.map(({ docKey, city, title }) => ({
          docKey,
          city,
          title,
        })),
        warnings,
      },
      system: systemResult.metrics,
      baselines,
      byType: systemResult.byType,
      baselinesByType,
      questions: systemResult.questions,
      followups,
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

/**
 * Runs every question through one contender, one at a time so latencies do not overlap. One
 * untimed answer first warms caches (jieba's dictionaries load on first use), so p50/p95 measure
 * answering, not start-up.
 */
export async function runContender(
  contender: Contender,
  questions: readonly EvalQuestion[],
  options: Pick<EvaluateOptions, 'k' | 'onProgress'>,
  cityOf: (docKey: string) => string | undefined
): Promise<ContenderResult> {
  if (questions.length) await contender.answer(questions[0])
  const reports: QuestionReport[] = []
  const scores: QuestionScore[] = []
  for (const question of questions) {
    const started = performance.now()
    const answer = await contender.answer(question)
    const ms = performance.now() - started
    const retrieved = await contender.search(question, options.k)
    const score = scoreQuestion(question, { ...answer, retrieved, ms }, options.k, cityOf)
    const reasons = failureReasons(question, score, options.k)
    scores.push(score)
    reports.push({
      id: question.id,
      type: question.type,
      question: question.question,
      answerable: question.answerable,
      gold: question.gold,
      retrieved,
      rank: score.rank,
      citations: answer.citations,
      answer: answer.answer,
      abstained: answer.abstained,
      ms: Math.round(ms * 10) / 10,
      pass: reasons.length === 0,
      reasons,
    })
    options.onProgress?.(contender.name, reports.length, questions.length)
  }
  const byType: ContenderResult['byType'] = {}
  for (const type of QUESTION_TYPES) {
    const ofType = scores.filter((_, i) => questions[i].type === type)
    if (ofType.length) byType[type] = aggregateScores(ofType)
  }
  return { metrics: aggregateScores(scores), byType, questions: reports }
}

function checkOptions(opts: EvaluateOptions): void {
  if (!(Number.isInteger(opts.k) && opts.k >= 1 && opts.k <= 20)) {
    throw new Error(`eval: k must be an integer in 1–20, got ${opts.k}, eg --k 5`)
  }
  const today = new Date(`${opts.today}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today) || Number.isNaN(today.getTime())) {
    throw new Error(
      `eval: today must be a date YYYY-MM-DD, got ${JSON.stringify(opts.today)}, eg --today 2026-11-23`
    )
  }
}

/**
 * Every gold doc key must be a document of the index (else the question file and the folders do
 * not match: an error). A gold path the index lacks is a warning: the question may have a typo,
 * or the parser may have lost the unit, which the eval should show rather than hide.
 */
function checkGold(questions: readonly EvalQuestion[], index: PolicyIndex): string[] {
  const docKeys = new Set(index.manifest.documents.map((d) => d.docKey))
  const units = new Set(index.clauses.map((c) => `${c.docKey}#${c.path}`))
  const warnings: string[] = []
  for (const q of questions) {
    for (const [field, refs] of [
      ['gold', q.gold],
      ['alsoAccept', q.alsoAccept ?? []],
    ] as const) {
      for (const ref of refs) {
        if (!docKeys.has(ref.docKey)) {
          throw new Error(
            `eval: question ${q.id}: ${field} doc key ${ref.docKey} is not in the index (documents: ${[...docKeys].join(', ')}); pass its folder with --docs`
          )
        }
        if (!units.has(`${ref.docKey}#${ref.path}`)) {
          warnings.push(
            `question ${q.id}: ${field} unit ${ref.docKey} ${ref.path} is not a unit of the index`
          )
        }
      }
    }
  }
  return warnings
}
