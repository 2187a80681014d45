/** @module hashing-embeddings: a deterministic, model-free character n-gram embedding. */
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings'

/**
 * Identifies the feature recipe below. Bump it when tokenisation, hashing or weighting changes:
 * vectors from different recipes are not comparable, and the index manifest records this name.
 */
export const HASHING_EMBEDDINGS_NAME = 'hashing-ngram-v1'

/**
 * Characters too common to carry meaning on their own (function words of official Chinese).
 * They are dropped as unigrams only; bigrams and trigrams that contain them still count.
 */
const STOP_CHARACTERS = new Set('的了和与及等或在对为是将按由并其之于以有被把这那'.split(''))

/** An ASCII word or number (1.5 stays one unit), else one letter or digit of any script. */
const UNIT = /([a-z0-9]+(?:\.[0-9]+)*)|([\p{L}\p{N}])|[^]/gu

export type HashingEmbeddingsOptions = EmbeddingsParams & {
  /**
   * Length of each vector. Integer, 16–65536. Default 512: the seed corpus has a few thousand
   * distinct character bigrams, so 512 buckets keep collisions tolerable while an HNSW index of
   * 100k clauses stays near 200 MB. Raise it for a larger corpus; it changes every vector.
   */
  dimensions?: number
  /**
   * Weights of character unigram, bigram and trigram features, each ≥ 0, not all 0.
   * Default [0.5, 1, 0.5]: most Chinese words are two characters, so bigrams carry the meaning;
   * single characters are shared by unrelated words (业 in 就业, 企业, 行业) but let 补贴 and 补助
   * meet; trigrams add precision for three-character terms (农民工, 人社局). Not tuned on questions.
   */
  ngramWeights?: readonly [number, number, number]
}

export const defaultHashingEmbeddingsOptions = {
  dimensions: 512,
  ngramWeights: [0.5, 1, 0.5],
} satisfies Required<Omit<HashingEmbeddingsOptions, keyof EmbeddingsParams>>

/**
 * A lexical-semantic hashing embedding, **not a neural model**: it embeds what characters a text
 * uses, not what it means. Texts sharing policy terms (稳岗返还, 创业担保贷款) land close;
 * paraphrases with no shared characters do not. It exists so retrieval has a dense signal with no
 * model download, no network and no native code (it runs on Cloudflare Workers too), and so tests
 * and offline builds are exactly reproducible. Swap in a real embedding model when one is available.
 *
 * Recipe: NFKC-normalise and lower-case the text; split it at whitespace and punctuation into
 * runs of units (a CJK character, or an ASCII word or number); take the unigrams, bigrams and
 * trigrams of units in each run; weight each distinct feature by `ngramWeight × (1 + ln tf)`
 * (sublinear, so a repeated term does not dominate); add it into one of `dimensions` buckets
 * chosen by a 32-bit hash, with a sign from another bit of the hash so collisions cancel out on
 * average instead of piling up (Weinberger et al. 2009); L2-normalise. A text with no letters or
 * digits gets the zero vector.
 *
 * - `dimensions`: vector length, default 512.
 * - `ngramWeights`: unigram, bigram, trigram weights, default [0.5, 1, 0.5].
 *
 * @example
 * const embeddings = new HashingEmbeddings({ dimensions: 512 })
 * const vector = await embeddings.embedQuery('稳岗返还怎么申请')
 */
export class HashingEmbeddings extends Embeddings {
  readonly name = HASHING_EMBEDDINGS_NAME
  readonly dimensions: number
  readonly ngramWeights: readonly [number, number, number]

  constructor(options: HashingEmbeddingsOptions = {}) {
    const { dimensions, ngramWeights, ...params } = {
      ...defaultHashingEmbeddingsOptions,
      ...options,
    }
    super(params)
    if (!(Number.isInteger(dimensions) && dimensions >= 16 && dimensions <= 65536)) {
      throw new Error(
        `HashingEmbeddings: dimensions must be an integer in 16–65536, got ${dimensions}, eg { dimensions: 512 }`
      )
    }
    const weightsValid =
      ngramWeights.length === 3 &&
      ngramWeights.every((weight) => Number.isFinite(weight) && weight >= 0) &&
      ngramWeights.some((weight) => weight > 0)
    if (!weightsValid) {
      throw new Error(
        `HashingEmbeddings: ngramWeights must be three numbers ≥ 0, not all 0, got ${JSON.stringify(ngramWeights)}, eg [0.5, 1, 0.5]`
      )
    }
    this.dimensions = dimensions
    this.ngramWeights = [...ngramWeights] as [number, number, number]
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((text) => this.embed(text))
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document)
  }

  /** The synchronous core of both methods. */
  embed(text: string): number[] {
    const vector = new Float64Array(this.dimensions)
    for (const [feature, frequency] of countFeatures(text)) {
      const weight = this.ngramWeights[feature.charCodeAt(0) - 49] * (1 + Math.log(frequency))
      if (weight === 0) continue
      const hash = mix32(fnv1a32(feature))
      const bucket = (hash & 0x7fffffff) % this.dimensions
      vector[bucket] += hash & 0x80000000 ? -weight : weight
    }
    let sumOfSquares = 0
    for (const value of vector) sumOfSquares += value * value
    const norm = Math.sqrt(sumOfSquares)
    // A plain loop: Array.from with a mapping function took a few percent of a seed-scale search.
    const normalized = new Array<number>(vector.length)
    for (let i = 0; i < vector.length; i++) normalized[i] = norm === 0 ? 0 : vector[i] / norm
    return normalized
  }
}

/** Feature → count, where a feature is `n` + the n units joined by U+0001 (n = 1, 2, 3). */
function countFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1)
  let run: string[] = []
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      if (!STOP_CHARACTERS.has(run[i])) add(`1${run[i]}`)
      if (i >= 1) add(`2${run[i - 1]}\u0001${run[i]}`)
      if (i >= 2) add(`3${run[i - 2]}\u0001${run[i - 1]}\u0001${run[i]}`)
    }
    run = []
  }
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(UNIT)) {
    const unit = match[1] ?? match[2]
    if (unit === undefined) flush()
    else run.push(unit)
  }
  flush()
  return counts
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** MurmurHash3's finaliser: FNV's low bits are weak, and the bucket uses the low bits. */
function mix32(hash: number): number {
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}
