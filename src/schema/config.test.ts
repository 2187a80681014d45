import { describe, expect, it } from 'vitest'
import { parseConfig } from './config.js'

describe('parseConfig', () => {
  describe('LLM_* and EMBEDDINGS_*', () => {
    it('should leave the models off by default, with the documented defaults', () => {
      const config = parseConfig({})
      expect(config.LLM_BASE_URL).toBeUndefined()
      expect(config.EMBEDDINGS_BASE_URL).toBeUndefined()
      expect(config).toMatchObject({
        LLM_TIMEOUT_MS: 8000,
        LLM_TEMPERATURE: 0.1,
        EMBEDDINGS_BATCH_SIZE: 32,
      })
    })

    it('should read a complete model configuration', () => {
      const config = parseConfig({
        LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
        LLM_MODEL: 'qwen-plus',
        LLM_TIMEOUT_MS: '5000',
        EMBEDDINGS_BASE_URL: 'http://127.0.0.1:8080/v1',
        EMBEDDINGS_MODEL: 'bge-m3',
        EMBEDDINGS_DIMENSIONS: '1024',
      })
      expect(config).toMatchObject({
        LLM_MODEL: 'qwen-plus',
        LLM_TIMEOUT_MS: 5000,
        EMBEDDINGS_DIMENSIONS: 1024,
      })
    })

    it('should name what a model URL lacks', () => {
      expect(() =>
        parseConfig({
          LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
          EMBEDDINGS_BASE_URL: 'http://127.0.0.1:8080/v1',
        })
      ).toThrow(
        'Configuration is invalid: LLM_MODEL: required with LLM_BASE_URL; EMBEDDINGS_MODEL: required with EMBEDDINGS_BASE_URL; EMBEDDINGS_DIMENSIONS: required with EMBEDDINGS_BASE_URL'
      )
    })

    it('should refuse a URL that is not one, and out-of-range numbers, naming each variable', () => {
      expect(() => parseConfig({ LLM_BASE_URL: 'dashscope', LLM_MODEL: 'qwen' })).toThrow(
        /LLM_BASE_URL: /
      )
      expect(() => parseConfig({ LLM_TEMPERATURE: '3' })).toThrow(/LLM_TEMPERATURE: /)
      expect(() => parseConfig({ EMBEDDINGS_DIMENSIONS: 'many' })).toThrow(
        /EMBEDDINGS_DIMENSIONS: /
      )
    })

    it('should keep the model’s timeout below the request timeout, so the fallback still answers', () => {
      expect(() =>
        parseConfig({
          LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
          LLM_MODEL: 'q',
          LLM_TIMEOUT_MS: '30000',
          REQUEST_TIMEOUT_MS: '30000',
        })
      ).toThrow('LLM_TIMEOUT_MS: must be below REQUEST_TIMEOUT_MS (30000)')
    })
  })
})
