/** @module Eval questions: the JSON-lines format of evals/README.md, parsed and checked at the boundary. */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'

/** Question types; metrics are reported for each. */
export const QUESTION_TYPES = [
  'numeric',
  'colloquial',
  'followup',
  'compare',
  'temporal',
  'table',
  'list',
  'outofscope',
  'fact',
] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

const UnitRefSchema = z.object({
  docKey: z.string().min(1),
  path: z.string().min(1),
})

export const EvalQuestionSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().trim().min(1),
    type: z.enum(QUESTION_TYPES),
    history: z
      .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() }))
      .optional()
      .describe('Earlier turns of the conversation, for follow-up questions'),
    answerable: z
      .boolean()
      .describe('false: the corpus does not answer it; the right answer abstains'),
    gold: z
      .array(UnitRefSchema)
      .default([])
      .describe('Units that answer it; a comparison lists one per city'),
    alsoAccept: z
      .array(UnitRefSchema.extend({ for: z.number().int().nonnegative().optional() }))
      .optional()
      .describe(
        'Units stating the same fact elsewhere; `for` is the index in `gold` they stand for'
      ),
    facts: z
      .array(z.string().min(1))
      .default([])
      .describe('Strings a correct answer contains verbatim'),
  })
  // Extra fields (such as `split`) are kept: question files are shared with other tools.
  .loose()
  .superRefine((q, ctx) => {
    if (q.answerable && q.gold.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['gold'],
        message: 'an answerable question needs at least one gold unit',
      })
    }
    q.alsoAccept?.forEach((a, i) => {
      if (a.for !== undefined && a.for >= q.gold.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['alsoAccept', i, 'for'],
          message: `for is ${a.for} but gold has ${q.gold.length} units (indexes 0–${q.gold.length - 1})`,
        })
      }
    })
  })
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>

/** Parses a JSON-lines question file; errors name the file, the line and the question id. */
export function parseQuestions(text: string, source: string): EvalQuestion[] {
  const questions: EvalQuestion[] = []
  const lineOf = new Map<string, number>()
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    const where = `${source}:${i + 1}`
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (cause) {
      throw new Error(`eval: ${where} is not JSON: ${(cause as Error).message}`)
    }
    const parsed = EvalQuestionSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const id = (json as { id?: unknown })?.id
      throw new Error(
        `eval: ${where}${typeof id === 'string' ? ` (question ${id})` : ''}: ${issue.path.join('.') || '(root)'}: ${issue.message}`
      )
    }
    const seen = lineOf.get(parsed.data.id)
    if (seen)
      throw new Error(
        `eval: ${where}: question id ${parsed.data.id} is used twice (first on line ${seen})`
      )
    lineOf.set(parsed.data.id, i + 1)
    questions.push(parsed.data)
  })
  if (questions.length === 0) throw new Error(`eval: ${source} holds no questions`)
  return questions
}

/** Reads and parses a question file. */
export async function loadQuestions(file: string): Promise<EvalQuestion[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new Error(`eval: cannot read questions ${file}: ${(cause as Error).message}`)
  }
  return parseQuestions(text, file)
}
