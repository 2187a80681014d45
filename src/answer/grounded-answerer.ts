/** @module GroundedAnswerer: a model's answer from the retrieved clauses, checked, or the extractive answer. */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { MessageContent } from '@langchain/core/messages'
import type { Retrieval } from '../retrieval/hybrid-retriever.js'
import {
  CircuitBreaker,
  defaultCircuitBreakerOptions,
  type CircuitBreakerOptions,
} from './circuit-breaker.js'
import { CitationNumbering, MarkerRewriter } from './citation-markers.js'
import { checkGrounding } from './check-grounding.js'
import { EchoHoldBack, PromptEcho } from './prompt-echo.js'
import type { ComposeContext, ComposedAnswer } from './compose-answer.js'
import {
  buildGroundingPrompt,
  GROUNDING_SYSTEM_PROMPT,
  type GroundingClause,
  type GroundingPromptOptions,
} from './grounding-prompt.js'
import { messages } from './messages.js'

/**
 * Why the extractive answer was given instead of the model's: the circuit was open, the model
 * was too slow, it failed (refused, 5xx, 429, network), or nothing it cited passed the checks.
 */
export const MODEL_FALLBACK_REASONS = ['circuit_open', 'timeout', 'error', 'ungrounded'] as const
export type ModelFallbackReason = (typeof MODEL_FALLBACK_REASONS)[number]

export interface GroundedAnswererOptions {
  /**
   * How long the model may take, in ms: for the whole answer, or when streaming for the first
   * token and for each gap between tokens. After it the extractive answer is given. Default 8000
   * (LLM_TIMEOUT_MS).
   */
  timeoutMs: number
  /**
   * Longest a streamed answer may run in total, in ms, however steadily tokens come. Default
   * 60000: a long list answer at 20 tokens/s.
   */
  streamTotalMs: number
  prompt: Partial<GroundingPromptOptions>
  breaker: Partial<CircuitBreakerOptions>
  /** Receives one line per fallback, dropped sentence and circuit change. Default: console.warn. */
  log: (line: string) => void
  /** Called once per answer given extractively instead of the model's, with why (for /metrics). Default: nothing. */
  onFallback: (reason: ModelFallbackReason) => void
}

export const defaultGroundedAnswererOptions: GroundedAnswererOptions = {
  timeoutMs: 8000,
  streamTotalMs: 60_000,
  prompt: {},
  breaker: {},
  log: (line) => console.warn(line),
  onFallback: () => {},
}

/** What a grounded answer is made from. */
export interface GroundingRequest {
  question: string
  /** The standalone question retrieval used, when a follow-up was rewritten. */
  rewrittenQuery?: string
  retrieval: Retrieval
  /** The offline answer: the fallback, and the composer's choice of units. */
  extractive: ComposedAnswer
  context: ComposeContext
}

/** A step of a streamed answer: more text, or text that replaces all sent so far. */
export type AnswerEvent = { type: 'delta'; text: string } | { type: 'replace'; text: string }

/** Words that show a text already says a measure has ended or is a draft. */
const VALIDITY_WORDS = /到期|结束|失效|过期|征求意见|草案|有效期/

/**
 * Answers with a chat model, grounded in the retrieved clauses and checked by
 * {@link checkGrounding}; citations are always built from the clause store. Falls back to the
 * extractive answer, with a log line, when the model fails (refused, 5xx, 429), is slower than
 * `timeoutMs`, or leaves nothing cited; a circuit breaker skips a model that keeps failing.
 * An abstention is never sent to the model: the documents do not answer, and saying so is not
 * the model's call.
 *
 * - `timeoutMs`: default 8000. `streamTotalMs`: default 60000.
 * - `prompt`: `maxClauses` 6, `maxClauseChars` 800. `breaker`: 3 failures, 30 s cool-down.
 * - `log`: default console.warn. `onFallback`: default nothing.
 *
 * @example
 * const answerer = new GroundedAnswerer(createOpenAiCompatibleChatModel({ baseURL, model }), { timeoutMs: 8000 })
 * const answer = await answerer.answer({ question, retrieval, extractive, context })
 */
export class GroundedAnswerer {
  readonly #model: BaseChatModel
  readonly #options: GroundedAnswererOptions
  readonly #breaker: CircuitBreaker

  constructor(model: BaseChatModel, options: Partial<GroundedAnswererOptions> = {}) {
    this.#model = model
    this.#options = { ...defaultGroundedAnswererOptions, ...options }
    const { timeoutMs, streamTotalMs } = this.#options
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new Error(
        `GroundedAnswerer: timeoutMs must be a number > 0, got ${timeoutMs}, eg { timeoutMs: 8000 }`
      )
    }
    if (!(Number.isFinite(streamTotalMs) && streamTotalMs >= timeoutMs)) {
      throw new Error(
        `GroundedAnswerer: streamTotalMs must be ≥ timeoutMs (${timeoutMs}), got ${streamTotalMs}`
      )
    }
    this.#breaker = new CircuitBreaker(this.#options.breaker)
  }

  /** closed, open or half-open (see {@link CircuitBreaker}). */
  get circuit() {
    return this.#breaker.state
  }

  /** The model's checked answer, or the extractive one. */
  async answer(request: GroundingRequest): Promise<ComposedAnswer> {
    if (request.extractive.abstained || !this.#allowed()) return request.extractive
    const prompt = this.#prompt(request)
    const started = Date.now()
    const controller = new AbortController()
    try {
      const message = await within(
        this.#model.invoke(prompt.messages, { signal: controller.signal }),
        this.#options.timeoutMs,
        controller
      )
      this.#breaker.succeed()
      return this.#checked(textOf(message.content), prompt.clauses, request)
    } catch (error) {
      this.#failed(error, started)
      return request.extractive
    } finally {
      controller.abort()
    }
  }

  /**
   * The answer as the model writes it: `delta` events with its text as it comes, markers held
   * back until complete and already renumbered as the final answer numbers them. When the model
   * ends, the guards check the whole text; if they changed it, a last `delta` carries what they
   * appended, or a `replace` event the whole checked text. On failure the extractive answer is
   * sent instead (`replace` when model text was already sent). Text that repeats the system
   * prompt is never sent (see {@link EchoHoldBack}). Returns the final answer.
   */
  async *stream(request: GroundingRequest): AsyncGenerator<AnswerEvent, ComposedAnswer, undefined> {
    const { extractive } = request
    if (extractive.abstained || !this.#allowed()) {
      yield { type: 'delta', text: extractive.answer }
      return extractive
    }
    const prompt = this.#prompt(request)
    const started = Date.now()
    const controller = new AbortController()
    const numbering = new CitationNumbering((n) => n >= 1 && n <= prompt.clauses.length)
    const rewriter = new MarkerRewriter(numbering.marker)
    // The prompt is checked for echoes as tokens come, so it never streams out before the final check.
    const holdBack = new EchoHoldBack(
      new PromptEcho(
        GROUNDING_SYSTEM_PROMPT,
        prompt.clauses.map((c) => c.evidence)
      )
    )
    let raw = ''
    let sent = ''
    let iterator: AsyncIterator<{ content: MessageContent }> | undefined
    let settled = false
    try {
      const deadline = () =>
        Math.min(this.#options.timeoutMs, started + this.#options.streamTotalMs - Date.now())
      const stream = await within(
        this.#model.stream(prompt.messages, { signal: controller.signal }),
        deadline(),
        controller
      )
      iterator = stream[Symbol.asyncIterator]()
      for (;;) {
        const next = await within(iterator.next(), deadline(), controller)
        if (next.done) break
        const piece = textOf(next.value.content)
        raw += piece
        const safe = holdBack.push(rewriter.push(piece))
        if (!safe) continue
        sent += safe
        yield { type: 'delta', text: safe }
      }
      const tail = holdBack.push(rewriter.end()) + holdBack.end()
      if (tail) {
        sent += tail
        yield { type: 'delta', text: tail }
      }
      settled = true
      this.#breaker.succeed()
    } catch (error) {
      settled = true
      this.#failed(error, started)
      yield sent
        ? { type: 'replace', text: extractive.answer }
        : { type: 'delta', text: extractive.answer }
      return extractive
    } finally {
      // Also when the client went away mid-answer: stop the model's request.
      if (!settled) this.#breaker.abandon()
      controller.abort()
      void iterator?.return?.().catch(() => {})
    }
    const final = this.#checked(raw, prompt.clauses, request)
    if (final.answer !== sent) {
      yield final.answer.startsWith(sent)
        ? { type: 'delta', text: final.answer.slice(sent.length) }
        : { type: 'replace', text: final.answer }
    }
    return final
  }

  /** Whether the model may be asked now; a skipped model is a fallback too. */
  #allowed(): boolean {
    if (this.#breaker.allow()) return true
    this.#options.onFallback('circuit_open')
    return false
  }

  #prompt(request: GroundingRequest) {
    return buildGroundingPrompt(request, request.context, this.#options.prompt)
  }

  /** The guarded answer, with a note for each cited measure that has ended or is a draft. */
  #checked(text: string, clauses: GroundingClause[], request: GroundingRequest): ComposedAnswer {
    const check = checkGrounding(
      text,
      clauses.map((c) => c.evidence),
      GROUNDING_SYSTEM_PROMPT
    )
    for (const { reason, detail, sentence } of check.dropped) {
      this.#options.log(
        `LLM answer: dropped a sentence (${reason}: ${detail}): ${sentence.trim().slice(0, 80)}`
      )
    }
    if (check.cited.length === 0) {
      this.#options.log('LLM answer: no cited sentence passed the checks; answered extractively')
      this.#options.onFallback('ungrounded')
      return request.extractive
    }
    const citations = check.cited.map((n) => clauses[n - 1].citation)
    let answer = check.text
    // The model is asked to warn about ended measures and drafts; when it did not, say it here.
    const notes = new Map<string, number[]>()
    citations.forEach((c, i) => {
      if (c.status !== 'current') notes.set(c.validity, [...(notes.get(c.validity) ?? []), i + 1])
    })
    if (notes.size && !VALIDITY_WORDS.test(answer)) {
      const text = [...notes]
        .map(([validity, ns]) => `${ns.map((n) => `[${n}]`).join('')} ${validity}。`)
        .join('')
      answer = `${answer.replace(/\s+$/, '')}\n${messages.noteHeading}${text}`
    }
    return { answer, citations, abstained: false }
  }

  #failed(error: unknown, started: number): void {
    this.#options.onFallback(error instanceof ModelTimeoutError ? 'timeout' : 'error')
    const opened = this.#breaker.fail()
    this.#options.log(
      `LLM failed (${describeFailure(error)}) after ${Date.now() - started} ms; answered extractively`
    )
    if (opened) {
      const { cooldownMs } = { ...defaultCircuitBreakerOptions, ...this.#options.breaker }
      this.#options.log(
        `LLM circuit open: the model is skipped for ${Math.round(cooldownMs / 1000)} s`
      )
    }
  }
}

/** The model took longer than allowed. */
export class ModelTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`)
    this.name = 'ModelTimeoutError'
  }
}

/**
 * The promise's value, or a ModelTimeoutError after `ms` (which also aborts the request): the
 * deadline holds even if the model ignores its abort signal.
 */
function within<T>(promise: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        const error = new ModelTimeoutError(Math.max(0, Math.round(ms)))
        controller.abort(error)
        reject(error)
      },
      Math.max(0, ms)
    )
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })
}

/** A message's text, whether the content is a string or a list of parts. */
function textOf(content: MessageContent): string {
  if (typeof content === 'string') return content
  return content
    .map((part) =>
      typeof part === 'string' ? part : part.type === 'text' ? String(part.text) : ''
    )
    .join('')
}

/** A short reason for the log: timeout, HTTP status, or the network error's code. */
function describeFailure(error: unknown): string {
  if (error instanceof ModelTimeoutError) return `timeout, ${error.ms} ms`
  const status = (error as { status?: unknown })?.status
  if (typeof status === 'number') return `HTTP ${status}`
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code)) return e.code
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return message.slice(0, 120)
}
