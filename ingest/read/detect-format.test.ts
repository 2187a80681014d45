import { describe, expect, it } from 'vitest'
import { QaError } from '../../src/errors.js'
import { zhenjiangDocx } from '../fixtures/formats/documents.js'
import { detectFormat } from './detect-format.js'

function refusal(bytes: Uint8Array, name: string): QaError {
  try {
    detectFormat(bytes, name)
  } catch (error) {
    return error as QaError
  }
  throw new Error(`${name} was not refused`)
}

describe('detectFormat', () => {
  it('knows a .docx and a PDF by their content whatever they are called', async () => {
    expect(detectFormat(await zhenjiangDocx(), '措施.txt')).toBe('docx')
    expect(detectFormat(Buffer.from('%PDF-1.7\n…'), '措施.doc')).toBe('pdf')
  })

  it('knows a saved web page by its markup, with or without a doctype or extension', () => {
    expect(detectFormat(Buffer.from('<!DOCTYPE html><html><body><p>正文</p></body></html>'), 'page')).toBe('html')
    expect(detectFormat(Buffer.from('\ufeff  <html lang="zh"><head><meta charset="gbk">'), 'a.txt')).toBe('html')
    expect(detectFormat(Buffer.from('<div class="TRS_Editor"><p>一、总体要求</p></div>'), 'page.htm')).toBe('html')
  })

  it('tells plain text from Markdown by the extension only', () => {
    expect(detectFormat(Buffer.from('# 标题\n一、总体要求'), 'a.md')).toBe('markdown')
    expect(detectFormat(Buffer.from('标题\n一、总体要求'), 'a.txt')).toBe('text')
  })

  it('refuses formats it cannot read, saying what to do', () => {
    const doc = refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.doc')
    expect(doc.code).toBe('DOCUMENT_UNSUPPORTED')
    expect(doc.message).toMatch(/old\.doc.*\.docx/)
    expect(refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'scan.png').message).toContain('OCR')
    expect(refusal(Buffer.from('PK\u0003\u0004xl/workbook.xml…PK\u0005\u0006'), 'sheet.docx').message).toContain('not a Word document')
    expect(refusal(Buffer.from([0x01, 0x00, 0x02, 0x00, 0x41]), 'blob.txt').code).toBe('DOCUMENT_UNSUPPORTED')
  })

  it('calls a truncated zip damaged, not unsupported', async () => {
    const truncated = refusal((await zhenjiangDocx()).subarray(0, 500), 'broken.docx')
    expect(truncated.code).toBe('DOCUMENT_UNREADABLE')
    expect(truncated.message).toMatch(/broken\.docx.*damaged or truncated/)
  })
})
