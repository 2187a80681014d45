import type { Ai } from '@cloudflare/workers-types'
import { describe, expect, it } from 'vitest'
import { HashingEmbeddings } from '../hashing-embeddings/index'
import { createFakeAi, FAKE_AI_MAX_EMBEDDING_BATCH } from '../../../test/support/fake-cloudflare'
import { BGE_M3, WorkersAiEmbeddings, type WorkersAiBinding } from './index'

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0)

describe('WorkersAiEmbeddings', () => {
  it('should take the real binding type', () => {
    const binding: WorkersAiBinding = {} as Ai
    expect(binding).toBeDefined()
  })

  describe('embedQuery', () => {
    it('should return one bge-m3 vector of 1024 numbers from { text: [query] }', async () => {
      const ai = createFakeAi()
      const vector = await new WorkersAiEmbeddings({ binding: ai }).embedQuery(
        '灵活就业人员社保补贴怎么申请'
      )
      expect(vector).toHaveLength(1024)
      expect(ai.calls).toEqual([
        { model: BGE_M3, inputs: { text: ['灵活就业人员社保补贴怎么申请'] } },
      ])
      expect(vector).toEqual(
        new HashingEmbeddings({ dimensions: 1024 }).embed('灵活就业人员社保补贴怎么申请')
      )
    })
  })

  describe('embedDocuments', () => {
    it('should embed in batches of batchSize and keep the order of the texts', async () => {
      const ai = createFakeAi()
      const texts = Array.from({ length: 120 }, (_, i) => `第${i}条 稳岗返还`)
      const embeddings = new WorkersAiEmbeddings({ binding: ai, batchSize: 50 })
      const vectors = await embeddings.embedDocuments(texts)
      expect(ai.calls.map((call) => (call.inputs.text as string[]).length)).toEqual([50, 50, 20])
      expect(vectors).toHaveLength(120)
      expect(cosine(vectors[7], await embeddings.embedQuery(texts[7]))).toBeCloseTo(1, 6)
    })

    it('should make no call for no texts', async () => {
      const ai = createFakeAi()
      expect(await new WorkersAiEmbeddings({ binding: ai }).embedDocuments([])).toEqual([])
      expect(ai.calls).toEqual([])
    })
  })

  describe('errors', () => {
    it('should retry once, then name the model and the batch', async () => {
      const ai = createFakeAi()
      ai.failNext(new Error('AiError: 3040: Capacity temporarily exceeded'))
      expect(await new WorkersAiEmbeddings({ binding: ai }).embedQuery('就业')).toHaveLength(1024)
      const failing = {
        run: async () => {
          throw new Error('AiError: 3036: Account limited')
        },
      } as unknown as WorkersAiBinding
      await expect(
        new WorkersAiEmbeddings({ binding: failing, maxRetries: 0 }).embedDocuments(['a', 'b'])
      ).rejects.toThrow(/@cf\/baai\/bge-m3 failed on a batch of 2 texts: AiError: 3036/)
    })

    it('should refuse vectors of another size, naming both sizes', async () => {
      const ai = createFakeAi()
      const english = new WorkersAiEmbeddings({ binding: ai, model: '@cf/baai/bge-small-en-v1.5' })
      await expect(english.embedQuery('就业')).rejects.toThrow(
        /returned vectors of 384 dimensions, expected 1024/
      )
    })

    it('should refuse an answer with the wrong number of vectors', async () => {
      const binding = {
        run: async () => ({ shape: [1, 1024], data: [new Array(1024).fill(0)] }),
      } as unknown as WorkersAiBinding
      await expect(new WorkersAiEmbeddings({ binding }).embedDocuments(['a', 'b'])).rejects.toThrow(
        /returned 1 vectors for 2 texts/
      )
    })

    it('should refuse a missing binding or a bad batch size with a fix-it message', () => {
      expect(() => new WorkersAiEmbeddings({} as never)).toThrow(/eg \{ binding: env\.AI \}/)
      expect(
        () =>
          new WorkersAiEmbeddings({
            binding: createFakeAi(),
            batchSize: FAKE_AI_MAX_EMBEDDING_BATCH + 1,
          })
      ).toThrow(/batchSize must be an integer in 1–100, got 101/)
    })
  })
})
