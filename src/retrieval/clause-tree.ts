/** @module ClauseTree: units by address, with their parents, children and neighbours. */
import type { Clause } from '../schema/clause.js'
import { clauseKey } from './policy-index.js'

/**
 * Whether a unit only introduces its items (…应当具备下列条件：): it says what its items say, so
 * it ranks as its best item and is quoted with them.
 */
export function isLeadIn(unit: Pick<Clause, 'text'>): boolean {
  return /[：:]$/.test(unit.text.trim())
}

/** Looks units up by doc key + path and walks the outline around them. */
export class ClauseTree {
  readonly #byKey = new Map<string, Clause>()
  readonly #children = new Map<string, Clause[]>()
  readonly #byDoc = new Map<string, Clause[]>()

  constructor(clauses: readonly Clause[]) {
    for (const clause of clauses) {
      this.#byKey.set(clauseKey(clause.docKey, clause.path), clause)
      const list = this.#byDoc.get(clause.docKey) ?? []
      list.push(clause)
      this.#byDoc.set(clause.docKey, list)
    }
    for (const clause of clauses) {
      const parent = this.parentOf(clause)
      if (!parent) continue
      const key = clauseKey(parent.docKey, parent.path)
      const list = this.#children.get(key) ?? []
      list.push(clause)
      this.#children.set(key, list)
    }
  }

  get(docKey: string, path: string): Clause | undefined {
    return this.#byKey.get(clauseKey(docKey, path))
  }

  /** The unit of a {@link clauseKey}, for callers that hold the key already. */
  getByKey(key: string): Clause | undefined {
    return this.#byKey.get(key)
  }

  /** The units of a document in reading order. */
  unitsOf(docKey: string): Clause[] {
    return this.#byDoc.get(docKey) ?? []
  }

  /** The nearest enclosing unit that exists (二/（三）/1 → 二/（三）). */
  parentOf(clause: Clause): Clause | undefined {
    const parts = clause.path.split('/')
    for (let n = parts.length - 1; n > 0; n--) {
      const parent = this.get(clause.docKey, parts.slice(0, n).join('/'))
      if (parent) return parent
    }
    return undefined
  }

  childrenOf(clause: Clause): Clause[] {
    return this.#children.get(clauseKey(clause.docKey, clause.path)) ?? []
  }

  /** The units before and after in reading order. */
  neighboursOf(clause: Clause): { previous?: Clause; next?: Clause } {
    const units = this.unitsOf(clause.docKey)
    const i = units.findIndex((u) => u.path === clause.path)
    return { previous: i > 0 ? units[i - 1] : undefined, next: i >= 0 ? units[i + 1] : undefined }
  }
}
