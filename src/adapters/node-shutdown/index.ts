/** @module node-shutdown: stop on SIGTERM without dropping a request that is being answered. */
import type { Server } from 'node:http'

export type GracefulShutdownOptions = {
  /** Longest wait for requests in progress before their connections are cut, in ms. Default 10 s. */
  timeoutMs: number
  /** Runs after the last request ended (or the wait ran out): stop background work, flush stores. */
  onClose: () => Promise<void> | void
  /** Where progress is written. Default stderr. */
  log: (message: string) => void
  /** Ends the process; injected by tests. Default `process.exit`. */
  exit: (code: number) => void
  /** Signals that start the shutdown. Default SIGTERM (container stop) and SIGINT (Ctrl-C). */
  signals: NodeJS.Signals[]
}

export const defaultGracefulShutdownOptions: GracefulShutdownOptions = {
  timeoutMs: 10_000,
  onClose: () => {},
  log: (message) => console.error(message),
  exit: (code) => process.exit(code),
  signals: ['SIGTERM', 'SIGINT'],
}

/** How often idle keep-alive connections are closed while requests drain, in ms. */
const IDLE_SWEEP_MS = 100

/**
 * On a signal: stop accepting connections, let every request in progress (an SSE stream included)
 * finish, close keep-alive connections as soon as they are idle, run `onClose`, and exit 0. When
 * requests outlast `timeoutMs` their connections are cut and the exit code is 1. A second signal
 * during the wait exits at once.
 *
 * @example
 * ```ts
 * const server = serve({ fetch: app.fetch, port })
 * gracefulShutdown(server as Server, { onClose: () => store.close() })
 * ```
 */
export function gracefulShutdown(server: Server, options: Partial<GracefulShutdownOptions> = {}) {
  const { timeoutMs, onClose, log, exit, signals } = {
    ...defaultGracefulShutdownOptions,
    ...options,
  } satisfies GracefulShutdownOptions
  let stopping = false

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting now`)
      return exit(1)
    }
    stopping = true
    log(`${signal}: no new connections; finishing requests in progress (at most ${timeoutMs} ms)`)
    const drained = new Promise<boolean>((resolve) => {
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS)
      const deadline = setTimeout(() => {
        server.closeAllConnections()
        resolve(false)
      }, timeoutMs)
      server.close(() => {
        clearInterval(sweep)
        clearTimeout(deadline)
        resolve(true)
      })
      server.closeIdleConnections()
    })
    const clean = await drained
    if (!clean) log('requests still in progress after the wait: connections cut')
    try {
      await onClose()
    } catch (err) {
      log(`shutdown: ${err instanceof Error ? err.message : String(err)}`)
      return exit(1)
    }
    log('stopped')
    exit(clean ? 0 : 1)
  }

  for (const signal of signals) process.on(signal, (s: NodeJS.Signals) => void stop(s))
}
