import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createJiebaSegmenter } from '../adapters/jieba-node/index'
import { dictionaryId, policyDictionaryId, policyTerms } from './policy-dictionary'
import type { Segmenter } from './segmenter'

const SEEDS_DIR = join(import.meta.dirname, '../../seeds')

/**
 * Share of a term's occurrences in the seeds that must yield the term as one token in search mode
 * (what BM25 indexes), in 0–1. Below 1 because overlapping words compete (就业/见习补贴 in
 * 就业见习补贴) and jieba keeps some of its own compounds (市妇联 yields 妇联 only as a sub-word
 * of 2 characters, 创业/园区 never). Raise it when the dictionary improves; never lower it to pass.
 */
const MIN_WHOLE_SHARE = 0.8

/** Terms named in the project brief: each must be whole in every seed sentence it occurs in. */
const KEY_TERMS = [
  '稳岗返还',
  '云岗助贷',
  '零工市场',
  '人社局',
  '创业担保贷款',
  '高校毕业生',
  '就业困难人员',
  '一次性扩岗补助',
  '社保补贴',
  '就业见习',
  '见习补贴',
  '公益性岗位',
  '退役军人',
  '农民工',
  '个体工商户',
  '灵活就业',
  '新就业形态',
  '技能提升补贴',
  '创业补贴',
  '创业示范基地',
  '返乡创业',
  '失业保险',
  '职业技能培训',
  '以工代赈',
  '三支一扶',
  '专精特新',
]

describe('policyTerms', () => {
  let segmenter: Segmenter
  let lines: string[]

  beforeAll(() => {
    segmenter = createJiebaSegmenter()
    lines = readdirSync(SEEDS_DIR)
      .filter((file) => file.endsWith('.txt'))
      .flatMap((file) => readFileSync(join(SEEDS_DIR, file), 'utf8').normalize('NFKC').split('\n'))
  })

  it('should hold unique, trimmed, NFKC-normalised Han terms', () => {
    expect(new Set(policyTerms).size).toBe(policyTerms.length)
    for (const term of policyTerms) {
      expect(term, term).toBe(term.normalize('NFKC').trim())
      expect(term, term).toMatch(/^\p{Script=Han}{2,}$/u)
    }
  })

  it('should come out whole from the seed text', () => {
    const report = policyTerms.map((term) => ({ term, ...countWhole(segmenter, lines, term) }))
    const seen = report.filter((row) => row.occurrences > 0)
    console.log(
      `policy terms in seeds: ${seen.length}/${policyTerms.length}\n` +
        seen.map((row) => `  ${row.term} ${row.whole}/${row.occurrences}`).join('\n')
    )
    for (const row of seen) {
      expect(
        row.whole / row.occurrences,
        `${row.term} ${row.whole}/${row.occurrences}`
      ).toBeGreaterThanOrEqual(MIN_WHOLE_SHARE)
    }
  })

  it('should list the key terms, each used in the seeds', () => {
    for (const term of KEY_TERMS) {
      expect(policyTerms, term).toContain(term)
      expect(countWhole(segmenter, lines, term).whole, term).toBeGreaterThan(0)
    }
  })
})

describe('dictionaryId', () => {
  it('should fingerprint a word list stably and tell lists apart', () => {
    expect(dictionaryId(['稳岗返还'])).toBe(dictionaryId(['稳岗返还']))
    expect(dictionaryId(['稳岗返还'])).not.toBe(dictionaryId(['稳岗返还', '云岗助贷']))
    expect(policyDictionaryId).toBe(`policy-${dictionaryId(policyTerms)}`)
  })
})

/**
 * Occurrences of `term` in the lines, and how many of them search mode returned as one token.
 * Occurrences inside a longer listed term (人社 in 人社局) belong to that term and are not counted.
 */
function countWhole(segmenter: Segmenter, lines: string[], term: string) {
  const longer = policyTerms.filter((other) => other !== term && other.includes(term))
  let occurrences = 0
  let whole = 0
  for (const line of lines) {
    const masked = longer.reduce((text, other) => text.split(other).join('\u0000'), line)
    const inLine = masked.split(term).length - 1
    if (inLine === 0) continue
    occurrences += inLine
    whole += Math.min(inLine, segmenter.cutForSearch(line).filter((token) => token === term).length)
  }
  return { occurrences, whole }
}
