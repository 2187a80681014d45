/** @module readText: a text file's bytes → a string (UTF-8, with or without BOM). */

/** Decodes UTF-8 text, dropping a byte-order mark and normalising line ends to \n. */
export function readText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes)
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n')
}
