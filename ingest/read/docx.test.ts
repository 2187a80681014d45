import { describe, expect, it } from 'vitest'
import { QaError } from '../../src/errors.js'
import { buildDocx } from '../fixtures/formats/docx.js'
import { zhenjiangDocx } from '../fixtures/formats/documents.js'
import { loadFile } from '../load-documents.js'
import { readDocx } from './docx.js'

describe('readDocx', () => {
  it('writes paragraphs as lines and drops Word bookmarks', async () => {
    const text = await readDocx(await zhenjiangDocx(), 'zhenjiang.docx')
    const lines = text.split('\n')
    expect(lines.slice(0, 8)).toEqual([
      '镇江市人力资源和社会保障局文件',
      '',
      '镇人社发〔2025〕12号',
      '',
      '镇江市支持高校毕业生就业创业若干措施',
      '（2025年3月1日）',
      '为进一步做好高校毕业生就业创业工作，结合我市实际，制定本措施。',
      '一、支持企业吸纳就业',
    ])
    expect(text).not.toMatch(/bookmark|_GoBack/)
  })

  it('writes a table as tab-led cells: a merged-down cell as an empty cell, a cell’s paragraphs on plain lines', async () => {
    const text = await readDocx(await zhenjiangDocx(), 'zhenjiang.docx')
    const table = text.slice(text.indexOf('\t序号'))
    expect(table.split('\n').slice(0, 18)).toEqual([
      '\t序号', '\t行业', '\t岗位类型', '\t计划人数', '',
      '\t1', '\t先进制造业', '\t技术员、质检员', '\t200人', '',
      '\t2', '\t', '\t设备运维', '\t120人', '',
      '\t3', '\t现代服务业', '\t客服、行政文员；',
    ])
    expect(table).toContain('\t客服、行政文员；\n要求大专及以上学历。\n\t150人')
  })

  it('writes a cell merged across columns once', async () => {
    const bytes = await buildDocx([
      {
        table: [
          [{ text: '序号' }, { text: '2024年' }, { text: '2025年' }],
          [{ text: '1' }, { text: '新增就业1万人', span: 2 }],
        ],
      },
    ])
    expect((await readDocx(bytes, 'x.docx')).split('\n').slice(4, 7)).toEqual(['\t1', '\t新增就业1万人', ''])
  })

  it('refuses a corrupt file, saying it is not a readable Word document', async () => {
    const bytes = (await zhenjiangDocx()).subarray(0, 400)
    const error = await readDocx(bytes, 'broken.docx').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(QaError)
    expect((error as QaError).code).toBe('DOCUMENT_UNREADABLE')
    expect((error as QaError).message).toMatch(/broken\.docx.*not a readable Word document/)
  })
})

describe('a .docx through loadFile', () => {
  it('parses into the units and paths of CITATIONS.md, with city, title, issuer and date detected', async () => {
    const [doc] = await loadFile('docs/zhenjiang.docx', await zhenjiangDocx(), [{ docKey: 'zhenjiang', file: 'zhenjiang.docx' }])
    expect(doc.info).toMatchObject({
      format: 'docx',
      city: '镇江市',
      title: '镇江市支持高校毕业生就业创业若干措施',
      issuer: '镇江市人力资源和社会保障局',
      date: '2025-03-01',
    })
    expect(doc.clauses.map((c) => c.path)).toEqual([
      '前言', '一', '一/1', '一/2', '二', '二/3', '二/4', '附件', '附件/第1项', '附件/第2项', '附件/第3项',
    ])
    const unit = (path: string) => doc.clauses.find((c) => c.path === path)!
    expect(unit('一/1').text).toContain('按每人2000元给予一次性吸纳就业补贴')
    // The merged 行业 cell is inherited by the row it covers.
    expect(unit('附件/第2项').text).toContain('先进制造业')
    expect(unit('附件/第2项').text).toContain('120人')
  })
})
