import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { QaError } from '../../src/errors.js'
import { FORMATS_DIR, PDF_FIXTURE, pdfWithoutText } from '../fixtures/formats/documents.js'
import { CHROMIUM } from '../../test/support/chromium.js'
import { renderPdf } from '../fixtures/formats/render-pdf.js'
import { loadFile } from '../load-documents.js'
import { joinWrappedLines, readPdf, type PdfLine } from './pdf.js'

/** What nantong-wengang.pdf reads as: one line per paragraph, wraps joined, the page number gone. */
const NANTONG_LINES = [
  '南通市稳岗扩岗若干政策措施',
  '（2025年4月10日）',
  '为深入实施就业优先战略，稳定和扩大就业岗位，推动实现高质量充分就业，结合我市实际，制定以下政策措施。',
  '一、稳定就业岗位',
  '（一）稳岗返还。对上年度不裁员或少裁员的参保企业，按企业及其职工上年度实际缴纳失业保险费的60%予以返还。',
  '（二）扩岗补助。对招用离校2年内未就业高校毕业生的企业，按每人5000元的标准给予一次性扩岗补助，每家企业最多补助20人。',
  '二、支持创业带动就业',
  '（三）创业担保贷款。符合条件的个人创业者可申请最高30万元创业担保贷款，小微企业最高可申请500万元，按规定给予贴息。',
  '（四）创业补贴。对首次创办小微企业并正常经营1年以上的高校毕业生，给予1万元一次性创业补贴。',
  '本措施自2025年5月1日起施行，有效期至2027年12月31日。',
]

async function refusal(promise: Promise<unknown>): Promise<QaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(QaError)
  return error as QaError
}

describe('readPdf', () => {
  it('reads a PDF printed by Chromium: lines the page wrapped are joined, 「5000」/「元」 too, across a page break', async () => {
    const text = await readPdf(await readFile(PDF_FIXTURE), 'nantong-wengang.pdf')
    expect(text.split('\n')).toEqual(NANTONG_LINES)
  })

  it('refuses a PDF without a text layer, saying it needs OCR', async () => {
    const error = await refusal(readPdf(pdfWithoutText(), 'scan.pdf'))
    expect(error.code).toBe('DOCUMENT_NO_TEXT')
    expect(error.message).toMatch(/scan\.pdf.*OCR/)
  })

  it('refuses a file that only starts like a PDF', async () => {
    const error = await refusal(readPdf(Buffer.from('%PDF-1.7\nthis is not a PDF at all'), 'fake.pdf'))
    expect(error.code).toBe('DOCUMENT_UNREADABLE')
    expect(error.message).toContain('fake.pdf')
  })

  describe.skipIf(!canPrintChinese())('with Chromium (skipped without /usr/bin/chromium and a CJK font, e.g. fonts-wqy-zenhei)', () => {
    let work: string | undefined
    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true })
    })

    it('reads a PDF printed now from the fixture’s HTML the same way', async () => {
      work = await mkdtemp(join(tmpdir(), 'pdf-'))
      const pdf = join(work, 'nantong.pdf')
      await renderPdf(join(FORMATS_DIR, 'nantong-wengang.html'), pdf)
      expect((await readPdf(await readFile(pdf), 'nantong.pdf')).split('\n')).toEqual(NANTONG_LINES)
    })
  })
})

describe('joinWrappedLines', () => {
  const line = (text: string, left: number, right: number, y: number, page = 1): PdfLine => ({ text, left, right, y, page, size: 12 })

  it('joins a full line to the next, but not before an indent, a marker or a paragraph gap', () => {
    const lines = [
      line('（一）对招用人员的企业，按每人5000', 96, 500, 700),
      line('元给予补助。', 72, 200, 680),
      line('（二）下一项从新的一行开始，且这一行写满了整个版心宽度的文字内', 96, 500, 660),
      line('容。', 72, 100, 640),
      line('这一行写满了版心，下一行却有首行缩进说明是新段落的开头文字啊', 72, 500, 620),
      line('新段落。', 96, 200, 600),
      line('这一行也写满了版心，但下一行与它隔着一个段落间距的文字内容啊', 72, 500, 580),
      line('隔开的段落。', 72, 200, 520),
    ]
    expect(joinWrappedLines(lines)).toEqual([
      '（一）对招用人员的企业，按每人5000元给予补助。',
      '（二）下一项从新的一行开始，且这一行写满了整个版心宽度的文字内容。',
      '这一行写满了版心，下一行却有首行缩进说明是新段落的开头文字啊',
      '新段落。',
      '这一行也写满了版心，但下一行与它隔着一个段落间距的文字内容啊',
      '隔开的段落。',
    ])
  })
})

describe('a PDF through loadFile', () => {
  it('parses into units with city, title and date detected', async () => {
    const [doc] = await loadFile('docs/nantong.pdf', await readFile(PDF_FIXTURE), [{ docKey: 'nantong', file: 'nantong.pdf' }])
    expect(doc.info).toMatchObject({
      format: 'pdf',
      city: '南通市',
      title: '南通市稳岗扩岗若干政策措施',
      date: '2025-04-10',
      validFrom: '2025-05-01',
      validTo: '2027-12-31',
    })
    expect(doc.clauses.map((c) => c.path)).toEqual(['前言', '一', '一/（一）', '一/（二）', '二', '二/（三）', '二/（四）', '结语'])
    expect(doc.clauses.find((c) => c.path === '一/（二）')!.text).toContain('按每人5000元的标准')
  })
})

/** Chromium and a font with Chinese glyphs, without which it prints boxes. */
function canPrintChinese(): boolean {
  if (!existsSync(CHROMIUM)) return false
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== ''
  } catch {
    return false
  }
}
