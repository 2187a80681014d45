/**
 * @module Prototype of two fixes proposed from the profile of a 100k-clause query, measured before
 * and after on a real index without touching src/: `tsx bench/prototype-scoped-search.ts --index DIR`.
 *
 * 1. Dense side: hnswlib's filtered search calls back into JS for every visited node and, with a
 *    one-city filter (0.4% of the vectors at 100k), visits most of the graph. The prototype asks the
 *    filter once per document and, when at most 5,000 vectors are in scope (a city has ~450),
 *    scores them exactly instead.
 * 2. BM25 side: `ClauseIndex.search` calls the id filter for every document a term touches (~100k
 *    for 就业). The prototype asks it once per document key and skips out-of-scope postings.
 *
 * Both rely on the retriever's filters depending only on the document key, as they do today; the
 * proposal is to make that explicit (a document-key scope instead of a predicate per chunk).
 */
import { parseArgs } from 'node:util'
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib'
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { loadHnswStore } from '../src/adapters/hnswlib/index.js'
import { loadIndexFolder } from '../src/adapters/fs-index/index.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { QaEngine } from '../src/answer/qa-engine.js'
import type {
  ClauseIndex,
  ClauseSearchOptions,
  ClauseSearchResult,
  WeightedTerm,
} from '../src/retrieval/clause-index.js'
import type { PolicyIndex } from '../src/retrieval/policy-index.js'
import type { VectorHit, VectorIndex, VectorMetadata } from '../src/retrieval/vector-index.js'
import { createSystemContender } from '../evals/system.js'
import { defaultEvaluateOptions } from '../evals/evaluate.js'
import { loadQuestions } from '../evals/questions.js'
import { INDEX_FILES } from '../src/retrieval/index-format.js'
import { join } from 'node:path'
import { measureContender } from './measure-contender.js'

/**
 * Above this many vectors in scope the prototype leaves the search to hnswlib: 5,000 × 512
 * multiply-adds take about a millisecond, a city of the seeds has ~450 vectors.
 */
const EXACT_SEARCH_MAX_VECTORS = 5000

/** Dense search that scores the vectors of in-scope documents exactly. */
export class ScopedVectorIndex implements VectorIndex {
  readonly name = 'hnswlib+scoped-exact'
  readonly #store: HNSWLib
  readonly #embeddings: EmbeddingsInterface
  /** Per document: its labels and the metadata of its first vector. */
  readonly #documents = new Map<
    string,
    { labels: number[]; metadata: VectorMetadata; vectors?: Float32Array }
  >()
  readonly #ids: string[] = []
  readonly #dimensions: number

  constructor(store: HNSWLib, embeddings: EmbeddingsInterface) {
    this.#store = store
    this.#embeddings = embeddings
    this.#dimensions = store.index.getNumDimensions()
    const docs = (
      store.docstore as unknown as { _docs: Map<string, { id?: string; metadata: VectorMetadata }> }
    )._docs
    for (const [label, document] of docs) {
      const n = Number(label)
      this.#ids[n] = document.id ?? ''
      const entry = this.#documents.get(document.metadata.docKey)
      if (entry) entry.labels.push(n)
      else
        this.#documents.set(document.metadata.docKey, { labels: [n], metadata: document.metadata })
    }
  }

  async search(
    text: string,
    k: number,
    filter?: (metadata: VectorMetadata) => boolean
  ): Promise<VectorHit[]> {
    const query = await this.#embeddings.embedQuery(text)
    const scoped = [...this.#documents.values()].filter((d) => !filter || filter(d.metadata))
    const inScope = scoped.reduce((sum, d) => sum + d.labels.length, 0)
    if (inScope > EXACT_SEARCH_MAX_VECTORS) {
      const allowed = new Set(scoped.flatMap((d) => d.labels))
      const result = this.#store.index.searchKnn(
        query,
        Math.min(k, this.#ids.length),
        filter ? (label) => allowed.has(label) : undefined
      )
      return result.neighbors.map((label, i) => ({
        id: this.#ids[label],
        similarity: clamp(1 - result.distances[i]),
      }))
    }
    const norm = Math.hypot(...query) || 1
    const hits: VectorHit[] = []
    for (const doc of scoped) {
      doc.vectors ??= this.#vectorsOf(doc.labels)
      for (let i = 0; i < doc.labels.length; i++) {
        let dot = 0
        const offset = i * this.#dimensions
        for (let d = 0; d < this.#dimensions; d++) dot += doc.vectors[offset + d] * query[d]
        hits.push({ id: this.#ids[doc.labels[i]], similarity: clamp(dot / norm) })
      }
    }
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k)
  }

  /** The stored (normalised, cosine space) vectors of some labels, packed. */
  #vectorsOf(labels: number[]): Float32Array {
    const packed = new Float32Array(labels.length * this.#dimensions)
    labels.forEach((label, i) =>
      packed.set(this.#store.index.getPoint(label), i * this.#dimensions)
    )
    return packed
  }
}

/** BM25 search with the same scores as ClauseIndex, asking the filter once per document key. */
export function scopedLexical(index: ClauseIndex): ClauseIndex {
  const json = index.toJSON()
  const { fields, boost, bm25 } = json.options
  const count = json.ids.length
  const groupOf = new Int32Array(count)
  const firstOfGroup: number[] = []
  const groups = new Map<string, number>()
  json.ids.forEach((id, doc) => {
    const key = id.slice(0, id.indexOf('#'))
    let g = groups.get(key)
    if (g === undefined) {
      groups.set(key, (g = firstOfGroup.length))
      firstOfGroup.push(doc)
    }
    groupOf[doc] = g
  })
  const postings = json.fields.map((f) => new Map(f.postings))
  const lengths = json.fields.map((f) => Uint32Array.from(f.lengths))
  const averages = json.fields.map((f) => f.lengths.reduce((a, b) => a + b, 0) / count)
  const scores = new Float64Array(count)
  const search = (
    terms: readonly WeightedTerm[],
    options: ClauseSearchOptions = {}
  ): ClauseSearchResult[] => {
    const { filter, limit = 100 } = options
    const query = new Map<string, number>()
    for (const { term, weight } of terms)
      if (weight > 0) query.set(term, (query.get(term) ?? 0) + weight)
    const pass = new Int8Array(firstOfGroup.length)
    const allowed = (doc: number) => {
      const g = groupOf[doc]
      if (pass[g] === 0) pass[g] = !filter || filter(json.ids[firstOfGroup[g]]) ? 1 : -1
      return pass[g] === 1
    }
    const touched: number[] = []
    fields.forEach((name, field) => {
      const fieldBoost = boost[name] ?? 1
      if (fieldBoost === 0 || averages[field] === 0) return
      for (const [term, weight] of query) {
        const list = postings[field].get(term)
        if (!list) continue
        const matching = list.length / 2
        const factor =
          fieldBoost * weight * Math.log(1 + (count - matching + 0.5) / (matching + 0.5))
        for (let i = 0; i < list.length; i += 2) {
          const doc = list[i]
          if (!allowed(doc)) continue
          const frequency = list[i + 1]
          const norm = bm25.k1 * (1 - bm25.b + (bm25.b * lengths[field][doc]) / averages[field])
          if (scores[doc] === 0) touched.push(doc)
          scores[doc] += factor * (bm25.delta + (frequency * (bm25.k1 + 1)) / (frequency + norm))
        }
      }
    })
    const ranked = touched.map((doc) => ({ doc, score: scores[doc] }))
    for (const doc of touched) scores[doc] = 0
    return ranked
      .sort((x, y) => y.score - x.score || x.doc - y.doc)
      .slice(0, limit)
      .map(({ doc, score }) => ({
        id: json.ids[doc],
        score,
        matched: [...query.keys()].filter((term) => postings.some((p) => hasDoc(p.get(term), doc))),
      }))
  }
  return new Proxy(index, {
    get: (target, property) =>
      property === 'search'
        ? search
        : ((Reflect.get(target, property, target) as unknown as () => unknown).bind?.(target) ??
          Reflect.get(target, property, target)),
  })
}

function hasDoc(list: number[] | undefined, doc: number): boolean {
  if (!list) return false
  let low = 0
  let high = list.length / 2 - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const value = list[middle * 2]
    if (value === doc) return true
    if (value < doc) low = middle + 1
    else high = middle - 1
  }
  return false
}

function clamp(similarity: number): number {
  return Math.min(1, Math.max(0, similarity))
}

async function main() {
  const { values } = parseArgs({
    options: {
      index: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      only: { type: 'string' },
    },
    strict: true,
  })
  if (!values.index)
    throw new Error(
      'usage: tsx bench/prototype-scoped-search.ts --index DIR [--rounds N] [--only VARIANT]'
    )
  const embeddings = new HashingEmbeddings()
  const segmenter = createJiebaSegmenter()
  const index = await loadIndexFolder(values.index, embeddings)
  const store = await loadHnswStore(join(values.index, INDEX_FILES.vectors), embeddings)
  const questions = await loadQuestions('evals/questions.jsonl')
  const today = new Date(`${defaultEvaluateOptions.today}T00:00:00Z`)
  const variants: Array<[string, PolicyIndex]> = [
    ['as is', index],
    ['scoped vectors', { ...index, vectors: new ScopedVectorIndex(store, embeddings) }],
    [
      'scoped vectors + scoped BM25',
      {
        ...index,
        vectors: new ScopedVectorIndex(store, embeddings),
        lexical: scopedLexical(index.lexical),
      },
    ],
  ]
  console.log(`${index.manifest.clauses} clauses, ${index.manifest.chunks} chunks`)
  for (const [name, variant] of variants) {
    if (values.only && !name.startsWith(values.only)) continue
    const contender = createSystemContender(
      new QaEngine(variant, segmenter, { clock: () => today })
    )
    const m = await measureContender(contender, questions, {
      rounds: Number(values.rounds),
      warmupMs: 0,
      budgetMs: 60_000,
    })
    console.log(
      `${name.padEnd(30)} search p50 ${m.search.p50ms} p95 ${m.search.p95ms} p99 ${m.search.p99ms} ms · ` +
        `answer p95 ${m.answer?.p95ms ?? '—'} ms · recall@5 ${m.recall5}`
    )
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(error.stack ?? error.message)
    process.exit(1)
  })
}
