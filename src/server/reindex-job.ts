/** @module ReindexJob: one index rebuild at a time, in the background, swapped in only when whole. */
import type { ReindexStatus } from '../schema/api.js'
import type { Engine, EngineHolder } from './engine-holder.js'

export type ReindexJobOptions = {
  /** Where the new engine is put in service. */
  holder: EngineHolder
  /**
   * Builds a new engine from the configured document folders. On Node: ingest in a child process
   * (which writes a temporary folder and renames it over the index), then load it. Rejects with an
   * error whose message says why (file, line, item path); the index in service is then kept.
   */
  rebuild: () => Promise<Engine>
  /** Told when a rebuild ends, either way (to log it). Default: nothing. */
  onSettled: (status: ReindexStatus) => void
  /** Now; injected by tests. Default `new Date()`. */
  now: () => Date
}

export const defaultReindexJobOptions: Pick<ReindexJobOptions, 'onSettled' | 'now'> = {
  onSettled: () => {},
  now: () => new Date(),
}

/**
 * Runs `rebuild` in the background, at most one at a time, and swaps the result into the holder in
 * one step. A failed rebuild changes nothing but the status, which keeps the reason. Implements
 * the admin route's `IndexAdmin`.
 *
 * @example
 * ```ts
 * const job = new ReindexJob({ holder, rebuild: () => loadEngine(config) })
 * if (!job.reindex()) throw new ApiError('REINDEX_RUNNING')
 * ```
 */
export class ReindexJob {
  readonly #options: ReindexJobOptions
  #status: Omit<ReindexStatus, 'indexVersion'> = { state: 'idle' }
  #running: Promise<void> | undefined

  constructor(
    options: Pick<ReindexJobOptions, 'holder' | 'rebuild'> & Partial<ReindexJobOptions>
  ) {
    this.#options = { ...defaultReindexJobOptions, ...options }
  }

  /** Starts a rebuild in the background; false, changing nothing, when one is already running. */
  reindex(): boolean {
    if (this.#running) return false
    this.#status = { state: 'running', startedAt: this.#options.now().toISOString() }
    this.#running = this.#run().finally(() => (this.#running = undefined))
    return true
  }

  /** The last rebuild and the index answering now. */
  status(): ReindexStatus {
    return { ...this.#status, indexVersion: this.#options.holder.health().indexVersion }
  }

  /** Resolves when no rebuild is running (for shutdown and tests); never rejects. */
  async settled(): Promise<void> {
    await this.#running
  }

  async #run(): Promise<void> {
    const { holder, rebuild, now, onSettled } = this.#options
    const startedAt = this.#status.startedAt
    try {
      const engine = await rebuild()
      holder.swap(engine)
      this.#status = { state: 'succeeded', startedAt, finishedAt: now().toISOString() }
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err)
      this.#status = { state: 'failed', startedAt, finishedAt: now().toISOString(), error }
    }
    try {
      onSettled(this.status())
    } catch {
      // A failing log must not turn a finished rebuild into an unhandled rejection.
    }
  }
}
