import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { loadIndexFolder } from '../src/adapters/fs-index/index.js'
import { INDEX_FILES } from '../src/retrieval/index-format.js'
import { buildIndex, type BuildIndexDeps } from './build-index.js'
import { ingest } from './cli.js'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const UNSEEN = fileURLToPath(new URL('./fixtures/unseen/', import.meta.url))
const run = promisify(execFile)

/** Runs the ingest command as a user would; resolves with its exit code and output. */
async function runCli(
  docs: string,
  index: string
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      'npx',
      ['tsx', 'ingest/cli.ts', '--docs', docs, '--index', index],
      { cwd: REPO }
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr }
  }
}

/** Every file of an index folder with its bytes, to tell whether a build touched it. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files[path.slice(dir.length)] = (await readFile(path)).toString('base64')
  }
  return files
}

describe('buildIndex', () => {
  let work: string
  let docs: string
  let emptyDocs: string
  let deps: BuildIndexDeps

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'build-index-'))
    docs = join(work, 'docs')
    await cp(UNSEEN, docs, { recursive: true })
    emptyDocs = join(work, 'empty-docs')
    await mkdir(emptyDocs)
    await writeFile(join(emptyDocs, 'notes.txt'), '会议纪要\n会议听取了全县就业工作情况汇报。\n')
    const embeddings = new HashingEmbeddings()
    deps = {
      segmenter: createJiebaSegmenter(),
      embeddings: { name: embeddings.name, dimensions: embeddings.dimensions },
      writeVectors: async () => {
        throw new Error('disk full')
      },
    }
  })

  afterAll(async () => {
    await rm(work, { recursive: true, force: true })
  })

  it('writes an index folder that the server’s reader loads', async () => {
    const index = join(work, 'index-ok')
    const manifest = await ingest([docs], index)
    expect((await readdir(index)).sort()).toEqual(Object.values(INDEX_FILES).sort())
    expect(manifest.documents.map((d) => d.docKey).sort()).toEqual([
      'ganzhou-wenjiuye',
      'jiangning-chunfeng',
      'taizhou-jianxi',
    ])
    const loaded = await loadIndexFolder(index, new HashingEmbeddings())
    expect(loaded.manifest.indexVersion).toBe(manifest.indexVersion)
    expect(loaded.clauses).toHaveLength(manifest.clauses)
    expect(loaded.chunks).toHaveLength(manifest.chunks)
    expect(
      loaded.clauses.find((c) => c.docKey === 'taizhou-jianxi' && c.path === '第四条/（二）')?.text
    ).toBe('能够提供不少于3个见习岗位，见习岗位应具有一定技术含量和业务内容；')
  })

  it('leaves an existing index untouched when a document cannot be parsed', async () => {
    const index = join(work, 'index-kept')
    await ingest([docs], index)
    const before = await snapshot(index)
    await expect(ingest([emptyDocs], index)).rejects.toThrow(join(emptyDocs, 'notes.txt'))
    expect(await snapshot(index)).toEqual(before)
  })

  it('leaves an existing index untouched and no temporary folder behind when writing fails', async () => {
    const index = join(work, 'index-write-fails')
    await ingest([docs], index)
    const before = await snapshot(index)
    await expect(buildIndex({ docsDirs: [docs], indexDir: index }, deps)).rejects.toThrow(
      'disk full'
    )
    expect(await snapshot(index)).toEqual(before)
    expect((await readdir(work)).filter((name) => name.includes('.tmp-'))).toEqual([])
  })

  it('refuses two folders that use the same doc key', async () => {
    await expect(
      buildIndex({ docsDirs: [docs, docs], indexDir: join(work, 'index-twice') }, deps)
    ).rejects.toThrow(/Document key \S+ is used twice/)
  })
})

describe('the ingest command (ingest/cli.ts)', () => {
  let work: string
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ingest-cli-'))
  })
  afterAll(async () => {
    await rm(work, { recursive: true, force: true })
  })

  it('prints one summary line per document and exits 0', async () => {
    const { code, stdout } = await runCli(UNSEEN, join(work, 'index'))
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(
      lines
        .filter((l) => /^\S+ \(.+《.+》\): \d+ units \(.+\), \d+ chunks/.test(l))
        .map((l) => l.split(' ')[0])
    ).toEqual(['ganzhou-wenjiuye', 'jiangning-chunfeng', 'taizhou-jianxi'])
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^taizhou-jianxi \(泰州市《泰州市就业见习管理办法》\): 37 units \(article 18, section 19\)/
      )
    )
    expect(lines[lines.length - 1]).toMatch(
      /^index \S+ written to .+: 3 documents, 74 units, \d+ chunks/
    )
  })

  it('exits 1 naming the file when a document has no unit', async () => {
    const docs = join(work, 'empty')
    await mkdir(docs)
    await writeFile(join(docs, 'notes.txt'), '会议纪要\n会议听取了全县就业工作情况汇报。\n')
    const { code, stderr } = await runCli(docs, join(work, 'index-empty'))
    expect(code).toBe(1)
    expect(stderr).toContain(
      `ingest failed: No citable unit was found in ${join(docs, 'notes.txt')}`
    )
  })

  it('exits 1 naming the file when a document cannot be read', async () => {
    const docs = join(work, 'unreadable')
    await mkdir(join(docs, 'broken.txt'), { recursive: true }) // a folder where a file should be
    const { code, stderr } = await runCli(docs, join(work, 'index-unreadable'))
    expect(code).toBe(1)
    expect(stderr).toContain(`ingest failed: Cannot read document ${join(docs, 'broken.txt')}`)
  })
})
