/** @module The real engine over an index of the seed documents, built once per test file in a temp dir. */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ingest } from '../../ingest/cli.js'
import { loadIndexFolder } from '../../src/adapters/fs-index/index.js'
import { HashingEmbeddings } from '../../src/adapters/hashing-embeddings/index.js'
import { createJiebaSegmenter } from '../../src/adapters/jieba-node/index.js'
import { QaEngine } from '../../src/answer/qa-engine.js'

/** The date tests judge validity against: after the seeds' 2025 deadlines, before 2027's. */
export const TEST_TODAY = new Date('2026-11-23T00:00:00Z')

let built: Promise<{ indexDir: string }> | undefined

/** Builds (once) an index of `seeds/` in a temporary folder and returns its path. */
export function seedIndexDir(): Promise<{ indexDir: string }> {
  built ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-qa-test-'))
    const indexDir = join(dir, 'index')
    await ingest(['seeds'], indexDir)
    return { indexDir }
  })()
  return built
}

/** The engine over the seed index, with the clock fixed at {@link TEST_TODAY}. */
export async function createSeedEngine(): Promise<QaEngine> {
  const { indexDir } = await seedIndexDir()
  const index = await loadIndexFolder(indexDir, new HashingEmbeddings())
  return new QaEngine(index, createJiebaSegmenter(), { clock: () => TEST_TODAY })
}
