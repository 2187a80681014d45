import { describe, expect, it } from 'vitest'
import { parseTable, type ParseTableOptions } from './parse-table.js'
import { toSourceLines } from './source-lines.js'

const annex: ParseTableOptions = { pathPrefix: '附件/', headingOf: (text) => text.split('。')[0] }
const tableDocument: ParseTableOptions = { ...annex, pathPrefix: '' }
const table = (rows: string[], options = annex) =>
  parseTable(toSourceLines(rows.join('\n')), options)

describe('parseTable', () => {
  describe('a data table (附件)', () => {
    const rows = [
      '\t序号',
      '\t企业类型',
      '\t岗位',
      '\t人数',
      '\t1',
      '\t制造业',
      '\t普工',
      '\t200人',
      '\t2',
      '\t', // merged with the cell above: 制造业
      '\t技术员',
      '\t50人',
      '\t序号', // the header again, after a page break
      '\t企业类型',
      '\t岗位',
      '\t人数',
      '\t3',
      '\t服务业',
      '\t客服',
      '\t80人',
      '  \t物流业', // the row number 4 was lost in conversion
      '\t仓储',
      '\t60人',
      '备注：人数为预计数。',
    ]

    it('gives each row the path 附件/第N项 after its number', () => {
      expect(table(rows).units.map((u) => u.path)).toEqual([
        '附件/第1项',
        '附件/第2项',
        '附件/第3项',
        '附件/第4项',
      ])
    })

    it('does not take a header repeated after a page break for a row', () => {
      expect(
        table(rows)
          .units.map((u) => u.text)
          .join('\n')
      ).not.toMatch(/序号|企业类型：企业类型/)
    })

    it('counts a row whose number was lost', () => {
      expect(table(rows).units[3]).toMatchObject({
        path: '附件/第4项',
        kind: 'row',
        text: '物流业；岗位：仓储；人数：60人',
      })
    })

    it('labels cells with their column and fills a merged cell from the row above', () => {
      expect(table(rows).units[1].text).toBe('技术员；人数：50人；企业类型：制造业')
    })

    it('returns a note under the table as a note, not as part of the last row', () => {
      const parsed = table(rows)
      expect(parsed.notes.map((l) => l.text)).toEqual(['备注：人数为预计数。'])
      expect(parsed.units[3].text).not.toContain('备注')
    })
  })

  describe('a task table with year columns', () => {
    const rows = [
      '\t序号',
      '\t重点任务',
      '\t具体目标',
      '\t牵头单位',
      '\t配合单位',
      '\t',
      '\t',
      '\t2024年度',
      '\t2025年度',
      '\t2026年度',
      '\t',
      '\t',
      '\t1',
      '\t扩大就业规模。',
      '\t1、新增城镇就业1万人。',
      '2、城镇调查失业率控制在5.5%以内。',
      '\t新增城镇就业1.1万人。',
      '\t新增城镇就业1.2万人。',
      '\t人社局',
      '\t财政局',
      '',
      '发改委',
      '\t2',
      '\t开展技能培训。',
      '\t培训5000人次。',
      '\t培训6000人次。', // merged across 2025 and 2026
      '\t人力资源和社会保',
      '障局',
      '\t教育局',
    ]

    it('gives each row 第N项 and each year column 第N项/YYYY年度', () => {
      expect(table(rows, tableDocument).units.map((u) => u.path)).toEqual([
        '第1项',
        '第1项/2024年度',
        '第1项/2025年度',
        '第1项/2026年度',
        '第2项',
        '第2项/2024年度',
        '第2项/2025年度',
        '第2项/2026年度',
      ])
    })

    it('gives a cell merged across years to each year it spans', () => {
      const units = table(rows, tableDocument).units
      expect(units.find((u) => u.path === '第2项/2025年度')?.text).toBe('培训6000人次。')
      expect(units.find((u) => u.path === '第2项/2026年度')?.text).toBe('培训6000人次。')
    })

    it('keeps numbered lines inside a cell as part of the cell', () => {
      const units = table(rows, tableDocument).units
      expect(units.find((u) => u.path === '第1项/2024年度')?.text).toBe(
        '1、新增城镇就业1万人。\n2、城镇调查失业率控制在5.5%以内。'
      )
      expect(units.some((u) => /\/[12]$/.test(u.path))).toBe(false)
    })

    it('reads the lead department and joins a department name wrapped by a narrow column', () => {
      const units = table(rows, tableDocument).units
      expect(units[0]).toMatchObject({
        kind: 'row',
        lead: '人社局',
        text: '扩大就业规模。\n牵头部门：人社局\n参加部门：财政局、发改委',
      })
      expect(units[4].lead).toBe('人力资源和社会保障局')
    })
  })

  describe('a box (专栏)', () => {
    const box: ParseTableOptions = { pathPrefix: '', headingOf: (text) => text.split('。')[0] }

    it('makes the box a unit and its numbered lines 专栏N/1…', () => {
      const parsed = table(
        [
          '\t专栏2：就业服务提升工程',
          '\t1.零工市场建设工程。每个县至少建成1个零工市场。',
          '',
          '2.就业驿站建设工程。新建就业驿站',
          '50个。',
          '\t3.技能培训工程。全年培训2万人次。',
        ],
        box
      )
      expect(parsed.box).toMatchObject({ path: '专栏2', kind: 'box', heading: '就业服务提升工程' })
      expect(parsed.units.map((u) => [u.path, u.heading, u.text])).toEqual([
        ['专栏2/1', '零工市场建设工程', '零工市场建设工程。每个县至少建成1个零工市场。'],
        ['专栏2/2', '就业驿站建设工程', '就业驿站建设工程。新建就业驿站50个。'],
        ['专栏2/3', '技能培训工程', '技能培训工程。全年培训2万人次。'],
      ])
    })

    it('reads an indicator table in a box as rows labelled by the header', () => {
      const parsed = table(
        [
          '\t专栏1：主要就业指标',
          '\t指标',
          '\t2023年基数',
          '\t2025年目标',
          '\t1.城镇新增就业（万人）',
          '\t[5.2]',
          '\t[5]',
          '\t2.城镇调查失业率(%)',
          '\t---',
          '\t5.5以内',
          '\t其中：青年失业率',
          '\t---',
          '\t稳中有降',
        ],
        box
      )
      expect(parsed.units.map((u) => [u.path, u.text])).toEqual([
        ['专栏1/1', '城镇新增就业（万人）：2023年基数：[5.2]；2025年目标：[5]'],
        [
          '专栏1/2',
          '城镇调查失业率(%)：2023年基数：---；2025年目标：5.5以内\n其中：青年失业率：2023年基数：---；2025年目标：稳中有降',
        ],
      ])
    })
  })

  it('gives every unit offsets inside the table it was read from', () => {
    const text = ['\t序号', '\t事项', '\t1', '\t稳岗返还', '\t2', '\t扩岗补助'].join('\n')
    const parsed = parseTable(toSourceLines(text), annex)
    for (const unit of parsed.units) {
      expect(unit.start).toBeGreaterThanOrEqual(0)
      expect(unit.end).toBeLessThanOrEqual(text.length)
      expect(text.slice(unit.start, unit.end)).toContain(unit.text.split('；')[0])
    }
  })
})
