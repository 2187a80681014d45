/** @module detectFormat: which reader a file needs, from its bytes first and its name second. */
import { extname } from 'node:path'
import { createError } from '../../src/errors.js'
import { decodeText } from './text.js'

/** Formats a document can be read from. */
export type DocumentFormat = 'docx' | 'pdf' | 'html' | 'markdown' | 'text'

/** File name endings the loader picks up in a documents folder (content still decides the reader). */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.markdown', '.docx', '.pdf', '.html', '.htm'] as const

/** Bytes of the head looked at for magic numbers and for an HTML start. */
const SNIFF_BYTES = 4096
// Binary formats we are sent but cannot read, by their magic bytes, with what to do instead.
const UNSUPPORTED_MAGIC: { magic: number[]; reason: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], reason: 'old binary Word/Excel file (.doc/.xls): save it as .docx' },
  { magic: [0x89, 0x50, 0x4e, 0x47], reason: 'PNG image: a scanned page needs OCR first' },
  { magic: [0xff, 0xd8, 0xff], reason: 'JPEG image: a scanned page needs OCR first' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], reason: 'RTF file: save it as .docx' },
  { magic: [0x52, 0x61, 0x72, 0x21], reason: 'RAR archive: upload the documents one by one' },
]
const ZIP = [0x50, 0x4b, 0x03, 0x04]
// The end-of-central-directory record closes every whole zip; a truncated download has none.
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06])
/** The end record sits in the last 22 bytes plus an archive comment of at most 64 KiB. */
const ZIP_END_SEARCH_BYTES = 22 + 0xffff
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
// A .docx is a zip whose parts include word/document.xml; the name is stored uncompressed.
const WORD_PART = Buffer.from('word/document.xml')
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<meta[\s>]|<body[\s>])/i

/**
 * The format of a file. Content decides: a zip holding word/document.xml is a .docx and `%PDF-`
 * is a PDF whatever the name says (bureaus rename files); text that starts like a web page is
 * HTML. The name decides only between plain text and Markdown. A binary format we cannot read
 * is refused with the reason and what to do.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): DocumentFormat {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES))
  if (startsWith(head, PDF)) return 'pdf'
  if (startsWith(head, ZIP)) {
    const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (!all.subarray(-ZIP_END_SEARCH_BYTES).includes(ZIP_END)) {
      throw createError('DOCUMENT_UNREADABLE', fileName, 'a damaged or truncated zip archive (a .docx is one)')
    }
    if (all.includes(WORD_PART)) return 'docx'
    throw createError('DOCUMENT_UNSUPPORTED', fileName, 'a zip archive that is not a Word document (.docx)')
  }
  const known = UNSUPPORTED_MAGIC.find((u) => startsWith(head, u.magic))
  if (known) throw createError('DOCUMENT_UNSUPPORTED', fileName, known.reason)
  const { text, encoding } = decodeText(head)
  // NUL bytes do not occur in text files except UTF-16 ones; the rest is some binary format.
  if (!encoding.startsWith('utf-16') && head.includes(0)) {
    throw createError('DOCUMENT_UNSUPPORTED', fileName, 'binary content that is not docx, pdf, html or text')
  }
  if (HTML_START.test(text)) return 'html'
  const ext = extname(fileName).toLowerCase()
  if (ext === '.html' || ext === '.htm') return /<\/?(?:p|div|br|table)[\s>/]/i.test(text) ? 'html' : 'text'
  if (ext === '.md' || ext === '.markdown') return 'markdown'
  return 'text'
}

function startsWith(head: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => head[i] === b)
}
