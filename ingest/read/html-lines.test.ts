import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { dropCjkGaps } from './cjk-gaps.js'
import { htmlToLines } from './html-lines.js'

describe('htmlToLines', () => {
  it('writes blocks as lines, <br> as a break, and collapses source whitespace', () => {
    const root = parse('<div><p>一、总体\n    要求</p><p>第一行<br>第二行</p><p></p><ul><li>甲</li><li>乙</li></ul><script>var a = 1</script></div>')
    expect(htmlToLines(root)).toEqual(['一、总体要求', '第一行', '第二行', '', '甲', '乙'])
  })

  it('writes a data table as tab-led cells: rowspan as an empty cell below, colspan once', () => {
    const root = parse(`<table>
      <tr><th>序号</th><th>行业</th><th>2024年</th><th>2025年</th></tr>
      <tr><td>1</td><td rowspan="2">制造业</td><td colspan="2">新增岗位<br>1000个</td></tr>
      <tr><td>2</td><td>300个</td><td>400个</td></tr>
    </table><p>注：以上为计划数。</p>`)
    expect(htmlToLines(root)).toEqual([
      '\t序号', '\t行业', '\t2024年', '\t2025年', '',
      '\t1', '\t制造业', '\t新增岗位', '1000个', '',
      '\t2', '\t', '\t300个', '\t400个', '',
      '', '',
      '注：以上为计划数。',
    ])
  })

  it('reads a layout table (one column, or holding another table) as blocks', () => {
    const root = parse('<table><tr><td><p>一、总则</p><p>二、措施</p></td></tr></table>')
    expect(htmlToLines(root)).toEqual(['一、总则', '二、措施'])
  })
})

describe('dropCjkGaps', () => {
  it('drops spaces between Chinese characters only', () => {
    expect(dropCjkGaps('（ 一 ） 稳 岗 返 还 。 AI 开发 与 2025 年')).toBe('（一）稳岗返还。 AI 开发与 2025 年')
  })
})
