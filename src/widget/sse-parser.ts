/** @module Incremental `text/event-stream` parser (WHATWG HTML §9.2.6) for SSE read with fetch. */

export type SseEvent = { event: string; data: string }

/**
 * Feeds decoded text in arbitrary chunks and returns the events each chunk completes. Lines end in
 * CRLF, LF or CR (a CRLF may be split across chunks); `:` lines are comments; one space after the
 * colon is dropped; several `data` lines join with `\n`; a blank line dispatches; an event without
 * data is dropped; unknown fields are ignored; an unterminated last event is discarded.
 *
 * @example
 * ```ts
 * const parser = new SseParser()
 * for (const event of parser.push('event: delta\ndata: {"text":"你好"}\n\n')) handle(event)
 * ```
 */
export class SseParser {
  #buffer = ''
  #event = ''
  #data: string[] = []

  /** Adds a chunk of text; returns the events it completed, in order. */
  push(chunk: string): SseEvent[] {
    const events: SseEvent[] = []
    const buffer = this.#buffer + chunk
    let start = 0
    for (let i = 0; i < buffer.length; i++) {
      const ch = buffer[i]
      if (ch !== '\n' && ch !== '\r') continue
      // A CR at the end of the chunk may be the first half of a CRLF: decide with the next chunk.
      if (ch === '\r' && i === buffer.length - 1) break
      const line = buffer.slice(start, i)
      if (ch === '\r' && buffer[i + 1] === '\n') i++
      start = i + 1
      this.#line(line, events)
    }
    this.#buffer = buffer.slice(start)
    return events
  }

  /** Ends the stream: a pending lone CR still ends its line; an unterminated event is discarded. */
  end(): SseEvent[] {
    const events: SseEvent[] = []
    if (this.#buffer === '\r') this.#line('', events)
    this.#buffer = ''
    this.#event = ''
    this.#data = []
    return events
  }

  #line(line: string, events: SseEvent[]) {
    if (line === '') {
      if (this.#data.length > 0) events.push({ event: this.#event || 'message', data: this.#data.join('\n') })
      this.#event = ''
      this.#data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') this.#event = value
    else if (field === 'data') this.#data.push(value)
  }
}
