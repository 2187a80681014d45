import { describe, expect, it } from 'vitest'
import { figureCoverage, keywordCoverage, statesAskedAmount, statesFigure, statesQuantity } from './quantities.js'

describe('statesQuantity', () => {
  it.each(['补贴1000元', '比例为90%', '3年内', '不超过6个月', '两个', '吸纳5人以上'])('should find the quantity in %s', (text) => {
    expect(statesQuantity(text)).toBe(true)
  })

  it.each(['2024年完成', '按规定给予补贴', '第三条', '2025年目标数：4'])('should find none in %s', (text) => {
    expect(statesQuantity(text)).toBe(false)
  })
})

describe('statesFigure', () => {
  it('should take a labelled bare number for a figure, but not a labelled year', () => {
    expect(statesFigure('2025年目标数：[4]')).toBe(true)
    expect(statesFigure('城镇调查失业率（%）：2025年目标数：5.5左右')).toBe(true)
    expect(statesFigure('完成时限：2025年')).toBe(false)
  })
})

describe('keywordCoverage', () => {
  it('should weigh keywords by length and leave years out', () => {
    expect(keywordCoverage('城镇新增就业人数纳入考核', ['2024', '新增', '城镇', '就业'])).toBe(1)
    expect(keywordCoverage('普惠小微贷款新增不低于225亿元', ['2024', '新增', '城镇', '就业'])).toBeCloseTo(1 / 3)
  })

})

describe('figureCoverage', () => {
  it('should not count the base of a ratio as the subject of its figure', () => {
    const sentence = '建立失业保险金与最低工资标准挂钩的机制，失业保险金标准按适用区域最低工资标准的90%确定。'
    expect(keywordCoverage(sentence, ['最低工资', '标准'])).toBe(1)
    expect(figureCoverage(sentence, ['最低工资', '标准'])).toBe(0)
    expect(figureCoverage(sentence, ['失业保险金'])).toBe(1)
  })

  it('should count a subject stated in another clause of the sentence', () => {
    // 最低工资标准 has its own figure before the ratio clause.
    const sentence = '最低工资标准为2000元，见习补贴按最低工资标准的60%发放。'
    expect(figureCoverage(sentence, ['最低工资', '标准'])).toBe(1)
    expect(figureCoverage('对招用高校毕业生的企业，按每人1000元给予补贴。', ['招用', '高校毕业生', '补贴'])).toBe(1)
  })

  it('should be 0 without a figure', () => {
    expect(figureCoverage('将城镇新增就业纳入考核。', ['城镇'])).toBe(0)
  })
})

describe('statesAskedAmount', () => {
  const keywords = ['新增', '城镇', '就业']

  it('should accept a figure in the sentence about the subject', () => {
    expect(statesAskedAmount(['全市城镇新增就业年均保持在10万人以上。'], keywords)).toBe(true)
  })

  it('should reject a figure of something else beside the sentence about the subject', () => {
    const sentences = ['力争2024年全市普惠小微贷款新增不低于225亿元。', '将城镇新增就业人数纳入年度考核。']
    expect(statesAskedAmount(sentences, keywords)).toBe(false)
  })

  it('should not take a ratio of the thing asked about for its amount', () => {
    const sentence = '见习补贴按当地最低工资标准的60%发放。'
    expect(statesAskedAmount([sentence], ['最低工资', '标准'])).toBe(false)
    expect(statesAskedAmount([sentence], ['见习补贴'])).toBe(true)
  })

  it('should read a table row as one sentence, its label and values together', () => {
    const row = '人力资源服务产业园数量（个）：2020年基数：[1]；2025年目标数：[4]；属性：预期性'
    expect(statesAskedAmount([row], ['人力资源', '服务', '产业园'])).toBe(true)
  })

  it('should reject sentences without any quantity', () => {
    expect(statesAskedAmount(['将城镇新增就业纳入考核。'], keywords)).toBe(false)
  })

  it('should accept any quantity when no sentence names the keywords', () => {
    expect(statesAskedAmount(['每人补贴1000元。'], ['啥钱'])).toBe(true)
  })
})
