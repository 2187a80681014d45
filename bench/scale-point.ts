/**
 * @module One step of one scale point, run in its own process (see run.ts): `ingest` writes a
 * synthetic corpus and indexes it with the seeds; `system`, `minisearch` and `naive` load what
 * the ingest wrote and time that contender over the dev questions. The result goes to `--out`.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeFile } from 'node:fs/promises'
import { loadIndexFolder } from '../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { QaEngine } from '../src/answer/qa-engine.js'
import { createSystemContender } from '../evals/system.js'
import { EVAL_TODAY, SEEDS_DIR } from '../evals/eval-constants.js'
import { loadQuestions } from '../evals/questions.js'
import type { Contender } from '../evals/contender.js'
import { measureContender, type ContenderMeasurement } from './measure-contender.js'
import { peakResidentMB, residentMB } from './child.js'
import { round, timed } from './percentile.js'
import { readSeedCorpus, writeSyntheticCorpus } from './synthetic-corpus.js'

/** The dev questions: every scale point hides their gold documents among the synthetic ones. */
export const DEV_QUESTIONS = 'evals/questions.jsonl'

export type Phase = 'ingest' | 'system' | 'minisearch' | 'naive'

export interface IngestStep {
  /** Units in the index (seeds included), as the manifest counts them. */
  clauses: number
  chunks: number
  documents: number
  /** Writing the synthetic files. */
  generateMs: number
  /** The `ingest()` call, segmenter start-up included. */
  ingestMs: number
  /** The index folder on disk, MB (2^20 bytes). */
  indexMB: number
  peakRssMB: number
}

export interface ContenderStep extends ContenderMeasurement {
  /** Loading the index, or building the baseline's own index, in ms. */
  loadMs: number
  /** Resident memory after loading and answering, MB. */
  rssMB: number
  /** Highest resident memory of the process, MB (loading included). */
  peakRssMB: number
}

const TODAY = EVAL_TODAY

async function main() {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      clauses: { type: 'string', default: '0' },
      seed: { type: 'string', default: '20240601' },
      work: { type: 'string' },
      rounds: { type: 'string', default: '5' },
      'warmup-ms': { type: 'string', default: '3000' },
      'budget-ms': { type: 'string', default: '20000' },
      out: { type: 'string' },
    },
    strict: true,
  })
  const phase = values.phase as Phase
  const work = values.work
  if (!work || !values.out) throw new Error('scale-point: --work DIR and --out FILE are required')
  const rounds = Number(values.rounds)
  const docsDir = join(work, 'docs')
  const indexDir = join(work, 'index')
  let result: IngestStep | ContenderStep
  if (phase === 'ingest') {
    result = await ingestStep(Number(values.clauses), Number(values.seed), docsDir, indexDir)
  } else {
    const questions = await loadQuestions(DEV_QUESTIONS)
    const measureOptions = {
      rounds,
      warmupMs: Number(values['warmup-ms']),
      budgetMs: Number(values['budget-ms']),
      answers: phase === 'system',
    }
    result = await contenderStep(phase, { docsDir, indexDir }, (contender) =>
      measureContender(contender, questions, measureOptions)
    )
  }
  await writeFile(values.out, JSON.stringify(result))
}

/** Writes the synthetic corpus (none for the seeds alone) and ingests it with the seeds. */
async function ingestStep(
  clauses: number,
  seed: number,
  docsDir: string,
  indexDir: string
): Promise<IngestStep> {
  const seeds = await readSeedCorpus(SEEDS_DIR)
  const generated = await timed(async () => writeSyntheticCorpus(seeds, { clauses, seed }, docsDir))
  log(
    `generated ${generated.value.files} files, ${generated.value.units} units in ${(generated.ms / 1000).toFixed(1)} s`
  )
  const dirs = generated.value.files > 0 ? [SEEDS_DIR, docsDir] : [SEEDS_DIR]
  const { ingest } = await import('../ingest/cli.js')
  const ingested = await timed(() => ingest(dirs, indexDir))
  const manifest = ingested.value
  return {
    clauses: manifest.clauses,
    chunks: manifest.chunks,
    documents: manifest.documents.length,
    generateMs: round(generated.ms, 0),
    ingestMs: round(ingested.ms, 0),
    indexMB: round((await folderBytes(indexDir)) / 2 ** 20, 1),
    peakRssMB: round(peakResidentMB(), 0),
  }
}

/**
 * Times one contender. Each contender's code is imported only in its own step (as are the ingest's
 * parsers), so a step's memory is that contender's, not the other contenders' modules too.
 */
async function contenderStep(
  phase: Exclude<Phase, 'ingest'>,
  where: { docsDir: string; indexDir: string },
  measure: (contender: Contender) => Promise<ContenderMeasurement>
): Promise<ContenderStep> {
  const embeddings = new HashingEmbeddings()
  // The naive baseline has no segmenter: loading jieba's dictionaries would count against its memory.
  const segmenter = () => createJiebaSegmenter()
  const clock = () => new Date(`${TODAY}T00:00:00Z`)
  // Every answer is worked out: the dev questions repeat round after round, and a cached answer
  // would time the cache, not the retrieval (the HTTP load test times the server as deployed).
  const engineOptions = { clock, answerCacheSize: 0 }
  const loaded = await timed(async (): Promise<Contender> => {
    if (phase === 'system') {
      const index = await loadIndexFolder(where.indexDir, embeddings)
      return createSystemContender(new QaEngine(index, segmenter(), engineOptions))
    }
    if (phase === 'minisearch') {
      const { createBm25Baseline, loadIndexChunks } = await import('../evals/baselines/bm25.js')
      return createBm25Baseline(await loadIndexChunks(where.indexDir), segmenter())
    }
    const { createNaiveBaseline, loadSourceDocuments } = await import('../evals/baselines/naive.js')
    return createNaiveBaseline(
      await loadSourceDocuments(await corpusDirs(where.docsDir)),
      embeddings
    )
  })
  log(`${phase}: ready in ${(loaded.ms / 1000).toFixed(1)} s; timing …`)
  const measured = await measure(loaded.value)
  return {
    ...measured,
    loadMs: round(loaded.ms, 0),
    rssMB: round((await residentMB(process.pid)) ?? process.memoryUsage().rss / 2 ** 20, 0),
    peakRssMB: round(peakResidentMB(), 0),
  }
}

/** The seeds, and the synthetic folder when the ingest step wrote one. */
async function corpusDirs(docsDir: string): Promise<string[]> {
  const names = await readdir(docsDir).catch(() => [] as string[])
  return names.length ? [SEEDS_DIR, docsDir] : [SEEDS_DIR]
}

/** Total size of the files under a folder, in bytes. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size
  }
  return total
}

function log(line: string): void {
  console.error(`    ${line}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(`scale-point failed: ${error.stack ?? error.message}`)
    process.exit(1)
  })
}
