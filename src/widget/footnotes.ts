/** @module Footnote markers: `[n]` in an answer → references to its n-th citation. */

export type AnswerSegment = { type: 'text'; text: string } | { type: 'ref'; n: number }

const MARKER = /\[(\d{1,2})\]/g

/**
 * Splits one line of answer text into text and citation references. A marker whose number has no
 * citation (0, or above `citationCount`) stays plain text: never a dead link or an invented source.
 *
 * @example
 * ```ts
 * splitFootnotes('补贴25%。[1]', 1) // [{ type: 'text', text: '补贴25%。' }, { type: 'ref', n: 1 }]
 * ```
 */
export function splitFootnotes(line: string, citationCount: number): AnswerSegment[] {
  const segments: AnswerSegment[] = []
  let last = 0
  const pushText = (text: string) => {
    if (!text) return
    const prev = segments[segments.length - 1]
    if (prev?.type === 'text') prev.text += text
    else segments.push({ type: 'text', text })
  }
  for (const m of line.matchAll(MARKER)) {
    const n = Number(m[1])
    const at = m.index ?? 0
    pushText(line.slice(last, at))
    if (n >= 1 && n <= citationCount) segments.push({ type: 'ref', n })
    else pushText(m[0])
    last = at + m[0].length
  }
  pushText(line.slice(last))
  return segments
}
