import { describe, expect, it } from 'vitest'
import { policyDictionaryId } from '../../retrieval/policy-dictionary'
import { runSegmenterContract } from '../../retrieval/segmenter.contract'
import { createJiebaSegmenter } from './index'

describe('createJiebaSegmenter', () => {
  runSegmenterContract({ create: () => createJiebaSegmenter() })

  it('should name the dictionary it loaded', () => {
    expect(createJiebaSegmenter().name).toBe(`nodejieba+${policyDictionaryId}`)
    expect(createJiebaSegmenter({ userWords: ['稳岗返还'] }).name).toMatch(
      /^nodejieba\+user-[0-9a-f]{8}$/
    )
  })

  it('should add extra user words process-wide', () => {
    const segmenter = createJiebaSegmenter({ userWords: ['富民创业贷'] })
    expect(segmenter.cut('申请富民创业贷')).toEqual(['申请', '富民创业贷'])
  })

  it('should refuse an empty user word, naming it', () => {
    expect(() => createJiebaSegmenter({ userWords: [' '] })).toThrow(/empty user word " "/)
  })
})
