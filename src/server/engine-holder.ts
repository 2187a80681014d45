/** @module EngineHolder: the engine in service, replaced whole by a re-index while requests go on. */
import type { ChatCallOptions } from '../answer/qa-engine.js'
import type { ChatRequest, SearchRequest } from '../schema/api.js'
import { streamChat, type PolicyCatalog, type QaService } from './qa-service.js'

/** What the routes are given: answers and the catalogue, from one index. */
export type Engine = QaService & PolicyCatalog

/**
 * Stands in for the engine, so that routes never see a swap. Each call goes to the engine in
 * service when the call starts: a request already running finishes on the index it began with
 * (the old engine stays in memory until its last call ends), and every later call sees the new one.
 * The swap is one assignment, so no call can see half of each.
 *
 * @example
 * ```ts
 * const holder = new EngineHolder(engine)
 * createApp({ qa: holder, catalog: holder })
 * holder.swap(await rebuild())
 * ```
 */
export class EngineHolder implements QaService, PolicyCatalog {
  #current: Engine

  constructor(engine: Engine) {
    this.#current = engine
  }

  /** The engine in service. */
  get current(): Engine {
    return this.#current
  }

  /** Puts `next` in service for every call from now on; returns the engine it replaced. */
  swap(next: Engine): Engine {
    const previous = this.#current
    this.#current = next
    return previous
  }

  chat(request: ChatRequest, options?: ChatCallOptions) {
    return this.#current.chat(request, options)
  }

  chatStream(request: ChatRequest, options?: ChatCallOptions) {
    return streamChat(this.#current, request, options)
  }

  search(request: SearchRequest) {
    return this.#current.search(request)
  }

  documents() {
    return this.#current.documents()
  }

  document(docKey: string) {
    return this.#current.document(docKey)
  }

  clause(docKey: string, path: string) {
    return this.#current.clause(docKey, path)
  }

  health() {
    return this.#current.health()
  }
}
