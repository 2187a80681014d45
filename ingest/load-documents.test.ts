import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QaError } from '../src/errors.js'
import { docKeyOf, loadDocuments, loadFile } from './load-documents.js'

const FIXTURES = new URL('./fixtures/unseen/', import.meta.url)

const MEASURES = [
  '永新县促进就业若干措施',
  '为进一步稳定和扩大就业，制定本措施。',
  '一、支持企业稳岗',
  '1.稳岗返还。按规定返还失业保险费。',
  '2.扩岗补助。按每人1500元给予补助。',
  '二、支持个人创业',
  '3.创业担保贷款。个人最高可申请30万元。',
].join('\n')
const WORK_PLAN = [
  '永新县2024年就业工作要点',
  '一、年度目标',
  '全年新增城镇就业3000人。',
  '二、重点工作',
  '（一）开展招聘活动。',
].join('\n')

/** Rejects with a QaError of the given code whose message names `name`. */
async function expectError(promise: Promise<unknown>, code: string, name: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(QaError)
  expect((error as QaError).code).toBe(code)
  expect((error as QaError).message).toContain(name)
}

describe('loadDocuments', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'load-documents-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('takes doc keys and metadata from the folder’s manifest and splits a shared file at its begin line', async () => {
    await writeFile(join(dir, 'yongxin.txt'), `${MEASURES}\n\n${WORK_PLAN}\n`)
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify([
        {
          docKey: 'yongxin-measures',
          file: 'yongxin.txt',
          city: '永新县',
          title: '永新县促进就业若干措施',
          date: '2024-03-01',
        },
        {
          docKey: 'yongxin-2024',
          file: 'yongxin.txt',
          begin: '永新县2024年就业工作要点',
          city: '永新县',
          title: '永新县2024年就业工作要点',
          date: '2024',
        },
      ])
    )
    const documents = await loadDocuments(dir)
    expect(documents.map((d) => [d.info.docKey, d.info.city, d.info.title, d.info.date])).toEqual([
      ['yongxin-measures', '永新县', '永新县促进就业若干措施', '2024-03-01'],
      ['yongxin-2024', '永新县', '永新县2024年就业工作要点', '2024'],
    ])
    expect(documents[0].clauses.map((c) => c.path)).toEqual([
      '前言',
      '一',
      '一/1',
      '一/2',
      '二',
      '二/3',
    ])
    expect(documents[1].clauses.map((c) => c.path)).toEqual(['一', '二', '二/（一）'])
    expect(documents[0].info.detected).not.toContain('city')
    expect(documents[0].info.detected).not.toContain('title')
    // The split follows the begin line: the second document's units lie after it in the file.
    const begin = `${MEASURES}\n\n`.length
    expect(Math.max(...documents[0].clauses.map((c) => c.end))).toBeLessThanOrEqual(begin)
    expect(Math.min(...documents[1].clauses.map((c) => c.start))).toBeGreaterThanOrEqual(begin)
    expect(
      documents[1].clauses.every(
        (c) => c.docKey === 'yongxin-2024' && c.docTitle === '永新县2024年就业工作要点'
      )
    ).toBe(true)
  })

  it('detects city, title and date from the text of a folder without a manifest, and lists them as detected', async () => {
    await writeFile(
      join(dir, 'taizhou-jianxi.txt'),
      await readFile(new URL('taizhou-jianxi.txt', FIXTURES))
    )
    const [document] = await loadDocuments(dir)
    expect(document.info).toMatchObject({
      docKey: 'taizhou-jianxi',
      file: 'taizhou-jianxi.txt',
      city: '泰州市',
      title: '泰州市就业见习管理办法',
      date: '2024-04-12',
      draft: false,
    })
    expect(document.info.detected).toEqual(expect.arrayContaining(['title', 'city', 'date']))
    expect(document.clauses[0]).toMatchObject({
      docKey: 'taizhou-jianxi',
      city: '泰州市',
      path: '第一条',
    })
  })

  it('derives a doc key from a file name without ASCII letters', async () => {
    await writeFile(join(dir, '永新县措施.txt'), MEASURES)
    const [document] = await loadDocuments(dir)
    expect(document.info.docKey).toMatch(/^doc-[0-9a-f]{8}$/)
  })

  it('refuses a manifest that is not JSON, naming the file', async () => {
    await writeFile(join(dir, 'yongxin.txt'), MEASURES)
    await writeFile(join(dir, 'manifest.json'), '[{ "docKey": "yongxin", ')
    await expectError(loadDocuments(dir), 'MANIFEST_INVALID', join(dir, 'manifest.json'))
  })

  it('refuses a manifest entry that breaks the schema, naming the file and the field', async () => {
    await writeFile(join(dir, 'yongxin.txt'), MEASURES)
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify([{ docKey: 'Yongxin County', file: 'yongxin.txt' }])
    )
    await expectError(
      loadDocuments(dir),
      'MANIFEST_INVALID',
      `${join(dir, 'manifest.json')} is invalid: 0.docKey`
    )
  })

  it('refuses a document in which no unit is found, naming the file', async () => {
    await writeFile(join(dir, 'notes.txt'), '会议纪要\n会议听取了全县就业工作情况汇报。\n')
    await expectError(loadDocuments(dir), 'DOCUMENT_EMPTY', join(dir, 'notes.txt'))
  })

  it('refuses a manifest entry whose file is missing, naming the file', async () => {
    await writeFile(join(dir, 'yongxin.txt'), MEASURES)
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify([{ docKey: 'gone', file: 'gone.txt' }])
    )
    await expectError(loadDocuments(dir), 'DOCUMENT_UNREADABLE', join(dir, 'gone.txt'))
  })

  it('refuses a document that cannot be read, naming the file', async () => {
    await mkdir(join(dir, 'broken.txt'))
    await expectError(loadDocuments(dir), 'DOCUMENT_UNREADABLE', join(dir, 'broken.txt'))
  })

  it('refuses a folder without documents', async () => {
    await expectError(loadDocuments(dir), 'NO_DOCUMENTS', dir)
  })
})

describe('loadFile', () => {
  it('refuses a begin line that does not occur in the file, naming the entry and the file', async () => {
    const entries = [
      { docKey: 'first', file: 'a.txt' },
      { docKey: 'second', file: 'a.txt', begin: '永新县2025年就业工作要点' },
    ]
    await expect(loadFile('docs/a.txt', Buffer.from(`${MEASURES}\n${WORK_PLAN}`), entries)).rejects.toThrow(
      /second.*永新县2025年就业工作要点.*docs\/a\.txt/
    )
  })

  it('reads a UTF-8 file with a byte-order mark and Windows line ends', async () => {
    const bytes = Buffer.from(`\ufeff${MEASURES.replace(/\n/g, '\r\n')}`)
    const [document] = await loadFile('docs/a.txt', bytes, [{ docKey: 'a', file: 'a.txt' }])
    expect(document.info.title).toBe('永新县促进就业若干措施')
    expect(document.clauses.map((c) => c.path)).toEqual([
      '前言',
      '一',
      '一/1',
      '一/2',
      '二',
      '二/3',
    ])
  })
})

describe('docKeyOf', () => {
  it('makes a doc key of the ASCII words of a file name', () => {
    expect(docKeyOf('Taizhou Jianxi.txt')).toBe('taizhou-jianxi')
    expect(docKeyOf('000_21d5f70f270bce87.txt')).toBe('000-21d5f70f270bce87')
  })

  it('falls back to a short hash of the name, the same every time', () => {
    expect(docKeyOf('永新县措施.txt')).toMatch(/^doc-[0-9a-f]{8}$/)
    expect(docKeyOf('永新县措施.txt')).toBe(docKeyOf('永新县措施.txt'))
    expect(docKeyOf('永新县措施.txt')).not.toBe(docKeyOf('泰州市办法.txt'))
  })
})
