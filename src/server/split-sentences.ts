/** @module Splits an answer into the sentences an SSE stream sends as `delta` events. */

/**
 * One sentence: text up to a run of end marks (。！？!?) with the closing quotes or brackets and the
 * citation markers (`[1]`, which the composer puts after the full stop) that follow, and then any
 * line breaks; or a run of line breaks on its own; or the tail. ；and ASCII `.` are not ends, so
 * clause items such as `1.` and lists joined by ；stay whole.
 */
const SENTENCE = /[^。！？!?\n]*(?:[。！？!?]+[”’」』）)"']*(?:\[\d+\])*\n*|\n+|$)/g

/**
 * The sentences of `text`, in order; joined they give `text` back exactly, so a client that
 * concatenates the deltas shows the same answer as /api/chat.
 */
export function splitSentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).filter((sentence) => sentence.length > 0)
}
