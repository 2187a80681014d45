/** @module HybridRetriever: BM25 + dense search fused per unit, aware of cities, years and structure. */
import { BaseRetriever } from '@langchain/core/retrievers'
import { Document } from '@langchain/core/documents'
import type { Clause } from '../schema/clause.js'
import type { Segmenter } from './segmenter.js'
import { cutQuestion, queryWords, weighQuery, type BuiltQuery } from './build-query.js'
import { PlaceCatalog } from './places.js'
import { clauseKey, type PolicyIndex, type PolicySource } from './policy-index.js'
import type { ChunkPlace, StoredUnit, TermStats, UnitAddress } from './clause-store.js'
import { policySource } from './memory-stores.js'
import { normalizeForMatch } from './normalize.js'
import { vectorFilter } from './vector-filter.js'
import { ancestorPaths } from './breadcrumb.js'
import { POLICY_SYNONYMS } from './synonyms.js'
import { statesQuantity } from './quantities.js'
import { isLeadIn } from './clause-tree.js'

export interface HybridRetrieverOptions {
  /**
   * Weights of the two lists after each is normalised to its best score (Orama's hybrid fusion).
   * BM25 carries exact policy terms and numbers; the dense side, a character n-gram embedding
   * here, catches wording jieba cuts differently. Sum 1; default text 0.7, vector 0.3.
   */
  weights: { text: number; vector: number }
  /**
   * Candidates taken from each list before fusion. Default 100: 200 gave the same dev and
   * held-out scores (2026-12-06) at twice the fusion work per question.
   */
  candidates: number
  /** Factor for a year cell of a year the question names; other years' cells get its inverse. Default 1.6. */
  yearBoost: number
  /** Factor for a table row with a lead department when the question asks who is responsible. Default 1.3. */
  leadBoost: number
  /**
   * Factor for a unit stating a quantity (1500元, 2.9万人, 25%) when the question asks how much, or
   * a time (2025年底, 期末) when it asks until when. Default 1.2.
   */
  amountBoost: number
  /** Factor for a unit a follow-up points back at (这个补贴 → the clause cited last). Default 2. */
  preferBoost: number
  /** Added to the factor for each adjacent word pair of the question found together in the unit (at most 3). Default 0.15. */
  phraseBoost: number
  /**
   * Share of a unit's best child score a parent unit inherits, so a section whose items all match
   * ranks with them (a hit on a section surfaces its best item and vice versa). Range 0–1, default 0.1: enough to break ties towards the enclosing unit, not to outrank a matching item.
   */
  parentShare: number
  /**
   * General-language IDF (jieba's table) from which a word counts as a specific concept whose
   * absence from the documents matters. Everyday words sit below (时间 4.1, 人群 6.5, 住房 6.6),
   * specialised ones above (购房 7.7, 公积金 8.4). Range 6–9; default 7.
   */
  specificWordIdf: number
  /**
   * Score a unit keeps when it matches none of the question's terms (dense-only hits); each
   * matched term adds its share of the question's idf mass on top. Range 0–1, default 0.5.
   */
  coverageFloor: number
}

export const defaultHybridRetrieverOptions: HybridRetrieverOptions = {
  weights: { text: 0.7, vector: 0.3 },
  candidates: 100,
  yearBoost: 1.6,
  leadBoost: 1.3,
  amountBoost: 1.2,
  phraseBoost: 0.15,
  preferBoost: 2,
  parentShare: 0.1,
  coverageFloor: 0.5,
  specificWordIdf: 7,
}

export interface RetrieveOptions {
  /** Results wanted. */
  k: number
  /** A city, county or district the caller restricts the search to (the widget's data-city). */
  city?: string
  /** Earlier turns that steer the search towards the topic under discussion (weighted lower). */
  context?: string
  /** Units a follow-up points back at (这个补贴): boosted by `preferBoost` when they match at all. */
  prefer?: { docKey: string; path: string }[]
}

/** A retrieved unit with the evidence behind its rank. */
export interface ClauseHit {
  clause: Clause
  /** Fused score in [0, ~2], higher is better; comparable within one query. */
  score: number
  /** Raw BM25 score of the unit's best chunk (0 when only the dense side found it). */
  lexical: number
  /** Cosine similarity of the unit's best chunk (0 when only BM25 found it). */
  similarity: number
  /** Query terms found in the unit. */
  matched: string[]
  /** Share of the question's idf mass the unit matches, 0–1: how much of the question it speaks to. */
  coverage: number
  /** The headings above the unit (附件 连云港市岗位开发计划指导清单 › …). */
  breadcrumb: string
}

export interface Retrieval {
  query: BuiltQuery
  /** Cities the search was restricted to (empty: all). */
  cities: string[]
  /** Places the question names that no document on file covers. */
  outside: string[]
  hits: ClauseHit[]
  /** The question's specific concepts and whether the documents in scope mention them. */
  concepts: Concept[]
}

/**
 * A specific word of the question (公积金) and whether the scope has it: the word itself, or all
 * of its sub-words (中级工 → 中级: the documents write 中级职业资格证书).
 */
export interface Concept {
  word: string
  parts: string[]
  inScope: boolean
}

export { normalizeForMatch }

/** Hybrid retrieval over a {@link PolicySource} (or a loaded {@link PolicyIndex}); also a LangChain retriever. */
export class HybridRetriever extends BaseRetriever {
  override lc_namespace = ['policy_qa', 'retrievers']
  readonly places: PlaceCatalog
  readonly #source: PolicySource
  readonly #segmenter: Segmenter
  readonly #options: HybridRetrieverOptions
  /** Documents that cover a single year (an annual work plan), by doc key. */
  readonly #docYear: Map<string, number>
  /** The years each document's period covers (a 2021–2025 plan covers 2024), with its city. */
  readonly #docPeriods: { city: string; from: number; to: number }[]
  /**
   * A unit's texts as normalizeForMatch leaves them, by clause object: normalising them for
   * every candidate of every question was a sixth of a query's time. Units a store hands out
   * again (the in-memory one) are normalised once; a collected unit takes its entry with it.
   */
  readonly #normalized = new WeakMap<Clause, NormalizedUnit>()
  /** The unit key of each chunk place a store hands out again and again (an in-memory store's chunks). */
  readonly #unitKeys = new WeakMap<ChunkPlace, string>()
  readonly #lineages = new Map<string, readonly KeyedAddress[]>()
  /** What each unit states, tested once per unit: {@link STATES_QUANTITY} | {@link STATES_TIME}. */
  readonly #states = new WeakMap<Clause, number>()

  constructor(index: PolicyIndex | PolicySource, segmenter: Segmenter, options: Partial<HybridRetrieverOptions> = {}) {
    super()
    this.#source = policySource(index)
    this.#segmenter = segmenter
    this.#options = { ...defaultHybridRetrieverOptions, ...options }
    this.#docYear = new Map(
      index.manifest.documents
        .filter((d) => d.validFrom && d.validTo && d.validFrom.slice(0, 4) === d.validTo.slice(0, 4))
        .map((d) => [d.docKey, Number(d.validFrom!.slice(0, 4))])
    )
    this.#docPeriods = index.manifest.documents
      .filter((d) => d.validFrom && d.validTo)
      .map((d) => ({ city: d.city, from: Number(d.validFrom!.slice(0, 4)), to: Number(d.validTo!.slice(0, 4)) }))
    this.places = new PlaceCatalog(index.manifest.documents.map((d) => ({ city: d.city, subPlaces: d.places })))
  }

  /** The query a question builds, without searching (for callers that rewrite questions). */
  async buildQuery(question: string, context?: string): Promise<BuiltQuery> {
    return (await this.#queryWithStats(question, context)).query
  }

  /**
   * The query and how common its terms are. The known-word test of weighQuery is synchronous and
   * the index's statistics are not (D1): the question is cut once, the statistics of every word
   * it can weigh are fetched in one batch, then it is weighed with them at hand.
   */
  async #queryWithStats(question: string, context?: string): Promise<{ query: BuiltQuery; stats: TermStats }> {
    const cut = cutQuestion(question, { segmenter: this.#segmenter, places: this.places }, context)
    const stats = await this.#source.lexical.termStats(queryWords(cut))
    const query = weighQuery(cut, (term) => (stats.frequencies.get(term) ?? 0) > 0)
    return { query, stats }
  }

  /** Retrieves the units that best answer a question. */
  async retrieve(question: string, options: RetrieveOptions): Promise<Retrieval> {
    const { query, stats } = await this.#queryWithStats(question, options.context)
    const scoped = options.city ? this.places.mentions(options.city.normalize('NFKC')) : undefined
    const cities = [...new Set([...(scoped?.cities ?? []), ...query.places.cities])]
    const outside = [...(scoped?.outside ?? []), ...query.places.outside]
    // A question about a place not on file is not answered from another city's rules (nor are
    // its concepts looked for: in no city, that would scan the whole corpus for nothing).
    if (outside.length > 0 && cities.length === 0) return { query, cities, outside, concepts: [], hits: [] }
    if (options.city && scoped && scoped.cities.length === 0) return { query, cities, outside: [options.city], concepts: [], hits: [] }
    const concepts = await this.#concepts(query, cities)
    const base = { query, cities, outside, concepts }
    if (cities.length <= 1) {
      return { ...base, hits: await this.#search(query, stats, cities, options.k, options.prefer) }
    }
    // A comparison is answered city by city: each city's best units take turns at the top, so
    // one city's wording cannot crowd the others out.
    const perCity = await Promise.all(cities.map((city) => this.#search(query, stats, [city], options.k)))
    const hits: ClauseHit[] = []
    for (let rank = 0; hits.length < options.k && perCity.some((list) => rank < list.length); rank++) {
      for (const list of perCity) if (rank < list.length && hits.length < options.k) hits.push(list[rank])
    }
    return { ...base, hits }
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { hits } = await this.retrieve(query, { k: 5 })
    return hits.map(
      (h) =>
        new Document({
          pageContent: h.clause.text,
          metadata: { docKey: h.clause.docKey, city: h.clause.city, path: h.clause.path, score: h.score },
          id: clauseKey(h.clause.docKey, h.clause.path),
        })
    )
  }

  /** The `limit` units of the cities (all when none) that best match the query, best first. */
  async #search(
    query: BuiltQuery,
    stats: TermStats,
    cities: readonly string[],
    limit: number,
    prefer: RetrieveOptions['prefer'] = []
  ): Promise<ClauseHit[]> {
    const preferred = new Set(prefer.map((p) => clauseKey(p.docKey, p.path)))
    const { weights, candidates } = this.#options
    const [lexicalHits, vectorHits] = await Promise.all([
      this.#source.lexical.search(query.terms, { limit: candidates, cities }),
      // A declarative filter: Vectorize runs it in the query, so a city's best vectors are not
      // crowded out of its 100 results by other cities'.
      query.denseText.trim() ? this.#source.vectors.search(query.denseText, candidates, cities.length ? vectorFilter({ city: cities }) : undefined) : [],
    ])
    const chunkPlaces = await this.#source.store.chunkPlaces([...new Set([...lexicalHits, ...vectorHits].map((h) => h.id))])
    const byUnit = new Map<string, { lexical: number; similarity: number; matched: Set<string> }>()
    const entry = (chunkId: string) => {
      const chunk = chunkPlaces.get(chunkId)
      if (!chunk) return undefined
      const key = this.#unitKey(chunk)
      let e = byUnit.get(key)
      if (!e) byUnit.set(key, (e = { lexical: 0, similarity: 0, matched: new Set() }))
      return e
    }
    for (const hit of lexicalHits) {
      const e = entry(hit.id)
      if (!e) continue
      e.lexical = Math.max(e.lexical, hit.score)
      for (const term of hit.matched) e.matched.add(term)
    }
    for (const hit of vectorHits) {
      const e = entry(hit.id)
      if (e) e.similarity = Math.max(e.similarity, hit.similarity)
    }
    const units = await this.#unitsWithAncestors(byUnit.keys())
    const maxLexical = Math.max(1e-9, ...[...byUnit.values()].map((e) => e.lexical))
    const maxSimilarity = Math.max(1e-9, ...[...byUnit.values()].map((e) => e.similarity))
    const idf = [...this.#termIdf(query, stats)]
    // Which of the idf terms each document title contains: the units of a document share it.
    const inTitles = new Map<string, boolean[]>()
    const scores = new Map<string, number>()
    const coverages = new Map<string, number>()
    for (const [key, e] of byUnit) {
      const unit = units.get(key)
      if (!unit) continue
      const { clause, breadcrumb } = unit
      const fused = weights.text * (e.lexical / maxLexical) + weights.vector * (e.similarity / maxSimilarity)
      // Coverage (RAGFlow's min_match, made soft): a unit that matches more of the question's
      // distinct concepts beats one that repeats a single term.
      // Terms count where the unit itself says them (its text and headings): words of the
      // document's title (这份实施意见) select the document, they do not rank its units.
      // They also leave the denominator: within that document they tell no unit from another.
      const { own, title } = this.#normalizedUnit(clause, breadcrumb)
      let covered = 0
      let total = 0
      let titled = 0
      let inTitle = inTitles.get(title)
      if (!inTitle) inTitles.set(title, (inTitle = idf.map(([term]) => title.includes(term))))
      for (let n = 0; n < idf.length; n++) {
        const [term, weight] = idf[n]
        if (inTitle[n]) titled += weight
        else {
          total += weight
          if (e.matched.has(term) && own.includes(term)) covered += weight
        }
      }
      // A question made only of title words (春风行动什么时候开始, of the 春风行动 notice) is about
      // the whole document: every unit of it speaks to it.
      const coverage = total > 0 ? covered / total : titled > 0 ? 1 : 0
      coverages.set(key, coverage)
      const preference = preferred.has(key) ? this.#options.preferBoost : 1
      scores.set(key, fused * (this.#options.coverageFloor + coverage) * this.#structureFactor(clause, query) * preference)
    }
    this.#propagateToParents(scores, units, query)
    // Ranked by score alone; only the hits returned are filled in.
    const ranked = [...scores].map(([key, score]) => ({ key, score, unit: units.get(key)! }))
    ranked.sort((a, b) => b.score - a.score || a.unit.clause.start - b.unit.clause.start)
    return ranked.slice(0, limit).map(({ key, score, unit: { clause, breadcrumb } }) => {
      const e = byUnit.get(key)
      return {
        clause,
        score,
        lexical: e?.lexical ?? 0,
        similarity: e?.similarity ?? 0,
        matched: [...(e?.matched ?? [])],
        coverage: coverages.get(key) ?? 0,
        breadcrumb,
      }
    })
  }

  /**
   * The question's concepts: specific words of two or more characters that are not colloquial
   * fragments and have no synonym in the lexicon (公积金, 购房, 失业保险金), with whether any
   * document in scope mentions them. 「常州…住房公积金」: 常州's documents never speak of 公积金.
   */
  async #concepts(query: BuiltQuery, cities: string[]): Promise<Concept[]> {
    const { specificWordIdf } = this.#options
    const { store } = this.#source
    const words = query.keywords
      .filter((word) => word.length >= 2 && !isColloquialFragment(word) && !hasSynonym(word))
      .filter((word) => (this.#segmenter.generalIdf?.(word) ?? Infinity) >= specificWordIdf)
      // A year inside a document's period is covered by it, whether or not its text names the year.
      .filter((word) => !this.#periodCovers(word, cities))
    return Promise.all(
      words.map(async (word) => {
        const parts = this.#segmenter.cutForSearch(word).filter((p) => p !== word && p.length > 1)
        const inScope =
          (await store.mentions(word, cities)) ||
          (parts.length > 0 && (await Promise.all(parts.map((p) => store.mentions(p, cities)))).every(Boolean))
        return { word, parts, inScope }
      })
    )
  }

  /** Whether the word is a year (2024, 2024年) that a document of the cities (any, when none) runs through. */
  #periodCovers(word: string, cities: string[]): boolean {
    const year = Number(/^(20\d{2})年?度?$/.exec(word)?.[1])
    if (!year) return false
    return this.#docPeriods.some((p) => (cities.length === 0 || cities.includes(p.city)) && p.from <= year && year <= p.to)
  }

  /** The units by key, and the ancestors of each that exist (they may inherit a share of its score). */
  async #unitsWithAncestors(keys: Iterable<string>): Promise<Map<string, StoredUnit>> {
    const addresses = new Map<string, UnitAddress>()
    for (const key of keys) {
      // Siblings share their ancestors: each is looked up once.
      for (const address of this.#lineage(key)) if (!addresses.has(address.key)) addresses.set(address.key, address)
    }
    return this.#source.store.units([...addresses.values()])
  }

  /**
   * A unit's ancestors, outermost first, then the unit: keys and addresses, remembered by key (every
   * question asks for those of each of its candidates). Emptied when it reaches {@link LINEAGE_CACHE_SIZE}.
   */
  #lineage(key: string): readonly KeyedAddress[] {
    let lineage = this.#lineages.get(key)
    if (!lineage) {
      const [docKey, path] = splitKey(key)
      lineage = [...ancestorPaths(path).map((p) => ({ key: clauseKey(docKey, p), docKey, path: p })), { key, docKey, path }]
      if (this.#lineages.size >= LINEAGE_CACHE_SIZE) this.#lineages.clear()
      this.#lineages.set(key, lineage)
    }
    return lineage
  }

  /** Each query term's weight × idf: how much of the question a term stands for. */
  #termIdf(query: BuiltQuery, stats: TermStats): Map<string, number> {
    const n = stats.documentCount
    const idf = new Map<string, number>()
    for (const { term, weight } of query.terms) {
      const df = stats.frequencies.get(term) ?? 0
      if (df > 0) idf.set(term, weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)))
    }
    return idf
  }

  #unitKey(chunk: ChunkPlace): string {
    let key = this.#unitKeys.get(chunk)
    if (key === undefined) this.#unitKeys.set(chunk, (key = clauseKey(chunk.docKey, chunk.path)))
    return key
  }

  /** The unit's texts, normalised for matching; `own` includes the breadcrumb given on first use. */
  #normalizedUnit(clause: Clause, breadcrumb = ''): NormalizedUnit {
    let normalized = this.#normalized.get(clause)
    if (!normalized) {
      normalized = {
        own: normalizeForMatch(`${breadcrumb}${clause.heading}${clause.text}`),
        title: normalizeForMatch(clause.docTitle),
        text: normalizeForMatch(clause.text),
      }
      this.#normalized.set(clause, normalized)
    }
    return normalized
  }

  /** Boosts from what the question asks: a year's cell of a task table, a row's lead department. */
  #structureFactor(clause: Clause, query: BuiltQuery): number {
    const { yearBoost, leadBoost } = this.#options
    let factor = 1
    if (query.years.length) {
      if (clause.kind === 'yearcell') {
        const year = Number(clause.path.match(/(\d{4})年度?$/)?.[1])
        factor *= query.years.includes(year) ? yearBoost : 1 / yearBoost
      } else if (query.years.includes(this.#docYear.get(clause.docKey) ?? NaN)) {
        // A document that covers just that year (a 2023年度 work plan) is about that year too.
        factor *= yearBoost
      }
    }
    if (query.intent.who && clause.lead) factor *= leadBoost
    // Words the question writes together, written together in the unit (RAGFlow's phrase boost).
    if (query.phrases.length) {
      const { text } = this.#normalizedUnit(clause)
      const together = query.phrases.filter((p) => text.includes(p)).length
      factor *= 1 + this.#options.phraseBoost * Math.min(together, MAX_PHRASES)
    }
    // 「补多少」「达到多少」 is answered by a unit that states an amount, 「到什么时候」 by one that states a time.
    const states = this.#statesOf(clause)
    if (query.intent.amount && states & STATES_QUANTITY) factor *= this.#options.amountBoost
    if (query.intent.when && states & STATES_TIME) factor *= this.#options.amountBoost
    return factor
  }

  /**
   * A parent inherits a share of its best child's score (a section whose items match is relevant).
   * A lead-in (按下列标准给予补贴：) states its amounts and times through its items: it gets the
   * boost for them when one of its retrieved items does.
   */
  #propagateToParents(scores: Map<string, number>, units: Map<string, StoredUnit>, query: BuiltQuery): void {
    const { parentShare, amountBoost } = this.#options
    const inherited = new Map<string, number>()
    const boosted = new Set<string>()
    for (const [key, score] of scores) {
      const lineage = this.#lineage(key)
      const parentDepth = lineage.length - 2
      const child = units.get(key)?.clause
      for (let depth = 0; depth <= parentDepth; depth++) {
        const parentKey = lineage[depth].key
        const unit = units.get(parentKey)
        if (!unit) continue
        const leadIn = depth === parentDepth && isLeadIn(unit.clause)
        // 「按下列标准给予补贴：」 is answered by its items: it ranks as its best item does.
        const share = leadIn ? 1 : parentShare
        inherited.set(parentKey, Math.max(inherited.get(parentKey) ?? 0, score * share))
        if (leadIn && child && this.#answersIntent(child, query) && !this.#answersIntent(unit.clause, query)) boosted.add(parentKey)
      }
    }
    for (const [key, bonus] of inherited) {
      scores.set(key, ((scores.get(key) ?? 0) + bonus) * (boosted.has(key) ? amountBoost : 1))
    }
  }

  /** Whether a unit states what a 「多少」 or 「到什么时候」 question asks for. */
  #answersIntent(clause: Clause, query: BuiltQuery): boolean {
    const states = this.#statesOf(clause)
    return (query.intent.amount && (states & STATES_QUANTITY) > 0) || (query.intent.when && (states & STATES_TIME) > 0)
  }

  #statesOf(clause: Clause): number {
    let states = this.#states.get(clause)
    if (states === undefined) {
      states = (statesQuantity(clause.text) ? STATES_QUANTITY : 0) | (TIME.test(clause.text) ? STATES_TIME : 0)
      this.#states.set(clause, states)
    }
    return states
  }
}

type KeyedAddress = UnitAddress & { key: string }

/** Units whose lineage is remembered, at most (a few MB). */
const LINEAGE_CACHE_SIZE = 10_000

/** A unit's texts as compared for "does it mention": its own (breadcrumb, heading, text), its document's title, its text. */
type NormalizedUnit = { own: string; title: string; text: string }

function splitKey(key: string): [string, string] {
  const at = key.indexOf('#')
  return [key.slice(0, at), key.slice(at + 1)]
}

// Characters of function words and colloquial speech (了, 个, 能, 这, 一, 里, 来…). A word the
// corpus does not know that contains one is a fragment of everyday speech jieba kept together
// (开了个, 能少, 交点, 店里), not a policy concept the documents lack. Prepositions count too:
// HMM glues them to the verb after a place name (连云港对招大学生 → 对招).
const FUNCTION_CHARACTERS = /[了个能些这那么吗呢吧啊点来下去上到过着得地的儿里边刚再还就都也又很太多少每各该我你他她它们咱俺您啥咋哪谁一二三四五六七八九十两几半补拿给让被把从在对向跟替帮出不没想要会可以生]/

/** True for an unknown word that is everyday speech rather than a concept. */
export function isColloquialFragment(word: string): boolean {
  return FUNCTION_CHARACTERS.test(word)
}

/** Whether the lexicon maps the word (or an everyday phrase containing it) to policy terms. */
function hasSynonym(word: string): boolean {
  return SYNONYM_KEYS.some((key) => key.includes(word))
}

const SYNONYM_KEYS = Object.keys(POLICY_SYNONYMS)

/** Phrases counted towards the phrase boost, at most: a long question should not swamp the score. */
const MAX_PHRASES = 3

// A date or the end of a period.
const TIME = /20\d{2}\s*年|年底|年末|月底|期末|截至|之前/
const STATES_QUANTITY = 1
const STATES_TIME = 2
