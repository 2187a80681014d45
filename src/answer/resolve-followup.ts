/** @module resolveFollowUp: a follow-up question + the conversation → a question that stands alone. */
import type { ChatTurn } from '../schema/api.js'
import type { StoredTurn } from '../schema/conversation.js'
import type { PlaceCatalog } from '../retrieval/places.js'

export interface ResolvedQuestion {
  /** The question to search with. */
  standalone: string
  /** Earlier turns that steer the search, weighted below the question (see buildQuery). */
  context?: string
  /** Units the question points back at (这个补贴 → the clause cited last): ranked first when they match. */
  prefer?: { docKey: string; path: string }[]
  /** True when the conversation was used to rewrite it. */
  rewritten: boolean
}

// Words that point back at what was just discussed: the topic carries over whole.
const REFERS_BACK = /^(?:那么?这|这个|这项|这些|这类|该|它|其|具体|上面|上述|刚才|此|那个|那项|那些)/
// Openings and endings of a follow-up that changes only one thing (那常州呢？2024年呢？).
const FOLLOW_UP = /^(?:那|那么|还有|另外|再问|如果是)|呢[？?]?$/
const YEAR = /20\d{2}\s*年度?/g
const HAS_YEAR = /20\d{2}\s*年/

/**
 * Rewrites a follow-up without a model. A question that points back (这个补贴…, 具体有哪些…) gets
 * the previous question prepended, so its topic, city and year carry over; one that changes the
 * topic (那社保补贴呢？) or names no place carries over only the previous city and year; a question
 * that names its own place and topic stands alone.
 */
export function resolveFollowUp(
  question: string,
  history: readonly (ChatTurn | StoredTurn)[],
  places: PlaceCatalog
): ResolvedQuestion {
  return resolveWithin(question, history, places, CHAIN_DEPTH)
}

/** Earlier user turns a chain of follow-ups reaches back through (那宜春呢？ → 具体怎么申请？ → 2024年呢？). */
const CHAIN_DEPTH = 3
/** Most characters of the previous question carried into the next: a chain must not snowball. */
export const MAX_CARRIED_CHARS = 500

function resolveWithin(
  question: string,
  history: readonly (ChatTurn | StoredTurn)[],
  places: PlaceCatalog,
  depth: number
): ResolvedQuestion {
  const at = history.findLastIndex((t) => t.role === 'user')
  if (at < 0) return { standalone: question, rewritten: false }
  // The previous question as it was searched: a chain keeps the topic of the turn that named it.
  const asked = history[at].content.trim()
  const previous = (depth > 0 ? resolveWithin(asked, history.slice(0, at), places, depth - 1).standalone : asked).slice(
    0,
    MAX_CARRIED_CHARS
  )
  const last = history[history.length - 1]
  const lastAnswer = last?.role === 'assistant' ? last.content : undefined
  const lastCited = last && 'citations' in last ? last.citations : undefined
  const q = question.trim()
  const own = places.mentions(q.normalize('NFKC'))
  const before = places.mentions(previous.normalize('NFKC'))
  if (REFERS_BACK.test(q)) {
    // A new place in the follow-up replaces the old one (那常州的这个补贴呢).
    const topic = own.cities.length ? before.rest : previous
    // A pronoun points at what was cited last, unless the follow-up moves to another city.
    const prefer = own.cities.length === 0 && lastCited?.length ? lastCited : undefined
    return { standalone: `${topic} ${q}`, context: lastAnswer, prefer, rewritten: true }
  }
  const namesPlace = own.cities.length > 0 || own.outside.length > 0
  if (namesPlace && !FOLLOW_UP.test(q)) return { standalone: q, rewritten: false }
  const carried: string[] = []
  if (!namesPlace) carried.push(...before.cities, ...before.outside)
  if (!HAS_YEAR.test(q)) carried.push(...(previous.match(YEAR) ?? []))
  // 「那常州呢？」 keeps the whole topic and swaps the place; 「那社保补贴呢？」 names a new topic.
  const bare = own.rest.replace(/^(?:那|那么|还有|另外)/, '').replace(/呢[？?]?$/, '').trim()
  if (bare.length <= 6 && !/[\u4e00-\u9fa5]{3,}/.test(bare.replace(YEAR, ''))) {
    // Only what the follow-up names changes: 「2024年呢」 swaps the year, 「那常州呢」 the place.
    const topic = HAS_YEAR.test(q) ? before.rest.replace(YEAR, ' ') : before.rest
    return { standalone: `${topic} ${carried.join(' ')} ${q}`.replace(/\s+/g, ' ').trim(), rewritten: true }
  }
  if (carried.length === 0) return { standalone: q, rewritten: false }
  return { standalone: `${carried.join(' ')} ${q}`, context: before.rest, rewritten: true }
}
