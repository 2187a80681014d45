/** @module Contender: what the eval asks of the system and of each baseline. */
import type { CitedUnit, UnitRef } from './metrics.js'
import type { EvalQuestion } from './questions.js'

/** An answer as the eval scores it: the fields of the chat API's response that matter. */
export interface ContenderAnswer {
  answer: string
  citations: CitedUnit[]
  abstained: boolean
}

/**
 * One way of answering the eval questions: the real engine or a baseline. Every contender is
 * scored by the same metric functions, so their numbers are comparable.
 */
export interface Contender {
  readonly name: string
  /** The top `k` units for the question, best first, each unit once. */
  search(question: EvalQuestion, k: number): Promise<CitedUnit[]>
  /** The answer to the question, with its citations. */
  answer(question: EvalQuestion): Promise<ContenderAnswer>
}

/**
 * The query a baseline searches with: the user's earlier turns, then the question. Baselines have
 * no follow-up resolution; joining the user turns is the usual naive stand-in for it.
 */
export function baselineQuery(question: EvalQuestion): string {
  const earlier = (question.history ?? [])
    .filter((turn) => turn.role === 'user')
    .map((turn) => turn.content)
  return [...earlier, question.question].join('\n')
}

/** The first `k` distinct units of a ranked list (a unit's later chunks add nothing). */
export function distinctUnits<T extends UnitRef>(ranked: Iterable<T>, k: number): T[] {
  const seen = new Set<string>()
  const units: T[] = []
  for (const unit of ranked) {
    if (units.length >= k) break
    const key = `${unit.docKey}#${unit.path}`
    if (seen.has(key)) continue
    seen.add(key)
    units.push(unit)
  }
  return units
}
