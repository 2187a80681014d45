/** @module composeAnswer: retrieved units → an extractive answer whose every sentence is cited. */
import type { Clause, DocumentInfo } from '../schema/clause.js'
import type { Citation } from '../schema/api.js'
import type { ClauseHit, Retrieval } from '../retrieval/hybrid-retriever.js'
import { isLeadIn, type ClauseTree } from '../retrieval/clause-tree.js'
import { normalizeForMatch } from '../retrieval/hybrid-retriever.js'
import { splitSentences } from '../retrieval/sentences.js'
import { statesAskedAmount } from '../retrieval/quantities.js'
import { unitLabel } from '../retrieval/breadcrumb.js'
import { citeClause, formatPath, quotedTitle } from './cite-clause.js'
import { decideAbstention, type Abstention, type AbstainOptions } from './abstain.js'
import { messages } from './messages.js'
import { preferCurrent } from './prefer-current.js'
import { formatDay } from './validity.js'

export interface ComposeAnswerOptions {
  /**
   * Most units an answer cites for one city. A second unit is added only when it scores close to
   * the first (see `secondUnitRatio`): people ask about one measure at a time. Default 2.
   */
  maxUnits: number
  /** Score of a further unit relative to the best one, at least, to be cited too. Default 0.8. */
  secondUnitRatio: number
  /** The same for open questions (有什么补贴, 什么保障) and per city in comparisons. Default 0.6. */
  openUnitRatio: number
  /** Most sentences quoted from one unit; lists get `listSentences`. Default 3. */
  maxSentences: number
  /** Most sentences quoted for a list question (有哪些…). Default 8. */
  listSentences: number
  /** A unit shorter than this (characters) is quoted whole: one measure with its conditions. Default 200. */
  quoteWholeBelow: number
  abstain: Partial<AbstainOptions>
}

export const defaultComposeAnswerOptions: ComposeAnswerOptions = {
  maxUnits: 2,
  secondUnitRatio: 0.8,
  openUnitRatio: 0.6,
  maxSentences: 3,
  listSentences: 8,
  quoteWholeBelow: 200,
  abstain: {},
}

export interface ComposedAnswer {
  answer: string
  citations: Citation[]
  abstained: boolean
}

export interface ComposeContext {
  tree: ClauseTree
  documents: ReadonlyMap<string, DocumentInfo>
  today: Date
}

/** Top results inspected for siblings that make their parent the answer to a list question. */
const LIST_WINDOW = 3
/** Characters at which a sentence's length starts to dilute its score (see scoreSentence). */
const SENTENCE_LENGTH_SCALE = 40
const NUMBER = /\d|[一二三四五六七八九十百千万]+(?:个|人|名|家|项|次|元|万)/
const DATE = /\d{4}\s*年|年底|月底|期末|截至|之前|以前/

/** Composes the answer to a retrieval, or an abstention that says what is on file. */
export function composeAnswer(
  found: Retrieval,
  context: ComposeContext,
  options: Partial<ComposeAnswerOptions> = {}
): ComposedAnswer {
  const opts = { ...defaultComposeAnswerOptions, ...options }
  const { retrieval, replaced } = preferCurrent(found, context.documents)
  const decision = decideAbstention(retrieval, opts.abstain)
  if (decision.abstain) return abstention(decision, retrieval.cities, context)

  const units = selectUnits(retrieval, context.tree, opts)
  const citations: Citation[] = []
  const parts: string[] = []
  const bodies: string[] = []
  const compare = retrieval.cities.length > 1
  if (compare) parts.push(messages.compareIntro)
  for (const unit of units) {
    const doc = context.documents.get(unit.docKey)!
    const n = citations.push(citeClause(unit, doc, context.today))
    const body = quoteUnit(unit, retrieval, context.tree, opts, n)
    const intro = compare
      ? `${unit.city}：`
      : messages.answerIntro(unit.city, quotedTitle(unit.docTitle), formatPath(unit.path))
    parts.push(`${intro}${body}`)
    bodies.push(body)
  }
  // 「最多能贷多少」 answered by clauses that state no figure, or figures of something else: say so
  // rather than let the quote pass for the answer.
  const { intent, keywords } = retrieval.query
  if (intent.amount && !statesAskedAmount(bodies, keywords)) parts.push(messages.amountNotStated)
  else if (intent.when && !bodies.some((b) => DATE.test(b)) && !citations.some((c) => DATE.test(c.validity))) {
    // (A validity note with the document's end date already answers 「到什么时候」.)
    parts.push(messages.timeNotStated)
  }
  // One note per distinct validity, naming every citation it applies to: [1][2] 文件规定的期限…
  const notes = new Map<string, number[]>()
  citations.forEach((c, i) => {
    if (c.status !== 'current') notes.set(c.validity, [...(notes.get(c.validity) ?? []), i + 1])
  })
  // An older version matched too and was set aside: say which one the answer replaces.
  for (const old of replaced) {
    const ns = citations.flatMap((c, i) => (c.docKey === old.supersededBy?.docKey ? [i + 1] : []))
    if (ns.length) notes.set(messages.supersedesNote(old.title, old.date && formatDay(old.date, 'day')), ns)
  }
  if (notes.size) {
    const text = [...notes].map(([validity, ns]) => `${ns.map((n) => `[${n}]`).join('')} ${validity}。`).join('')
    parts.push(`${messages.noteHeading}${text}`)
  }
  return { answer: parts.join('\n'), citations, abstained: false }
}

/** The units an answer quotes: the best one per city asked about, and a close second. */
function selectUnits(retrieval: Retrieval, tree: ClauseTree, opts: ComposeAnswerOptions): Clause[] {
  const { hits, cities, query } = retrieval
  const refine = (hit: ClauseHit) => refineUnit(hit.clause, tree, query.years)
  if (cities.length > 1) {
    // City by city: the best unit of each, and a second one not far behind (as for open questions:
    // a comparison wants each city's whole answer, which a plan often states twice).
    return cities.flatMap((city) => {
      const own = hits.filter((h) => h.clause.city === city)
      if (own.length === 0) return []
      const units = [refine(own[0])]
      const second = own[1]
      if (second && second.score >= own[0].score * opts.openUnitRatio && !related(own[0].clause.path, second.clause.path)) {
        units.push(refine(second))
      }
      return units
    })
  }
  const listParent = query.intent.list ? sharedParent(hits, tree, opts) : undefined
  if (listParent) return [listParent]
  const chosen = [refine(hits[0])]
  // An open question (有什么补贴) takes what else applies closely behind the best unit.
  const ratio = query.intent.open ? opts.openUnitRatio : opts.secondUnitRatio
  for (const hit of hits.slice(1)) {
    if (chosen.length >= opts.maxUnits || hit.score < hits[0].score * ratio) break
    const unit = refine(hit)
    // Nor a unit that repeats one already quoted (a task-table cell merged across years).
    if (chosen.some((c) => (c.docKey === unit.docKey && related(c.path, unit.path)) || c.text === unit.text)) continue
    chosen.push(unit)
  }
  return chosen
}

/**
 * For a list question, the unit whose children fill the top results (专栏2 when its items 1–3
 * rank first): the list is the parent, answered as its children.
 */
function sharedParent(hits: ClauseHit[], tree: ClauseTree, opts: ComposeAnswerOptions): Clause | undefined {
  const top = hits[0]
  const parent = tree.parentOf(top.clause)
  if (!parent || parent.kind === 'preamble' || top.clause.kind === 'row' || top.clause.kind === 'yearcell') return undefined
  const siblings = hits
    .slice(0, LIST_WINDOW)
    .filter((h) => h.clause.docKey === parent.docKey && tree.parentOf(h.clause)?.path === parent.path)
  // Only when the children share the answer: the parent ranks among them, or no child leads.
  const parentRanks = hits.slice(0, LIST_WINDOW).some((h) => h.clause.docKey === parent.docKey && h.clause.path === parent.path)
  const noLeader = siblings.length >= 2 && siblings[1].score >= top.score * opts.secondUnitRatio
  return (siblings.length >= 2 && parentRanks) || noLeader ? parent : undefined
}

/** A table row asked about a year answers with that year's cell. */
function refineUnit(clause: Clause, tree: ClauseTree, years: number[]): Clause {
  if (clause.kind === 'row' && years.length) {
    const cell = tree.childrenOf(clause).find((c) => c.kind === 'yearcell' && years.some((y) => c.path.endsWith(`${y}年度`)))
    if (cell) return cell
  }
  return clause
}

/** The sentences of a unit that answer the question, each followed by its citation mark. */
function quoteUnit(unit: Clause, retrieval: Retrieval, tree: ClauseTree, opts: ComposeAnswerOptions, n: number): string {
  const mark = `[${n}]`
  const { intent } = retrieval.query
  const extras: string[] = []
  const row = unit.kind === 'yearcell' ? tree.parentOf(unit) : unit.kind === 'row' ? unit : undefined
  if (row?.lead && (intent.who || unit.kind === 'row')) extras.push(messages.leadDepartment(row.lead))
  const children = tree.childrenOf(unit).filter((c) => c.kind !== 'yearcell')
  // A unit that is only a heading (（一）见习生活补贴) says what it says through its children.
  const headingOnly = children.length > 0 && unit.text.trim().replace(/[。.]$/, '') === unit.heading
  if ((intent.list || headingOnly) && children.length > 1 && unit.kind !== 'row') {
    const items = children.map((c) => listEntry(c, headingOnly)).join('；')
    return `${messages.listIntro(unitLabel(unit))}${items}。${mark}`
  }
  if (headingOnly && children.length === 1) return quoteUnit(children[0], retrieval, tree, opts, n)
  // 「应当具备下列条件：」 says nothing until its items follow (第四条 with its （一）…（五）).
  if (children.length > 0 && isLeadIn(unit)) {
    return `${unit.text.trim()}${children.map((c) => listEntry(c, true)).join('；')}。${mark}`
  }
  const own = unit.kind === 'row' ? unit.text.split('\n')[0] : unit.text
  const sentences = splitSentences(own).map((s) => s.trim()).filter(Boolean)
  const limit = intent.list || intent.open ? opts.listSentences : opts.maxSentences
  let picked: string[]
  if (own.length < opts.quoteWholeBelow || sentences.length <= 1) {
    picked = sentences
  } else {
    const scored = sentences.map((s, i) => ({ s, i, score: scoreSentence(s, retrieval) }))
    const best = scored
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, limit)
      .sort((a, b) => a.i - b.i)
    picked = (best.length ? best : scored.slice(0, 1)).map((x) => x.s)
  }
  const quoted = picked.map((s) => `${s.replace(/\n/g, '')}${mark}`).join('')
  return extras.length && intent.who ? `${extras.join('')}${mark}${quoted}` : `${quoted}${extras.map((e) => e + mark).join('')}`
}

/**
 * A child in a list answer: its marker and heading, or its first sentence when it has no heading
 * or the parent is a bare heading (then the children carry the content).
 */
function listEntry(child: Clause, full: boolean): string {
  if (child.heading && !full) return unitLabel(child)
  const first = splitSentences(child.text)[0]?.trim().replace(/[。；;]$/, '') ?? ''
  const marker = child.path.split('/').pop() ?? ''
  return `${/^\d+$/.test(marker) ? `${marker}. ` : marker}${first}`
}

/** How well a sentence answers: the question's terms it contains, and numbers or dates when asked. */
function scoreSentence(sentence: string, retrieval: Retrieval): number {
  const text = normalizeForMatch(sentence)
  const { terms, intent } = retrieval.query
  let score = 0
  for (const { term, weight } of terms) if (text.includes(term)) score += weight * term.length
  if (score === 0) return 0
  if (intent.amount && NUMBER.test(sentence)) score *= 1.5
  if (intent.when && DATE.test(sentence)) score *= 1.5
  // Density, not length: a short sentence naming the measure (开展退役军人专场招聘活动) beats a
  // long one that mentions the same words among many others.
  return score / Math.sqrt(1 + sentence.length / SENTENCE_LENGTH_SCALE)
}

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)
}

function abstention(
  decision: Exclude<Abstention, { abstain: false }>,
  cities: readonly string[],
  context: ComposeContext
): ComposedAnswer {
  // The documents of the cities asked about, when there are such: they tell what those cities' files do cover.
  const all = [...context.documents.values()]
  const own = all.filter((d) => cities.includes(d.city))
  const scope = own.length ? own : all
  const docs = scope.map((d) => `${d.city}${quotedTitle(d.title)}`)
  const lines: string[] = []
  if (decision.reason === 'outside') lines.push(messages.abstainOutside(decision.places.join('、')))
  else lines.push(messages.abstainNoCoverage)
  if (decision.reason === 'missing') lines.push(messages.abstainMissing(decision.concepts.join('”“')))
  lines.push(messages.onFile(docs), messages.whereToAsk)
  return { answer: lines.join(''), citations: [], abstained: true }
}
