import { beforeAll, describe, expect, it } from 'vitest'
import { evaluate, type EvalReport } from './evaluate.js'
import { loadQuestions } from './questions.js'
import { DEFAULT_QUESTIONS } from './run.js'
import { checkThresholds, loadThresholds } from './thresholds.js'

/** Ingest, jieba's dictionaries and three contenders over 53 questions take about 5 s here. */
const RUN_TIMEOUT_MS = 60_000

describe('eval gate on the dev questions', () => {
  let report: EvalReport

  beforeAll(async () => {
    report = await evaluate(await loadQuestions(DEFAULT_QUESTIONS))
  }, RUN_TIMEOUT_MS)

  it('should keep every metric of the system within evals/thresholds.json', async () => {
    const broken = checkThresholds(report.system, await loadThresholds())
    expect(broken, `eval gate failed:\n${broken.join('\n')}`).toEqual([])
  })

  it('should find every gold unit of the questions in the index', () => {
    expect(report.meta.warnings).toEqual([])
  })

  it('should answer follow-ups through conversationId alone as well as with history', () => {
    const followups = report.followups
    expect(followups, 'the dev questions include follow-ups').not.toBeNull()
    for (const key of ['recall5', 'citeHit', 'coverage', 'facts'] as const) {
      expect(followups!.conversationId[key] ?? 0, `follow-ups ${key} by conversationId`).toBeGreaterThanOrEqual(
        followups!.history[key] ?? 0
      )
    }
  })

  it('should beat both baselines on recall@5', () => {
    for (const name of ['naive', 'bm25'] as const) {
      const baseline = report.baselines[name]?.recall5 ?? 1
      expect(report.system.recall5, `system recall5 vs ${name}`).toBeGreaterThan(baseline)
    }
  })
})
