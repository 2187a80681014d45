/** @module dropCjkGaps: spaces between Chinese characters that a layout put there, not the author. */

// CJK ideographs, full-width forms and CJK punctuation, and the curly quotes Chinese text uses.
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f“”‘’'
const GAP = new RegExp(`(?<=[${CJK}])[ \\t\\u00a0]+(?=[${CJK}])`, 'g')

/**
 * Removes spaces between two CJK characters. Chinese puts no spaces between words, so such a
 * space is an artefact: a line break in HTML source (which browsers show as a space), or the
 * stretched spacing of a justified PDF line, which pdf.js reports as spaces. Spaces next to Latin
 * letters or digits stay (「AI 开发」 is written either way, and 「2025年」 has none to drop).
 */
export function dropCjkGaps(text: string): string {
  return text.replace(GAP, '')
}
