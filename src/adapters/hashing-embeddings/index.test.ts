import { describe, expect, it } from 'vitest'
import {
  HashingEmbeddings,
  HASHING_EMBEDDINGS_NAME,
  defaultHashingEmbeddingsOptions,
} from './index'

/** Sentences quoted from seeds/: two about 稳岗返还, two about 创业担保贷款, one about wage arrears. */
const SEED = {
  refundA: '按规定落实稳岗返还政策，加强涉美出口企业稳岗扩岗服务。',
  refundB:
    '建立援企稳岗常态化机制,调整优化稳岗返还、吸纳就业补贴、企业社保补贴等政策,支持市场主体稳岗拓岗。',
  loanA: '落实创业担保贷款及贴息政策，提高贷款便利度和政策获得感。',
  loanB: '拓宽创业担保贷款覆盖面，助力创业创新群体融资。',
  wages: '开展集中整治拖欠农民工工资问题专项行动。',
}

function cosine(x: number[], y: number[]): number {
  return x.reduce((sum, value, i) => sum + value * y[i], 0)
}

function norm(vector: number[]): number {
  return Math.sqrt(cosine(vector, vector))
}

describe('HashingEmbeddings', () => {
  const embeddings = new HashingEmbeddings()

  it('should default to 512 dimensions and name its recipe', () => {
    expect(embeddings.dimensions).toBe(defaultHashingEmbeddingsOptions.dimensions)
    expect(embeddings.name).toBe(HASHING_EMBEDDINGS_NAME)
  })

  it('should be deterministic across calls and instances', async () => {
    const texts = Object.values(SEED)
    const first = await embeddings.embedDocuments(texts)
    expect(await embeddings.embedDocuments(texts)).toEqual(first)
    expect(await new HashingEmbeddings().embedDocuments(texts)).toEqual(first)
    expect(await embeddings.embedQuery(SEED.loanA)).toEqual(first[2])
  })

  it('should return unit vectors of the configured length', async () => {
    const small = new HashingEmbeddings({ dimensions: 64 })
    for (const vector of await small.embedDocuments([
      ...Object.values(SEED),
      'SYB 创业培训 2024',
    ])) {
      expect(vector).toHaveLength(64)
      expect(norm(vector)).toBeCloseTo(1, 12)
    }
  })

  it('should return the zero vector for text without letters or digits', async () => {
    expect(norm(await embeddings.embedQuery(''))).toBe(0)
    expect(norm(await embeddings.embedQuery(' ，。、 '))).toBe(0)
  })

  it('should treat full-width and half-width forms, and letter case, alike', async () => {
    expect(await embeddings.embedQuery('ＳＹＢ培训补贴１５００元')).toEqual(
      await embeddings.embedQuery('syb培训补贴1500元')
    )
  })

  it('should place sentences about the same policy closer than unrelated ones', async () => {
    const [refundA, refundB, loanA, loanB, wages] = await embeddings.embedDocuments(
      Object.values(SEED)
    )
    expect(cosine(refundA, refundB)).toBeGreaterThan(cosine(refundA, loanA))
    expect(cosine(refundA, refundB)).toBeGreaterThan(cosine(refundA, wages))
    expect(cosine(loanA, loanB)).toBeGreaterThan(cosine(loanA, refundB))
    expect(cosine(loanA, loanB)).toBeGreaterThan(cosine(loanB, wages))
  })

  it('should bring a short question closest to the clause that answers it', async () => {
    const clauses = await embeddings.embedDocuments(Object.values(SEED))
    const question = await embeddings.embedQuery('创业担保贷款怎么申请？')
    const ranked = clauses
      .map((clause, i) => ({ i, score: cosine(question, clause) }))
      .sort((x, y) => y.score - x.score)
    expect(
      ranked
        .slice(0, 2)
        .map((hit) => hit.i)
        .sort()
    ).toEqual([2, 3])
  })

  it('should refuse bad options with a fix-it message', () => {
    expect(() => new HashingEmbeddings({ dimensions: 8 })).toThrow(
      /dimensions must be an integer in 16–65536, got 8, eg/
    )
    expect(() => new HashingEmbeddings({ ngramWeights: [0, 0, 0] })).toThrow(
      /ngramWeights must be three numbers/
    )
  })
})
