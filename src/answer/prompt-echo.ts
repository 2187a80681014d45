/** @module Prompt echo: a model's answer that repeats its instructions, found whole or while it streams. */

/**
 * Characters in a row shared with the instructions that make text an echo of them. Shorter runs
 * are common policy words (就业创业政策, 人力资源和社会保障); twelve characters of a rule are a
 * quotation. Runs that a provided clause also contains are the clause's words, not an echo.
 */
export const ECHO_MIN_CHARS = 12

/**
 * The runs of the instructions (the system prompt) an answer must not repeat: every
 * {@link ECHO_MIN_CHARS} characters of them, whitespace aside, that no provided clause contains.
 */
export class PromptEcho {
  readonly #runs = new Set<string>()

  constructor(instructions: string, provided: readonly string[]) {
    const text = squash(instructions)
    const sources = provided.map(squash)
    for (let i = 0; i + ECHO_MIN_CHARS <= text.length; i++) {
      const run = text.slice(i, i + ECHO_MIN_CHARS)
      if (!sources.some((source) => source.includes(run))) this.#runs.add(run)
    }
  }

  /** The first run of the instructions `text` repeats, if any. */
  in(text: string): string | undefined {
    if (this.#runs.size === 0) return undefined
    const squashed = squash(text)
    for (let i = 0; i + ECHO_MIN_CHARS <= squashed.length; i++) {
      const run = squashed.slice(i, i + ECHO_MIN_CHARS)
      if (this.#runs.has(run)) return run
    }
    return undefined
  }
}

/**
 * Streamed text, held back by {@link ECHO_MIN_CHARS} − 1 characters so that no whole run of the
 * instructions goes out before it is seen. Once one is seen, nothing more is released: the final
 * check of the whole answer decides what the client gets instead. Never cuts a `[n]` marker or a
 * surrogate pair in two.
 */
export class EchoHoldBack {
  readonly #echo: PromptEcho
  #text = ''
  #released = 0
  #echoed = false

  constructor(echo: PromptEcho) {
    this.#echo = echo
  }

  /** Takes the next piece; returns the text that may go out now. */
  push(piece: string): string {
    if (this.#echoed) return ''
    this.#text += piece
    // Whitespace is squashed before matching, so look back a few runs' worth of raw text.
    if (this.#echo.in(this.#text.slice(-(piece.length + 4 * ECHO_MIN_CHARS)))) {
      this.#echoed = true
      return ''
    }
    return this.#release(this.#text.length - (ECHO_MIN_CHARS - 1))
  }

  /** The text held back, at the end of the stream; nothing once an echo was seen. */
  end(): string {
    return this.#echoed ? '' : this.#release(this.#text.length)
  }

  #release(upTo: number): string {
    let end = Math.max(this.#released, upTo)
    const open = /\[\d*$/.exec(this.#text.slice(this.#released, end))
    if (open && end < this.#text.length) end = this.#released + open.index
    if (end > this.#released && end < this.#text.length && isHighSurrogate(this.#text.charCodeAt(end - 1))) end--
    const out = this.#text.slice(this.#released, end)
    this.#released = end
    return out
  }
}

function squash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '')
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
