/** @module readDocument: a file's bytes → its text as lines, by the reader its content needs. */
import { detectFormat, type DocumentFormat } from './detect-format.js'
import { readDocx } from './docx.js'
import { readHtml } from './html.js'
import { readMarkdown } from './markdown.js'
import { readPdf } from './pdf.js'
import { decodeText } from './text.js'

/** A document's text as its reader wrote it; unit offsets point into this text. */
export interface ReadDocument {
  format: DocumentFormat
  text: string
}

/**
 * Reads a document of any supported format (see {@link detectFormat}): .docx, PDF, a saved web
 * page, Markdown, or plain text in UTF-8 (with or without BOM), UTF-16, GBK or GB18030. Refuses a
 * format it cannot read, a corrupt file and a PDF without text, naming the file and the reason.
 */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<ReadDocument> {
  const format = detectFormat(bytes, fileName)
  switch (format) {
    case 'docx':
      return { format, text: await readDocx(bytes, fileName) }
    case 'pdf':
      return { format, text: await readPdf(bytes, fileName) }
    case 'html':
      return { format, text: readHtml(decodeText(bytes).text) }
    case 'markdown':
      return { format, text: readMarkdown(decodeText(bytes).text) }
    case 'text':
      return { format, text: decodeText(bytes).text }
  }
}
