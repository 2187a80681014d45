/** @module readDocx: a Word .docx → plain lines, tables as the tab-led cells parse-table reads. */
import mammoth from 'mammoth'
import { HTMLElement, parse } from 'node-html-parser'
import { createError } from '../../src/errors.js'
import { htmlToLines } from './html-lines.js'

/**
 * The text of a .docx: mammoth turns the WordprocessingML into HTML (paragraphs, lists, tables
 * with their merges), which {@link htmlToLines} writes out as lines. Images are dropped rather
 * than inlined as base64; empty paragraphs stay, as the blank lines that set off a title block. Word numbers auto-numbered lists itself, and mammoth keeps only that a
 * list is ordered, not how it is numbered; an ordered item with no marker of its own is written
 * `N.` so that the outline still sees an item. A file that is not a readable .docx is refused
 * with mammoth's reason.
 */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<string> {
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), ignoreEmptyParagraphs: false }
    )
    html = result.value
  } catch (cause) {
    throw createError('DOCUMENT_UNREADABLE', fileName, `not a readable Word document (${(cause as Error).message})`)
  }
  const root = parse(html)
  for (const list of root.querySelectorAll('ol')) {
    const items = list.childNodes.filter((n): n is HTMLElement => n instanceof HTMLElement && n.rawTagName === 'li')
    items.forEach((item, i) => {
      if (!MARKER.test(item.text.trim())) item.insertAdjacentHTML('afterbegin', `${i + 1}.`)
    })
  }
  return htmlToLines(root).join('\n')
}

// A paragraph that already starts with an outline marker (一、 （一） 1. 第一条 专栏).
const MARKER = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[、.．]|第[一二三四五六七八九十百\d]+[条章节]|专栏)/
