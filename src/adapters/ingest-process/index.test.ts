import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { INDEX_FILES } from '../../retrieval/index-format.js'
import { IndexManifestSchema } from '../../schema/clause.js'
import { HashingEmbeddings } from '../hashing-embeddings/index.js'
import { loadIndexFolder } from '../fs-index/index.js'
import { ingestInChildProcess } from './index.js'

let root: string
let docsDir: string
let indexDir: string

async function manifestOf(dir: string) {
  return IndexManifestSchema.parse(JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')))
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'policy-qa-ingest-process-'))
  docsDir = join(root, 'docs')
  indexDir = join(root, 'index')
  await cp('seeds', docsDir, { recursive: true })
  await ingestInChildProcess([docsDir], indexDir)
}, 120_000)

describe('ingestInChildProcess', () => {
  it('should write the index of the document folders', async () => {
    const manifest = await manifestOf(indexDir)
    expect(manifest.documents.length).toBeGreaterThan(0)
  })

  it('should reject with the reason the ingest command gives, keeping the previous index', async () => {
    const before = await manifestOf(indexDir)
    const empty = join(root, 'empty')
    await cp(docsDir, empty, { recursive: true, filter: (src) => src === docsDir })
    await expect(ingestInChildProcess([empty], indexDir)).rejects.toThrow(/^No documents found in .*empty/)
    expect(await manifestOf(indexDir)).toEqual(before)
  })

  it('should leave the previous index intact when killed (SIGKILL) part way', async () => {
    const before = await manifestOf(indexDir)
    const stop = new AbortController()
    const running = ingestInChildProcess([docsDir], indexDir, { signal: stop.signal })
    let finished = false
    void running.catch(() => {}).finally(() => (finished = true))
    // Kill it while it writes: once its temporary folder exists (polled, bounded to 60 s).
    for (let waited = 0; !finished && waited < 60_000; waited += 5) {
      if ((await readdir(root)).some((name) => name.startsWith('.index.tmp-'))) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    stop.abort()
    await expect(running).rejects.toThrow(/stopped/)
    expect(await manifestOf(indexDir)).toEqual(before)
    // The previous index still loads whole: every file it lists is there and parses.
    expect((await loadIndexFolder(indexDir, new HashingEmbeddings())).manifest).toEqual(before)
    // What the killed child left is a temporary sibling folder, never the index itself.
    const siblings = (await readdir(root)).filter((name) => name !== 'docs' && name !== 'empty')
    expect(siblings.filter((name) => !name.startsWith('.index.tmp-'))).toEqual(['index'])
  })

  it('should kill a rebuild over its time limit and say so', async () => {
    await expect(ingestInChildProcess([docsDir], join(root, 'slow'), { timeoutMs: 50 })).rejects.toThrow(
      /killed by SIGKILL \(time limit 50 ms\)/
    )
  })
})
