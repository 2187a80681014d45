/** @module ClauseIndex: a BM25+ inverted index over pre-tokenised fields, shaped like MiniSearch. */

/**
 * Version of the serialised layouts ({@link ClauseIndex.toJSON}, {@link ClauseIndex.toBinary});
 * their readers refuse others. 1: JSON only. 2: adds the binary layout, the one index folders hold.
 */
export const CLAUSE_INDEX_SERIALIZATION_VERSION = 2

/**
 * BM25+ parameters (Lv & Zhai 2011: Okapi BM25 plus a lower bound `delta` for every matching term,
 * so a long clause that mentions a term still outscores one that does not). `delta: 0` is Okapi.
 */
export type BM25Params = {
  /**
   * Term-frequency saturation: how fast repeats of a term stop adding score. Unitless, range
   * 0–3, recommended 1.2–2. Default 1.2: policy clauses repeat their subject (补贴…补贴) without
   * being more about it.
   */
  k1: number
  /**
   * Length normalisation: 0 ignores field length, 1 divides fully by length relative to the
   * average. Range 0–1. Default 0.7 (as MiniSearch): clauses run from a 10-character heading to a
   * 500-character paragraph, and full normalisation would bury the long ones that hold amounts.
   */
  b: number
  /**
   * BM25+ bonus per matching term, in score units of one idf. Range 0–1.5, recommended 0.5–1.
   * Default 0.5 (as MiniSearch).
   */
  delta: number
}

export type ClauseIndexOptions = {
  /** Names of the indexed fields, e.g. `['text', 'heading', 'title']`. A document may omit any. */
  fields: string[]
  /**
   * Score multiplier per field, unitless, ≥ 0 (0 ignores the field); unlisted fields get 1.
   * Default: heading 2 (a clause's own title names its subject), text 1, title 0.5 (the
   * document title is shared by all its clauses, so it ranks documents, not clauses).
   */
  boost: Record<string, number>
  /** See {@link BM25Params}. */
  bm25: BM25Params
}

export type ClauseIndexInit = Partial<Omit<ClauseIndexOptions, 'bm25'>> & {
  bm25?: Partial<BM25Params>
}

export const defaultBM25Params: BM25Params = { k1: 1.2, b: 0.7, delta: 0.5 }

export const defaultClauseIndexOptions: ClauseIndexOptions = {
  fields: ['text', 'heading', 'title'],
  boost: { heading: 2, text: 1, title: 0.5 },
  bm25: defaultBM25Params,
}

export type ClauseSearchOptions = {
  /** Keeps a document when it returns true; applied before `limit`. Default: keep all. */
  filter?: (id: string) => boolean
  /**
   * Keeps the documents of a group when it returns true, a group being the part of an id before
   * its first `#` (the docKey of a chunk id `docKey#path#n`); applied before `limit`. Asked once
   * per group, and the postings of groups left out are skipped by binary search: at 100k chunks
   * a one-city scope costs a small fraction of a `filter` asked for every matching chunk.
   * Default: keep all.
   */
  scope?: (group: string) => boolean
  /**
   * Most results returned, a positive integer or `Infinity`. Default 100: enough for fusion and
   * reranking, and it keeps a query for a common term (就业) from sorting a million hits.
   */
  limit?: number
}

export const defaultClauseSearchOptions: Required<Omit<ClauseSearchOptions, 'filter' | 'scope'>> = {
  limit: 100,
}

/** A document: its id and, per field, its terms in order (as a Segmenter returns them). */
export type ClauseIndexDocument = { id: string; fields: Record<string, readonly string[]> }

/** A query term and its weight (unitless, ≥ 0; a term given twice counts with the sum). */
export type WeightedTerm = { term: string; weight: number }

export type ClauseSearchResult = {
  id: string
  /** BM25+ score, summed over fields and terms; only comparable within one query. */
  score: number
  /** The query terms found in the document, in query order (for highlighting and citing). */
  matched: string[]
}

/** What {@link ClauseIndex.toJSON} returns; plain JSON data. */
export type ClauseIndexJSON = {
  serializationVersion: number
  options: ClauseIndexOptions
  ids: string[]
  fields: Array<{ lengths: number[]; postings: Array<[string, number[]]> }>
}

/**
 * Per term, its posting list sorted by document: one {@link posting} per document containing it.
 * An array while documents are added, a view into one buffer once read from {@link ClauseIndex.fromBinary}.
 */
type PostingList = number[] | Uint32Array

/**
 * Documents an index holds at most: a posting packs the document number into 24 bits. Sixteen
 * million chunks is some ten million clauses, ten times the largest corpus we plan for.
 */
export const MAX_DOCUMENTS = 2 ** 24
/** Term frequency kept per posting, at most (8 bits): BM25 saturates long before (k1 = 1.2). */
const MAX_FREQUENCY = 255

/** A posting: document number × 256 + term frequency, one uint32 (half the memory of a pair). */
function posting(doc: number, frequency: number): number {
  return doc * 256 + Math.min(frequency, MAX_FREQUENCY)
}

/** Contiguous runs of documents with the same group (see {@link ClauseSearchOptions.scope}). */
type GroupRuns = { groups: string[]; starts: number[] }

/** First bytes of {@link ClauseIndex.toBinary} data. */
const BINARY_MAGIC = 'CLIX'
/** Magic, serializationVersion and header length, each 4 bytes. */
const BINARY_PREAMBLE_BYTES = 12

/** Query terms whose matches {@link ClauseIndex.search} records as bits while scoring. */
const MASK_BITS = 32

const INITIAL_CAPACITY = 1024
const OPTION_KEYS = ['fields', 'boost', 'bm25']
const BM25_KEYS = ['k1', 'b', 'delta']

/**
 * A BM25+ inverted index over documents whose fields are already cut into terms.
 *
 * Memory layout, chosen for a million short clauses: per field, one `Map<term, posting list>`
 * whose list holds, per document containing the term, its internal number and the term's
 * frequency packed into one uint32 (a loaded index keeps them all in one `Uint32Array`), and one
 * `Uint32Array` of field lengths. Documents get increasing numbers, so every posting list is sorted and can be
 * binary-searched. There is no removal: rebuild.
 * Measured (Node 20): a million 8-term documents take about 300 MiB of heap; a 4-term query
 * over them, limit 10, about 17 ms.
 *
 * @example
 * const index = new ClauseIndex({ fields: ['text'] })
 * index.add({ id: 'changzhou#一/（一）', fields: { text: segmenter.cutForSearch(clause.text) } })
 * index.search([{ term: '稳岗返还', weight: 1 }], { limit: 10 })
 */
export class ClauseIndex {
  readonly options: ClauseIndexOptions
  #ids: string[] = []
  #numberById = new Map<string, number>()
  #lengths: Uint32Array[]
  #totalLengths: number[]
  #postings: Map<string, PostingList>[]
  #scores = new Float64Array(0)
  #masks = new Uint32Array(0)
  /** Built on the first scoped search after an add. */
  #runs: GroupRuns | undefined

  constructor(options: ClauseIndexInit = {}) {
    this.options = mergeOptions(options)
    const fieldCount = this.options.fields.length
    this.#lengths = Array.from({ length: fieldCount }, () => new Uint32Array(INITIAL_CAPACITY))
    this.#totalLengths = new Array<number>(fieldCount).fill(0)
    this.#postings = Array.from({ length: fieldCount }, () => new Map<string, PostingList>())
  }

  /**
   * In how many documents a term occurs, in any field (at most the count over the fields): tells
   * a word the corpus uses from one it never mentions.
   */
  documentFrequency(term: string): number {
    let most = 0
    for (const postings of this.#postings) most = Math.max(most, postings.get(term)?.length ?? 0)
    return most
  }

  /** Number of documents added. */
  get documentCount(): number {
    return this.#ids.length
  }

  /** Whether a document with this id was added. */
  has(id: string): boolean {
    return this.#numberById.has(id)
  }

  /** Adds one document. Throws on a duplicate id, an unknown field or a non-string term. */
  add(document: ClauseIndexDocument): void {
    const { id, fields } = document
    if (typeof id !== 'string' || id === '')
      throw new Error(
        `ClauseIndex: document id must be a non-empty string, got ${JSON.stringify(id)}`
      )
    if (this.#numberById.has(id)) throw new Error(`ClauseIndex: duplicate ID ${id}`)
    for (const name of Object.keys(fields)) {
      if (!this.options.fields.includes(name)) {
        throw new Error(
          `ClauseIndex: unknown field "${name}" in document ${id}; indexed fields are ${this.options.fields.join(', ')}`
        )
      }
    }
    const docNumber = this.#ids.length
    if (docNumber >= MAX_DOCUMENTS) throw new Error(`ClauseIndex: full at ${MAX_DOCUMENTS} documents`)
    this.#ensureCapacity(docNumber + 1)
    this.options.fields.forEach((name, field) => {
      const terms = fields[name] ?? []
      const frequencies = new Map<string, number>()
      for (const term of terms) {
        if (typeof term !== 'string' || term === '')
          throw new Error(
            `ClauseIndex: empty or non-string term in field "${name}" of document ${id}`
          )
        frequencies.set(term, (frequencies.get(term) ?? 0) + 1)
      }
      this.#lengths[field][docNumber] = terms.length
      this.#totalLengths[field] += terms.length
      const postings = this.#postings[field]
      for (const [term, frequency] of frequencies) {
        const list = postings.get(term)
        const entry = posting(docNumber, frequency)
        if (Array.isArray(list)) list.push(entry)
        // A loaded list is a fixed-size view: it becomes an array on its first addition.
        else postings.set(term, list ? [...list, entry] : [entry])
      }
    })
    this.#ids.push(id)
    this.#numberById.set(id, docNumber)
    this.#runs = undefined
  }

  /** Adds documents in order; see {@link ClauseIndex.add}. */
  addAll(documents: Iterable<ClauseIndexDocument>): void {
    for (const document of documents) this.add(document)
  }

  /**
   * Scores documents that contain at least one of the terms, best first; ties keep insertion
   * order. Per field: `boost × weight × idf × (delta + tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)))`
   * with `idf = ln(1 + (N − n + 0.5) / (n + 0.5))`, n counted in that field.
   */
  search(terms: readonly WeightedTerm[], options: ClauseSearchOptions = {}): ClauseSearchResult[] {
    const { filter, scope, limit } = { ...defaultClauseSearchOptions, ...options }
    if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0))) {
      throw new Error(`ClauseIndex: limit must be a positive integer or Infinity, got ${limit}`)
    }
    const query = mergeTerms(terms)
    const count = this.#ids.length
    if (count === 0 || query.size === 0) return []
    // [start, end) document ranges in scope, ascending; one range for all when unscoped.
    const ranges = scope ? this.#scopeRanges(scope) : [0, count]
    if (ranges.length === 0) return []

    const scores = this.#scoreBuffer(count)
    const touched: number[] = []
    const { k1, b, delta } = this.options.bm25
    const scored = this.options.fields.map(
      (name, field) => (this.options.boost[name] ?? 1) > 0 && this.#totalLengths[field] > 0
    )
    // Which query terms each document matched, one bit a term, set while scoring; a field left
    // out of scoring or more terms than bits fall back to looking the terms up afterwards.
    const masks = query.size <= MASK_BITS && scored.every(Boolean) ? this.#maskBuffer(count) : undefined
    this.options.fields.forEach((name, field) => {
      if (!scored[field]) return
      const boost = this.options.boost[name] ?? 1
      const averageLength = this.#totalLengths[field] / count
      const lengths = this.#lengths[field]
      let bit = 1
      for (const [term, weight] of query) {
        const termBit = bit
        bit <<= 1
        const list = this.#postings[field].get(term)
        if (!list) continue
        // idf counts the whole corpus, so a scoped score equals the unscoped one.
        const matching = list.length
        const factor = boost * weight * Math.log(1 + (count - matching + 0.5) / (matching + 0.5))
        let i = 0
        for (let r = 0; r < ranges.length && i < list.length; r += 2) {
          const end = posting(ranges[r + 1], 0)
          i = firstAtOrAfter(list, posting(ranges[r], 0), i)
          for (; i < list.length && list[i] < end; i++) {
            const doc = list[i] >>> 8
            const frequency = list[i] & MAX_FREQUENCY
            const norm = k1 * (1 - b + (b * lengths[doc]) / averageLength)
            if (scores[doc] === 0) touched.push(doc)
            scores[doc] += factor * (delta + (frequency * (k1 + 1)) / (frequency + norm))
            if (masks) masks[doc] |= termBit
          }
        }
      }
    })

    const top = new TopK(limit)
    const queryTerms = [...query.keys()]
    try {
      for (const doc of touched) {
        if (filter && !filter(this.#ids[doc])) continue
        top.push(doc, scores[doc])
      }
      return top.sorted().map(({ doc, score }) => ({
        id: this.#ids[doc],
        score,
        matched: masks ? queryTerms.filter((_, t) => (masks[doc] >>> t) & 1) : this.#matched(doc, queryTerms),
      }))
    } finally {
      for (const doc of touched) scores[doc] = 0
      if (masks) for (const doc of touched) masks[doc] = 0
    }
  }

  /** Plain JSON data for `JSON.stringify`; load it with {@link ClauseIndex.fromJSON}. */
  toJSON(): ClauseIndexJSON {
    const count = this.#ids.length
    return {
      serializationVersion: CLAUSE_INDEX_SERIALIZATION_VERSION,
      options: this.options,
      ids: this.#ids.slice(),
      fields: this.options.fields.map((_, field) => ({
        lengths: Array.from(this.#lengths[field].subarray(0, count)),
        postings: Array.from(this.#postings[field], ([term, list]) => [
          term,
          Array.from(list).flatMap((entry) => [entry >>> 8, entry & MAX_FREQUENCY]),
        ]),
      })),
    }
  }

  /**
   * The index as bytes, for any size (JSON text of a million chunks' postings would exceed V8's
   * largest string). Load it with {@link ClauseIndex.fromBinary}. Layout: `CLIX`, then as
   * little-endian uint32 the serializationVersion and the length of a UTF-8 JSON header
   * `{options, ids, fields: [{terms}]}`, the header, zero padding to a multiple of 4, and per
   * field as uint32 arrays: the field length of each document, the start of each term's postings
   * (one more than the terms) and the postings (document × 256 + frequency).
   */
  toBinary(): Uint8Array {
    checkLittleEndian()
    const count = this.#ids.length
    const fields = this.#postings.map((postings) => {
      const terms = [...postings.keys()]
      const offsets = new Uint32Array(terms.length + 1)
      terms.forEach((term, t) => (offsets[t + 1] = offsets[t] + postings.get(term)!.length))
      const data = new Uint32Array(offsets[terms.length])
      terms.forEach((term, t) => data.set(postings.get(term)!, offsets[t]))
      return { terms, offsets, data }
    })
    const header = new TextEncoder().encode(
      JSON.stringify({ options: this.options, ids: this.#ids, fields: fields.map(({ terms }) => ({ terms })) })
    )
    const arrays = fields.flatMap(({ offsets, data }, field) => [
      this.#lengths[field].subarray(0, count),
      offsets,
      data,
    ])
    const headerEnd = align4(BINARY_PREAMBLE_BYTES + header.length)
    const bytes = new Uint8Array(headerEnd + arrays.reduce((sum, a) => sum + a.byteLength, 0))
    bytes.set(new TextEncoder().encode(BINARY_MAGIC), 0)
    const preamble = new DataView(bytes.buffer)
    preamble.setUint32(4, CLAUSE_INDEX_SERIALIZATION_VERSION, true)
    preamble.setUint32(8, header.length, true)
    bytes.set(header, BINARY_PREAMBLE_BYTES)
    let offset = headerEnd
    for (const array of arrays) {
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset)
      offset += array.byteLength
    }
    return bytes
  }

  /**
   * Reads {@link ClauseIndex.toBinary} data; the posting lists stay views into `bytes`' buffer.
   * Refuses other data, naming what it found (an unknown serializationVersion, or JSON: the
   * layout of serializationVersion 1). `intern` may swap each id for an equal string the caller
   * already holds, so a loaded index keeps one copy of each.
   */
  static fromBinary(bytes: Uint8Array, intern: (id: string) => string = (id) => id): ClauseIndex {
    checkLittleEndian()
    const magic = new TextDecoder().decode(bytes.subarray(0, 4))
    if (magic !== BINARY_MAGIC) {
      const found = bytes[0] === 0x7b ? 'JSON (serializationVersion 1)' : `data starting ${JSON.stringify(magic)}`
      throw new Error(
        `ClauseIndex: not binary index data but ${found}; this build reads the binary layout of ` +
          `version ${CLAUSE_INDEX_SERIALIZATION_VERSION}. Rebuild the index with the current ingest.`
      )
    }
    const preamble = new DataView(bytes.buffer, bytes.byteOffset, BINARY_PREAMBLE_BYTES)
    const version = preamble.getUint32(4, true)
    if (version !== CLAUSE_INDEX_SERIALIZATION_VERSION) {
      throw new Error(
        `ClauseIndex: unknown serializationVersion ${version}; this build reads ` +
          `version ${CLAUSE_INDEX_SERIALIZATION_VERSION}. Rebuild the index with the current ingest.`
      )
    }
    const headerEnd = BINARY_PREAMBLE_BYTES + preamble.getUint32(8, true)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(BINARY_PREAMBLE_BYTES, headerEnd))) as {
      options: ClauseIndexOptions
      ids: string[]
      fields: Array<{ terms: string[] }>
    }
    // Typed arrays need aligned offsets; a buffer read from a file usually starts at 0.
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice()
    let offset = aligned.byteOffset + align4(headerEnd)
    const take = (length: number): Uint32Array => {
      if (offset + length * 4 > aligned.byteOffset + aligned.byteLength)
        throw new Error('ClauseIndex: binary index data is truncated')
      const array = new Uint32Array(aligned.buffer, offset, length)
      offset += length * 4
      return array
    }
    const index = new ClauseIndex(header.options)
    const count = header.ids.length
    if (header.fields.length !== index.options.fields.length) {
      throw new Error(
        `ClauseIndex: saved data has ${header.fields.length} fields, options name ${index.options.fields.length}`
      )
    }
    index.#setIds(header.ids.map(intern))
    header.fields.forEach(({ terms }, field) => {
      const lengths = take(count)
      const offsets = take(terms.length + 1)
      const data = take(offsets[terms.length])
      index.#lengths[field] = lengths
      index.#totalLengths[field] = lengths.reduce((sum, length) => sum + length, 0)
      const postings = new Map<string, PostingList>()
      terms.forEach((term, t) => {
        const list = data.subarray(offsets[t], offsets[t + 1])
        checkPostingList(term, list, count)
        postings.set(term, list)
      })
      index.#postings[field] = postings
    })
    return index
  }

  /** Rebuilds an index from {@link ClauseIndex.toJSON} data. Refuses an unknown serializationVersion. */
  static fromJSON(json: ClauseIndexJSON): ClauseIndex {
    const version = (json as Partial<ClauseIndexJSON> | null)?.serializationVersion
    if (version !== CLAUSE_INDEX_SERIALIZATION_VERSION) {
      throw new Error(
        `ClauseIndex: unknown serializationVersion ${JSON.stringify(version)}; this build reads ` +
          `version ${CLAUSE_INDEX_SERIALIZATION_VERSION}. Rebuild the index with the current ingest.`
      )
    }
    const index = new ClauseIndex(json.options)
    const count = json.ids.length
    if (json.fields.length !== index.options.fields.length) {
      throw new Error(
        `ClauseIndex: saved data has ${json.fields.length} fields, options name ${index.options.fields.length}`
      )
    }
    index.#ensureCapacity(count)
    index.#setIds(json.ids.slice())
    json.fields.forEach(({ lengths, postings }, field) => {
      if (lengths.length !== count) {
        throw new Error(
          `ClauseIndex: saved field "${index.options.fields[field]}" has ${lengths.length} lengths for ${count} documents`
        )
      }
      index.#lengths[field].set(lengths)
      index.#totalLengths[field] = lengths.reduce((sum, length) => sum + length, 0)
      index.#postings[field] = new Map(
        postings.map(([term, pairs]) => {
          if (pairs.length % 2 !== 0)
            throw new Error(`ClauseIndex: corrupt posting list for term "${term}" in saved data`)
          const list: number[] = []
          for (let i = 0; i < pairs.length; i += 2) list.push(posting(pairs[i], pairs[i + 1]))
          checkPostingList(term, list, count)
          return [term, list]
        })
      )
    })
    return index
  }

  #setIds(ids: string[]): void {
    ids.forEach((id, doc) => {
      if (this.#numberById.has(id)) throw new Error(`ClauseIndex: duplicate ID ${id} in saved data`)
      this.#numberById.set(id, doc)
    })
    this.#ids = ids
  }

  /** The document ranges of the groups in scope, as flat ascending [start, end) pairs, adjacent ones merged. */
  #scopeRanges(scope: (group: string) => boolean): number[] {
    const runs = (this.#runs ??= groupRuns(this.#ids))
    const ranges: number[] = []
    runs.groups.forEach((group, r) => {
      if (!scope(group)) return
      const start = runs.starts[r]
      const end = runs.starts[r + 1] ?? this.#ids.length
      if (ranges.length > 0 && ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = end
      else ranges.push(start, end)
    })
    return ranges
  }

  #ensureCapacity(needed: number): void {
    const capacity = this.#lengths[0]?.length ?? 0
    if (needed <= capacity) return
    const next = Math.max(needed, capacity * 2)
    this.#lengths = this.#lengths.map((old) => {
      const grown = new Uint32Array(next)
      grown.set(old)
      return grown
    })
  }

  /** One zeroed score per document, reused across searches: search is synchronous. */
  #scoreBuffer(count: number): Float64Array {
    if (this.#scores.length < count)
      this.#scores = new Float64Array(Math.max(count, this.#scores.length * 2))
    return this.#scores
  }

  /** One zeroed bit mask per document, reused like the score buffer. */
  #maskBuffer(count: number): Uint32Array {
    if (this.#masks.length < count) this.#masks = new Uint32Array(Math.max(count, this.#masks.length * 2))
    return this.#masks
  }

  #matched(doc: number, terms: readonly string[]): string[] {
    const matched: string[] = []
    for (const term of terms) {
      if (this.#postings.some((postings) => containsDoc(postings.get(term), doc)))
        matched.push(term)
    }
    return matched
  }
}

function mergeOptions(init: ClauseIndexInit): ClauseIndexOptions {
  for (const key of Object.keys(init)) {
    if (!OPTION_KEYS.includes(key))
      throw new Error(
        `ClauseIndex: unknown option "${key}"; known options are ${OPTION_KEYS.join(', ')}`
      )
  }
  for (const key of Object.keys(init.bm25 ?? {})) {
    if (!BM25_KEYS.includes(key))
      throw new Error(
        `ClauseIndex: unknown bm25 parameter "${key}"; known are ${BM25_KEYS.join(', ')}`
      )
  }
  const options: ClauseIndexOptions = {
    fields: [...(init.fields ?? defaultClauseIndexOptions.fields)],
    boost: { ...(init.boost ?? defaultClauseIndexOptions.boost) },
    bm25: { ...defaultBM25Params, ...init.bm25 },
  }
  const { fields, boost, bm25 } = options
  if (
    fields.length === 0 ||
    new Set(fields).size !== fields.length ||
    fields.some((f) => typeof f !== 'string' || f === '')
  ) {
    throw new Error(
      `ClauseIndex: fields must be unique non-empty names, got ${JSON.stringify(fields)}`
    )
  }
  for (const [name, value] of Object.entries(boost)) {
    if (!fields.includes(name)) {
      // Default boosts name fields a custom field list may not have; only explicit ones must match.
      if (init.boost)
        throw new Error(
          `ClauseIndex: boost names unknown field "${name}"; fields are ${fields.join(', ')}`
        )
      delete boost[name]
    } else if (!(Number.isFinite(value) && value >= 0)) {
      throw new Error(`ClauseIndex: boost for "${name}" must be a finite number ≥ 0, got ${value}`)
    }
  }
  if (!(Number.isFinite(bm25.k1) && bm25.k1 >= 0))
    throw new Error(`ClauseIndex: bm25.k1 must be ≥ 0, got ${bm25.k1}`)
  if (!(bm25.b >= 0 && bm25.b <= 1))
    throw new Error(`ClauseIndex: bm25.b must be in [0, 1], got ${bm25.b}`)
  if (!(Number.isFinite(bm25.delta) && bm25.delta >= 0))
    throw new Error(`ClauseIndex: bm25.delta must be ≥ 0, got ${bm25.delta}`)
  return options
}

function mergeTerms(terms: readonly WeightedTerm[]): Map<string, number> {
  const merged = new Map<string, number>()
  for (const { term, weight } of terms) {
    if (typeof term !== 'string' || term === '')
      throw new Error(
        `ClauseIndex: query term must be a non-empty string, got ${JSON.stringify(term)}`
      )
    if (!(Number.isFinite(weight) && weight >= 0))
      throw new Error(`ClauseIndex: weight of "${term}" must be a finite number ≥ 0, got ${weight}`)
    if (weight > 0) merged.set(term, (merged.get(term) ?? 0) + weight)
  }
  return merged
}

/** The runs of consecutive documents whose ids share the part before the first `#`. */
function groupRuns(ids: readonly string[]): GroupRuns {
  const runs: GroupRuns = { groups: [], starts: [] }
  let previous: string | undefined
  ids.forEach((id, doc) => {
    const hash = id.indexOf('#')
    const group = hash < 0 ? id : id.slice(0, hash)
    if (group === previous) return
    runs.groups.push(group)
    runs.starts.push(doc)
    previous = group
  })
  return runs
}

/**
 * Index in a posting list of the first posting, at or after index `from`, that is ≥ `entry`;
 * `list.length` when none. Binary search: skipping out-of-scope postings costs their logarithm,
 * not their number.
 */
function firstAtOrAfter(list: PostingList, entry: number, from: number): number {
  let low = from
  let high = list.length
  if (low >= high || list[from] >= entry) return from
  while (low < high) {
    const middle = (low + high) >>> 1
    if (list[middle] < entry) low = middle + 1
    else high = middle
  }
  return low
}

/** Refuses a list whose last posting names a document past the index's end. */
function checkPostingList(term: string, list: ArrayLike<number>, count: number): void {
  if (list.length > 0 && list[list.length - 1] >>> 8 >= count) {
    throw new Error(`ClauseIndex: corrupt posting list for term "${term}" in saved data`)
  }
}

function align4(bytes: number): number {
  return Math.ceil(bytes / 4) * 4
}

/** The binary layout is little-endian, as typed arrays are on every platform Node runs on today. */
function checkLittleEndian(): void {
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1)
    throw new Error('ClauseIndex: the binary layout needs a little-endian machine')
}

/** Whether a sorted posting list has a posting of the document. */
function containsDoc(list: PostingList | undefined, doc: number): boolean {
  if (!list) return false
  const i = firstAtOrAfter(list, posting(doc, 0), 0)
  return i < list.length && list[i] >>> 8 === doc
}

type Hit = { doc: number; score: number }

/** Keeps the `limit` best hits in a binary min-heap: O(n log limit) instead of sorting all n. */
class TopK {
  #heap: Hit[] = []
  constructor(private readonly limit: number) {}

  push(doc: number, score: number): void {
    const heap = this.#heap
    if (heap.length < this.limit) {
      heap.push({ doc, score })
      this.#up(heap.length - 1)
    } else if (worse(heap[0], { doc, score })) {
      heap[0] = { doc, score }
      this.#down(0)
    }
  }

  sorted(): Hit[] {
    return this.#heap.sort((x, y) => y.score - x.score || x.doc - y.doc)
  }

  #up(i: number): void {
    const heap = this.#heap
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!worse(heap[i], heap[parent])) return
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }

  #down(i: number): void {
    const heap = this.#heap
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < heap.length && worse(heap[left], heap[smallest])) smallest = left
      if (right < heap.length && worse(heap[right], heap[smallest])) smallest = right
      if (smallest === i) return
      ;[heap[i], heap[smallest]] = [heap[smallest], heap[i]]
      i = smallest
    }
  }
}

/** Lower score loses; on a tie the later document loses, so ties keep insertion order. */
function worse(x: Hit, y: Hit): boolean {
  return x.score < y.score || (x.score === y.score && x.doc > y.doc)
}
