/** @module Sentences of policy text, for chunking and for extractive answers alike. */

const OPENERS = new Set(['“', '《', '「', '（', '('])
const CLOSERS = new Set(['”', '》', '」', '）', ')'])
const SENTENCE_END = /[。；！？;!?]/

/**
 * Sentences of a text, cut after 。；！？ or a line break (kept with its sentence), never inside
 * quotes, brackets or book titles: joined back they give the text unchanged. A bracket right after
 * a sentence end belongs to that sentence: 「…按规定给予补贴。（责任部门：市人社局）」 is one
 * sentence, so the note never opens the next one.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  let depth = 0
  let current = ''
  let ended = false
  const flush = () => {
    ended = false
    if (current.trim()) sentences.push(current)
    else if (sentences.length) sentences[sentences.length - 1] += current
    else return // leading white space opens the first sentence
    current = ''
  }
  for (const ch of text) {
    // After a sentence end, only a bracket may still join it; once closed, the next sentence starts.
    if (ended && depth === 0 && ch !== '（' && ch !== '(') flush()
    if (OPENERS.has(ch)) depth++
    else if (CLOSERS.has(ch) && depth > 0) depth--
    current += ch
    if (ch === '\n') {
      depth = 0
      flush()
      continue
    }
    if (depth === 0 && SENTENCE_END.test(ch)) ended = true
  }
  if (current.trim() || sentences.length === 0) {
    if (current) sentences.push(current)
  } else {
    sentences[sentences.length - 1] += current
  }
  return sentences
}
