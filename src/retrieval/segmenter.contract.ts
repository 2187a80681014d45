/** @module Segmenter contract: the one test suite every Segmenter implementation runs. */
import { beforeAll, describe, expect, it } from 'vitest'
import { policyTerms } from './policy-dictionary'
import type { Segmenter } from './segmenter'

/** Sentences quoted from seeds/ (扬州, 常州, 宜春 and a 征求意见稿), so the suite needs no file I/O. */
const SEED_SENTENCES = {
  subsidy:
    '对企业招用符合条件的重点群体就业，按每人1500元的标准给予企业一次性扩岗补助，' +
    '执行期限至2025年12月底。（责任单位：市人社局、市财政局）按规定落实稳岗返还政策。',
  loan: '将“云岗助贷”支持对象由小微企业扩大至个体工商户等，单户授信额度从3000万元提高至5000万元。',
  groups:
    '建立援企稳岗常态化机制,调整优化稳岗返还、吸纳就业补贴、企业社保补贴等政策,支持市场主体稳岗拓岗。',
  rural:
    '在农业农村基础设施建设领域积极推广以工代赈方式，带动更多脱贫人口等农村低收入群体参与乡村建设。',
  markets: '实施“就业一件事”，打造2个省级零工市场和3个省级劳务品牌。',
} as const

/** Terms that must come out whole from the sentences above, in both modes. */
const EXPECTED_WHOLE: ReadonlyArray<[keyof typeof SEED_SENTENCES, string[]]> = [
  ['subsidy', ['重点群体', '一次性扩岗补助', '人社局', '稳岗返还']],
  ['loan', ['云岗助贷', '小微企业', '个体工商户']],
  ['groups', ['稳岗返还', '吸纳就业补贴', '社保补贴']],
  ['rural', ['以工代赈', '脱贫人口']],
  ['markets', ['零工市场', '劳务品牌']],
]

export type SegmenterContractCase =
  | 'empty input'
  | 'deterministic'
  | 'no empty tokens'
  | 'policy terms whole'
  | 'numbers whole'
  | 'normalisation'
  | 'search mode sub-words'

export type SegmenterContractOptions = {
  /** Builds the implementation under test; called once per suite plus once for the determinism case. */
  create: () => Segmenter | Promise<Segmenter>
  /** Cases this implementation cannot meet. Each needs a reason, printed with the skipped test. */
  skip?: ReadonlyArray<{ case: SegmenterContractCase; reason: string }>
}

/**
 * Registers the Segmenter contract as vitest `describe`/`it` blocks.
 *
 * @example
 * runSegmenterContract({ create: () => createJiebaSegmenter() })
 */
export function runSegmenterContract({ create, skip = [] }: SegmenterContractOptions): void {
  let segmenter: Segmenter
  const modes = ['cut', 'cutForSearch'] as const

  function contractCase(
    name: SegmenterContractCase,
    title: string,
    body: () => void | Promise<void>
  ) {
    const skipped = skip.find((entry) => entry.case === name)
    if (skipped) it.skip(`${title} (skipped: ${skipped.reason})`, body)
    else it(title, body)
  }

  describe('Segmenter contract', () => {
    beforeAll(async () => {
      segmenter = await create()
    }, 30_000)

    contractCase('empty input', 'should return [] for empty or blank text', () => {
      for (const mode of modes) {
        expect(segmenter[mode]('')).toEqual([])
        expect(segmenter[mode]('  \n\t\u3000')).toEqual([])
        expect(segmenter[mode]('，。、；')).toEqual([])
      }
    })

    contractCase(
      'deterministic',
      'should cut the same text the same way, across instances',
      async () => {
        const other = await create()
        for (const text of Object.values(SEED_SENTENCES)) {
          for (const mode of modes) {
            const first = segmenter[mode](text)
            expect(segmenter[mode](text)).toEqual(first)
            expect(other[mode](text)).toEqual(first)
          }
        }
      }
    )

    contractCase(
      'no empty tokens',
      'should return no empty, blank, punctuation-only or upper-case ASCII tokens',
      () => {
        for (const text of Object.values(SEED_SENTENCES)) {
          for (const mode of modes) {
            for (const token of segmenter[mode](`${text} ABC Policy Q&A！`)) {
              expect(token).not.toMatch(/^[\p{P}\p{Z}\s]*$/u)
              expect(token).not.toMatch(/[A-Z]/)
            }
          }
        }
      }
    )

    contractCase('policy terms whole', 'should keep policy terms whole in seed sentences', () => {
      for (const [key, terms] of EXPECTED_WHOLE) {
        for (const mode of modes) {
          expect(segmenter[mode](SEED_SENTENCES[key])).toEqual(expect.arrayContaining(terms))
        }
      }
    })

    contractCase('policy terms whole', 'should cut every dictionary term alone as itself', () => {
      for (const term of policyTerms) {
        expect(segmenter.cut(term), term).toEqual([term])
        expect(segmenter.cutForSearch(term), term).toContain(term)
      }
    })

    contractCase('numbers whole', 'should keep amounts and years as whole digit runs', () => {
      for (const mode of modes) {
        const subsidy = segmenter[mode](SEED_SENTENCES.subsidy)
        expect(subsidy).toContain('1500')
        expect(subsidy).toContain('2025')
        expect(subsidy).toContain('元')
        expect(segmenter[mode](SEED_SENTENCES.loan)).toContain('3000')
      }
    })

    contractCase('normalisation', 'should map full-width digits and letters to ASCII', () => {
      for (const mode of modes) {
        expect(segmenter[mode]('按每人１５００元')).toContain('1500')
        expect(segmenter[mode]('ＳＹＢ创业培训')).toContain('syb')
      }
    })

    contractCase('search mode sub-words', 'should add dictionary sub-words in search mode', () => {
      const tokens = segmenter.cutForSearch('申请创业担保贷款')
      expect(tokens).toEqual(expect.arrayContaining(['创业担保贷款', '创业', '担保', '贷款']))
      expect(segmenter.cut('申请创业担保贷款')).toEqual(['申请', '创业担保贷款'])
    })
  })
}
