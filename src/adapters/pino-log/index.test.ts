import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createPinoLog } from './index.js'

function collect() {
  const lines: Record<string, unknown>[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
      done()
    },
  })
  return { lines, destination }
}

describe('createPinoLog', () => {
  describe('accessLog', () => {
    it('should write one JSON line with the entry, a time and the level', () => {
      const { lines, destination } = collect()
      const log = createPinoLog({ destination })
      log.accessLog({ requestId: 'r1', method: 'POST', route: '/api/chat', status: 200, latencyMs: 12.5, abstained: false, citations: 2 })
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatchObject({
        level: 'info',
        msg: 'request',
        requestId: 'r1',
        route: '/api/chat',
        status: 200,
        latencyMs: 12.5,
        abstained: false,
        citations: 2,
      })
      expect(typeof lines[0].time).toBe('string')
    })
  })

  describe('errorLog', () => {
    it('should keep the stack but redact phone, ID card numbers and OpenIDs in it and the message', () => {
      const { lines, destination } = collect()
      const log = createPinoLog({ destination })
      const error = new Error('failed for 13812345678 / 32040219900101123X / openid=oAbc_123')
      log.errorLog({ requestId: 'r2', status: 500, error })
      const text = JSON.stringify(lines)
      expect(text).not.toContain('13812345678')
      expect(text).not.toContain('32040219900101123X')
      expect(text).not.toContain('oAbc_123')
      expect(lines[0]).toMatchObject({ level: 'error', requestId: 'r2', status: 500 })
      expect((lines[0].err as { stack: string }).stack).toContain('[phone]')
    })
  })

  describe('logger', () => {
    it('should redact strings at any depth of what else is logged', () => {
      const { lines, destination } = collect()
      createPinoLog({ destination }).logger.warn({ detail: { who: ['电话 13912345678'] } }, 'x')
      expect(lines[0].detail).toEqual({ who: ['电话 [phone]'] })
    })

    it('should honour the level', () => {
      const { lines, destination } = collect()
      createPinoLog({ destination, level: 'warn' }).logger.info('hidden')
      expect(lines).toEqual([])
    })
  })
})
