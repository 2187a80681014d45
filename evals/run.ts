/**
 * @module The eval command:
 * `npm run eval -- [--questions FILE] [--docs DIR …] [--k 5] [--today YYYY-MM-DD] [--json OUT] [--md OUT]`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultEvaluateOptions, evaluate } from './evaluate.js'
import { loadQuestions } from './questions.js'
import { renderChart, renderConsole, renderMarkdown } from './report.js'

/** The dev questions, run when no --questions is given. */
export const DEFAULT_QUESTIONS = fileURLToPath(new URL('./questions.jsonl', import.meta.url))

const USAGE =
  'usage: npm run eval -- [--questions FILE] [--docs DIR …] [--k 5] [--today YYYY-MM-DD] [--json OUT] [--md OUT]'

/**
 * Runs the eval command with its arguments (without `node` and the script); prints the summary
 * through `log` and writes the reports asked for. Returns the report for callers in-process.
 */
export async function runEvalCommand(args: string[], log: (line: string) => void = console.log) {
  const { values } = parseArgs({
    args,
    options: {
      questions: { type: 'string' },
      docs: { type: 'string', multiple: true },
      k: { type: 'string' },
      today: { type: 'string' },
      json: { type: 'string' },
      md: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  })
  if (values.help) {
    log(USAGE)
    return undefined
  }
  const k = values.k === undefined ? defaultEvaluateOptions.k : Number(values.k)
  const questionsFile = values.questions ?? DEFAULT_QUESTIONS
  const questions = await loadQuestions(questionsFile)
  const progress = process.stderr.isTTY
    ? (name: string, done: number, total: number) => {
        process.stderr.write(`\r${name}: ${done}/${total}${done === total ? '\n' : ''}`)
      }
    : undefined
  const report = await evaluate(questions, {
    docs: values.docs ?? [],
    k,
    today: values.today ?? defaultEvaluateOptions.today,
    onProgress: progress,
  })
  if (values.json) {
    await writeOut(values.json, JSON.stringify(report, null, 2) + '\n')
    log(`JSON report: ${values.json}`)
  }
  if (values.md) {
    const chart = join(dirname(values.md), `${basename(values.md, extname(values.md))}.svg`)
    await writeOut(chart, renderChart(report))
    await writeOut(values.md, renderMarkdown(report, basename(chart)))
    log(`Markdown report: ${values.md} (chart ${chart})`)
  }
  log(`${questionsFile}: ${questions.length} questions\n`)
  log(renderConsole(report))
  return report
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, text)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEvalCommand(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message.startsWith('eval: ') ? error.message : `eval: ${error.message}`)
    console.error(USAGE)
    process.exit(1)
  })
}
