/** @module Citation markers in model text: recognised whole, even when they arrive a character at a time. */

/**
 * A complete marker at the start of a string: `[1]`, `[1, 2]`, `[1、2]`, and the full-width
 * `［1］` and `【1】` that Chinese models also write. Numbers of one to three digits: `[2025]` is a
 * year in brackets, not a citation.
 */
const MARKER_AT_START = /^[[［【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］】]/
/** What a marker can look like before it is closed; text that stops matching was not a marker. */
const MARKER_PREFIX = /^[[［【]\s*(?:\d{1,3}(?:\s*[,，、]\s*(?:\d{1,3})?)*\s*)?$/
/** Where a marker may begin. */
const MARKER_OPEN = /[[［【]/
/** Longest marker held back, in characters: `[1, 2, 3, 4, 5]` is 15. */
const MAX_MARKER_CHARS = 24

/** `[n]` after canonicalising: what the checked text and the answer contain. */
export const CANONICAL_MARKER = /\[(\d+)\]/g

/**
 * Rewrites every marker of a text that arrives in pieces. `push` returns the text that is safe to
 * show: everything up to a possible marker that is not yet closed, which is held back until it
 * closes (then rewritten by `rewrite`) or proves to be ordinary text. A marker is therefore never
 * split between two pieces of output. Rewriting a whole text at once gives the same result as
 * pushing it in any cut.
 *
 * @example
 * const rewriter = new MarkerRewriter((numbers) => numbers.map((n) => `[${n}]`).join(''))
 * rewriter.push('补贴1500元[') // → '补贴1500元'
 * rewriter.push('1]。') // → '[1]。'
 */
export class MarkerRewriter {
  #pending = ''

  constructor(private readonly rewrite: (numbers: number[]) => string) {}

  /** Adds a piece of text; returns what can be shown now. */
  push(piece: string): string {
    this.#pending += piece
    let out = ''
    for (;;) {
      const open = this.#pending.search(MARKER_OPEN)
      if (open < 0) {
        out += this.#pending
        this.#pending = ''
        return out
      }
      out += this.#pending.slice(0, open)
      this.#pending = this.#pending.slice(open)
      const marker = MARKER_AT_START.exec(this.#pending)
      if (marker) {
        out += this.rewrite(marker[1].split(/\s*[,，、]\s*/).map(Number))
        this.#pending = this.#pending.slice(marker[0].length)
        continue
      }
      if (MARKER_PREFIX.test(this.#pending) && this.#pending.length < MAX_MARKER_CHARS) return out
      // Not a marker after all: the bracket is text.
      out += this.#pending[0]
      this.#pending = this.#pending.slice(1)
    }
  }

  /** The text still held back (an unclosed `[1` at the very end stays as written). */
  end(): string {
    const rest = this.#pending
    this.#pending = ''
    return rest
  }
}

/** Rewrites every marker of a whole text. */
export function rewriteMarkers(text: string, rewrite: (numbers: number[]) => string): string {
  const rewriter = new MarkerRewriter(rewrite)
  return rewriter.push(text) + rewriter.end()
}

/**
 * Numbers the clauses an answer cites 1, 2, 3… in the order they are first cited, so `[n]` in the
 * answer is `citations[n - 1]`. Markers that point at no provided clause (`valid` false) vanish.
 */
export class CitationNumbering {
  readonly #display = new Map<number, number>()

  constructor(private readonly valid: (n: number) => boolean) {}

  /** The prompt numbers cited so far, in display order: display `[i + 1]` is `order[i]`. */
  get order(): number[] {
    return [...this.#display.keys()]
  }

  /** A marker's display form: `[1][2]`, or '' when none of its numbers is valid. */
  readonly marker = (numbers: number[]): string =>
    numbers
      .filter((n) => this.valid(n))
      .map((n) => {
        let shown = this.#display.get(n)
        if (shown === undefined) this.#display.set(n, (shown = this.#display.size + 1))
        return `[${shown}]`
      })
      .join('')
}
