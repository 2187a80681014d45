import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from './circuit-breaker.js'

function breakerAt(start = 0) {
  let now = start
  const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000, now: () => now })
  return { breaker, advance: (ms: number) => (now += ms) }
}

describe('CircuitBreaker', () => {
  it('opens after failureThreshold failures in a row', () => {
    const { breaker } = breakerAt()
    expect(breaker.fail()).toBe(false)
    expect(breaker.allow()).toBe(true)
    expect(breaker.fail()).toBe(true)
    expect(breaker.state).toBe('open')
    expect(breaker.allow()).toBe(false)
  })

  it('lets one trial through after the cool-down and closes when it succeeds', () => {
    const { breaker, advance } = breakerAt()
    breaker.fail()
    breaker.fail()
    advance(1000)
    expect(breaker.state).toBe('half-open')
    expect(breaker.allow()).toBe(true)
    expect(breaker.allow()).toBe(false)
    breaker.succeed()
    expect(breaker.state).toBe('closed')
  })

  it('opens again for a whole cool-down when the trial fails', () => {
    const { breaker, advance } = breakerAt()
    breaker.fail()
    breaker.fail()
    advance(1000)
    breaker.allow()
    expect(breaker.fail()).toBe(true)
    advance(999)
    expect(breaker.allow()).toBe(false)
  })

  it('frees the trial of a call abandoned without an outcome', () => {
    const { breaker, advance } = breakerAt()
    breaker.fail()
    breaker.fail()
    advance(1000)
    expect(breaker.allow()).toBe(true)
    breaker.abandon()
    expect(breaker.allow()).toBe(true)
  })

  it('counts only consecutive failures', () => {
    const { breaker } = breakerAt()
    breaker.fail()
    breaker.succeed()
    breaker.fail()
    expect(breaker.state).toBe('closed')
  })

  it('refuses a threshold that is not a positive integer', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(
      /failureThreshold must be an integer ≥ 1, got 0/
    )
  })
})
