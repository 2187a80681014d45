/** @module Sentences of policy text, for chunking and for extractive answers alike. */

/**
 * Sentences of a text, cut after 。；！？ or a line break (kept with its sentence), never inside
 * quotes, brackets or book titles: joined back they give the text unchanged.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  let depth = 0
  let current = ''
  for (const ch of text) {
    if (ch === '“' || ch === '《' || ch === '「' || ch === '（') depth++
    else if ((ch === '”' || ch === '》' || ch === '」' || ch === '）') && depth > 0) depth--
    current += ch
    if (ch === '\n') {
      if (current.trim()) sentences.push(current)
      else if (sentences.length) sentences[sentences.length - 1] += current
      current = ''
      depth = 0
      continue
    }
    if (depth === 0 && /[。；！？;!?]/.test(ch)) {
      sentences.push(current)
      current = ''
    }
  }
  if (current.trim()) sentences.push(current)
  return sentences
}
