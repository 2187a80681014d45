/** @module CircuitBreaker: stops calling a failing model for a while, then tries it again once. */

export interface CircuitBreakerOptions {
  /**
   * Consecutive failures (timeouts, refused connections, 5xx, 429) that open the circuit.
   * Integer ≥ 1. Default 3: one slow answer is noise, three in a row is an outage.
   */
  failureThreshold: number
  /**
   * How long an open circuit skips the model, in ms, before one trial call. Default 30000: long
   * enough for a restarting server, short enough that answers improve soon after it is back.
   */
  cooldownMs: number
  /** Milliseconds since the epoch; injected so tests need not wait. */
  now: () => number
}

export const defaultCircuitBreakerOptions: CircuitBreakerOptions = {
  failureThreshold: 3,
  cooldownMs: 30_000,
  now: () => Date.now(),
}

export type CircuitState = 'closed' | 'open' | 'half-open'

/**
 * Closed: every call goes through, and `failureThreshold` failures in a row open it. Open: no
 * call goes through until `cooldownMs` have passed; then the next call is a trial (half-open).
 * A trial that succeeds closes the circuit; one that fails opens it for another cooldown.
 *
 * @example
 * const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000 })
 * if (breaker.allow()) try { await call(); breaker.succeed() } catch { breaker.fail() }
 */
export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions
  #failures = 0
  #openedAt: number | undefined
  #trialRunning = false

  constructor(options: Partial<CircuitBreakerOptions> = {}) {
    this.#options = { ...defaultCircuitBreakerOptions, ...options }
    const { failureThreshold, cooldownMs } = this.#options
    if (!(Number.isInteger(failureThreshold) && failureThreshold >= 1)) {
      throw new Error(
        `CircuitBreaker: failureThreshold must be an integer ≥ 1, got ${failureThreshold}`
      )
    }
    if (!(Number.isFinite(cooldownMs) && cooldownMs >= 0)) {
      throw new Error(`CircuitBreaker: cooldownMs must be a number ≥ 0, got ${cooldownMs}`)
    }
  }

  get state(): CircuitState {
    if (this.#openedAt === undefined) return 'closed'
    return this.#options.now() - this.#openedAt >= this.#options.cooldownMs ? 'half-open' : 'open'
  }

  /** Whether a call may go out now; in half-open state only one trial at a time. */
  allow(): boolean {
    const state = this.state
    if (state === 'closed') return true
    if (state === 'open' || this.#trialRunning) return false
    this.#trialRunning = true
    return true
  }

  succeed(): void {
    this.#failures = 0
    this.#openedAt = undefined
    this.#trialRunning = false
  }

  /** A call that ended without an outcome (its client went away): frees the trial, counts nothing. */
  abandon(): void {
    this.#trialRunning = false
  }

  /** Records a failure; returns true when this failure opened the circuit. */
  fail(): boolean {
    this.#failures++
    const wasTrial = this.#trialRunning
    this.#trialRunning = false
    if (wasTrial || this.#failures >= this.#options.failureThreshold) {
      const opening = this.#openedAt === undefined || wasTrial
      this.#openedAt = this.#options.now()
      return opening
    }
    return false
  }
}
