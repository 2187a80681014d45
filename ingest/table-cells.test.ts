import { describe, expect, it } from 'vitest'
import { toSourceLines } from './source-lines.js'
import {
  cellText,
  continuesSentence,
  departmentList,
  isDepartmentCell,
  joinWrapped,
  toCells,
} from './table-cells.js'

const cells = (text: string) => toCells(toSourceLines(text))

describe('continuesSentence', () => {
  it('tells a line wrapped mid-sentence from a heading and its text', () => {
    expect(continuesSentence('对企业吸纳登记失业人员并签订', '1年以上期限劳动合同的')).toBe(true)
    expect(continuesSentence('按每人给予补贴', '5000')).toBe(true)
    expect(continuesSentence('最高不超过', '30万元。')).toBe(true)
    expect(continuesSentence('符合本办法', '第四条规定条件的单位')).toBe(true)
    expect(continuesSentence('活动时间', '2024年1月29日至3月31日。')).toBe(false)
    expect(continuesSentence('工作目标', '到2025年，新增就业5万人。')).toBe(false)
    expect(continuesSentence('强化就业优先导向', '把就业放在经济社会发展优先位置。')).toBe(false)
    expect(continuesSentence('引导社会力量参与', '鼓励社会组织开发岗位。')).toBe(false)
  })
})

describe('joinWrapped', () => {
  it('joins lines cut mid-sentence and keeps paragraphs and list entries apart', () => {
    expect(joinWrapped(['补贴标准为每人', '5000', '元。', '2、强化服务。', '', '加强宣传。'])).toBe(
      '补贴标准为每人5000元。\n2、强化服务。\n加强宣传。'
    )
  })

  it('does not start a new line at a cross-reference', () => {
    expect(joinWrapped(['前款', '（一）项所列人员由单位负责。'])).toBe(
      '前款（一）项所列人员由单位负责。'
    )
  })
})

describe('cellText', () => {
  it('joins a short label broken by a narrow column', () => {
    expect(cells('\t就业\n类型').map(cellText)).toEqual(['就业类型'])
  })
})

describe('departmentList', () => {
  it('lists departments one per line and joins a name wrapped by the column', () => {
    const [cell] = cells('\t人力资源和社会保\n障局\n\n财政局\n税务局')
    expect(isDepartmentCell(cell)).toBe(true)
    expect(departmentList(cell)).toBe('人力资源和社会保障局、财政局、税务局')
  })
})
