import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingest } from '../../../ingest/cli.js'
import { PDF_FIXTURE, huaianGbk, zhenjiangDocx } from '../../../ingest/fixtures/formats/documents.js'
import { createError, QaError } from '../../errors.js'
import { FsDocumentLibrary } from './index.js'

let root: string
let docsDir: string
let indexDir: string
let uploadDir: string
/** What the next re-index does; by default the real ingest of the configured folder and the uploads. */
let reindexFault: Error | undefined
let library: FsDocumentLibrary

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fs-documents-'))
  docsDir = join(root, 'docs')
  indexDir = join(root, 'index')
  uploadDir = join(root, 'uploads')
  await mkdir(docsDir)
  await copyFile(PDF_FIXTURE, join(docsDir, 'nantong.pdf'))
  await ingest([docsDir], indexDir)
  library = new FsDocumentLibrary({
    uploadDir,
    indexDir,
    reindex: async () => {
      if (reindexFault) throw reindexFault
      await ingest(await library.folders([docsDir]), indexDir)
    },
  })
}, 120_000)

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function rejection(promise: Promise<unknown>): Promise<QaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(QaError)
  return error as QaError
}

describe('FsDocumentLibrary', () => {
  it('indexes only the configured folders until something is uploaded', async () => {
    expect(await library.folders([docsDir])).toEqual([docsDir])
    expect((await library.list()).documents.map((d) => [d.docKey, d.source])).toEqual([['nantong', 'folder']])
  })

  it('stores an upload as docKey-hash.ext in a manifest folder, by the format its content has', async () => {
    const added = await library.add({ fileName: '镇江措施.bin', bytes: await zhenjiangDocx(), entry: { docKey: 'zhenjiang' } })
    expect(added).toMatchObject({ replaced: false, document: { docKey: 'zhenjiang', city: '镇江市', source: 'upload', format: 'docx' } })
    const manifest = JSON.parse(await readFile(join(uploadDir, 'manifest.json'), 'utf8'))
    expect(manifest).toEqual([{ docKey: 'zhenjiang', file: expect.stringMatching(/^zhenjiang-[0-9a-f]{12}\.docx$/) }])
    expect(await library.folders([docsDir])).toEqual([docsDir, uploadDir])
  })

  it('makes the doc key from the file name and keeps the fields the upload gave', async () => {
    const added = await library.add({ fileName: 'Huaian 2025.txt', bytes: huaianGbk(), entry: { issuer: '淮安市人力资源和社会保障局' } })
    expect(added.document).toMatchObject({ docKey: 'huaian-2025', issuer: '淮安市人力资源和社会保障局', format: 'text' })
    expect(added.document.detected).not.toContain('issuer')
  })

  it('undoes the change when the re-index fails: same manifest, same files, the error passed on', async () => {
    const files = await readdir(uploadDir)
    const manifest = await readFile(join(uploadDir, 'manifest.json'), 'utf8')
    reindexFault = new Error('ingest killed by SIGKILL')
    try {
      const failed = await rejection(library.add({ fileName: 'other.txt', bytes: huaianGbk(), entry: { docKey: 'other' } }))
      expect(failed.code).toBe('REINDEX_FAILED')
      expect(failed.message).toContain('SIGKILL')
      reindexFault = createError('REINDEX_BUSY')
      expect((await rejection(library.remove('zhenjiang'))).code).toBe('REINDEX_BUSY')
    } finally {
      reindexFault = undefined
    }
    expect(await readdir(uploadDir)).toEqual(files)
    expect(JSON.parse(await readFile(join(uploadDir, 'manifest.json'), 'utf8'))).toEqual(JSON.parse(manifest))
  })

  it('refuses what it cannot read before writing anything', async () => {
    const files = await readdir(uploadDir)
    expect((await rejection(library.add({ fileName: 'notes.txt', bytes: Buffer.from('会议纪要\n'), entry: {} }))).code).toBe('DOCUMENT_EMPTY')
    expect((await rejection(library.add({ fileName: 'x.txt', bytes: huaianGbk(), entry: { docKey: 'nantong' } }))).code).toBe('DOCUMENT_NOT_UPLOADED')
    expect(await readdir(uploadDir)).toEqual(files)
  })

  it('removes uploads only: a folder document is refused, an unknown key is not found', async () => {
    expect((await rejection(library.remove('nantong'))).code).toBe('DOCUMENT_NOT_UPLOADED')
    expect((await rejection(library.remove('nope'))).code).toBe('DOC_NOT_FOUND')
    await library.remove('zhenjiang')
    await library.remove('huaian-2025')
    expect(await readdir(uploadDir)).toEqual(['manifest.json'])
    expect(await library.folders([docsDir])).toEqual([docsDir])
    expect((await library.list()).documents.map((d) => d.docKey)).toEqual(['nantong'])
  })
})
