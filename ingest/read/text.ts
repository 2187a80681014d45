/** @module readText: a text file's bytes → a string, whatever encoding a bureau saved it in. */
import iconv from 'iconv-lite'

/** Encodings a text file is read in; anything that is not valid UTF-8 is taken for GB18030. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export interface DecodedText {
  text: string
  encoding: TextEncoding
}

/**
 * Decodes a text file: a byte-order mark decides when there is one; else strict UTF-8; else
 * GB18030. GB18030 is a superset of GBK and GB2312, so one decoder reads all three, and UTF-8 is
 * tried first because Chinese text in GBK is almost never valid UTF-8 (the reverse is not true:
 * most UTF-8 byte sequences are also valid GBK, so trying GBK first would garble UTF-8 files).
 * Line ends are normalised to \n; the BOM is dropped.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = sniffEncoding(bytes)
  const raw =
    encoding === 'gb18030'
      ? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030')
      : new TextDecoder(encoding).decode(bytes)
  return { text: raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'), encoding }
}

/** The text of a file, decoded as {@link decodeText} does. */
export function readText(bytes: Uint8Array): string {
  return decodeText(bytes).text
}

/** The encoding of a text file's bytes, from its byte-order mark or by trying strict UTF-8. */
export function sniffEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return 'utf-8'
  } catch {
    return 'gb18030'
  }
}
