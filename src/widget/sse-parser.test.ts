import { describe, expect, it } from 'vitest'
import { SseParser } from './sse-parser.js'

/** Feeds `chunks` one by one, then ends the stream; returns every event. */
function parseChunks(chunks: string[]) {
  const parser = new SseParser()
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()]
}

describe('SseParser', () => {
  it('should dispatch an event on a blank line, with its name and data', () => {
    expect(parseChunks(['event: delta\ndata: {"text":"你好"}\n\n'])).toEqual([{ event: 'delta', data: '{"text":"你好"}' }])
  })

  it('should give the same events however the text is split into chunks', () => {
    const body = 'event: delta\r\ndata: {"text":"根据常州市"}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n'
    const whole = parseChunks([body])
    expect(whole).toHaveLength(2)
    for (let size = 1; size <= 7; size++) {
      const chunks = body.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!
      expect(parseChunks(chunks), `chunks of ${size}`).toEqual(whole)
    }
  })

  it('should treat a CRLF split across chunks as one line end', () => {
    expect(parseChunks(['data: a\r', '\n\r', '\n'])).toEqual([{ event: 'message', data: 'a' }])
  })

  it('should accept CR alone and LF alone as line ends', () => {
    expect(parseChunks(['data: a\r\rdata: b\n\n'])).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ])
  })

  it('should ignore comments and unknown fields and drop one space after the colon only', () => {
    expect(parseChunks([': ping\nid: 7\nretry: 10\nfoo: bar\ndata:  two spaces\n\n'])).toEqual([
      { event: 'message', data: ' two spaces' },
    ])
  })

  it('should join several data lines with a newline', () => {
    expect(parseChunks(['data: 第一行\ndata: 第二行\n\n'])).toEqual([{ event: 'message', data: '第一行\n第二行' }])
  })

  it('should drop an event without data and reset the name after each event', () => {
    expect(parseChunks(['event: delta\n\ndata: x\n\n'])).toEqual([{ event: 'message', data: 'x' }])
  })

  it('should discard an unterminated last event', () => {
    expect(parseChunks(['data: a\n\ndata: half'])).toEqual([{ event: 'message', data: 'a' }])
  })

  it('should finish a last event ended by a lone CR at the end of the stream', () => {
    expect(parseChunks(['data: a\r\r'])).toEqual([{ event: 'message', data: 'a' }])
  })
})
