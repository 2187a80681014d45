/** @module Parses a Server-Sent Events body into events, as EventSource would (WHATWG HTML §9.2.6). */

export type SseEvent = { event: string; data: string; id?: string }

/** The events of a complete `text/event-stream` body, in order. */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = []
  for (const block of body.split(/\r\n\r\n|\n\n|\r\r/)) {
    let event = 'message'
    let id: string | undefined
    const data: string[] = []
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line === '' || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
      else if (field === 'id') id = value
    }
    // EventSource dispatches nothing for a block without data.
    if (data.length > 0)
      events.push({ event, data: data.join('\n'), ...(id === undefined ? {} : { id }) })
  }
  return events
}
