import { describe, expect, it } from 'vitest'
import { dropPageFurniture, isNoiseLine, isPageNumber, toSourceLines } from './source-lines.js'

const texts = (text: string) => dropPageFurniture(toSourceLines(text)).map((l) => l.text)

describe('toSourceLines', () => {
  it('gives each line the offsets of its raw text in the file', () => {
    const file = '标题\r\n\u3000\u3000第一段。\n\n\t单元格'
    const lines = toSourceLines(file.slice(4), 4)
    expect(lines.map((l) => file.slice(l.start, l.end))).toEqual([
      '\u3000\u3000第一段。',
      '',
      '\t单元格',
    ])
  })

  it('trims full-width and no-break indents and drops Word bookmarks', () => {
    const lines = toSourceLines(
      '\u3000\u3000为做好就业工作，\u00a0\n[bookmark: _GoBack]   \n{ PAGE }'
    )
    expect(lines.map((l) => l.text)).toEqual(['为做好就业工作，', '', ''])
  })

  it('marks tab-led lines as table cells, and spaces before the tab as a lost leading cell', () => {
    const [cell, lost, plain] = toSourceLines('\t序号\n  \t发展技工教育\n人社局')
    expect([cell.cell, cell.lostLeadingCell]).toEqual([true, false])
    expect([lost.cell, lost.lostLeadingCell]).toEqual([true, true])
    expect([plain.cell, plain.lostLeadingCell]).toEqual([false, false])
  })
})

describe('isPageNumber', () => {
  it('recognises the page numbers converters leave', () => {
    for (const line of ['－ 2 －', '- 3 -', '— 14 —', '-7-', '第2页 共9页', '第 3 页', '2/9']) {
      expect(isPageNumber(line), line).toBe(true)
    }
  })

  it('does not take numbers in policy text for page numbers', () => {
    for (const line of ['2.5万元', '3-5年', '第2项', '2024年'])
      expect(isPageNumber(line), line).toBe(false)
  })
})

describe('isNoiseLine', () => {
  it('recognises web-page chrome, on its own line or several on one line', () => {
    for (const line of [
      '点赞',
      '收藏',
      '转发',
      '点赞 收藏 转发',
      '【打印本页】　【关闭窗口】',
      '字号：[大] [中] [小]',
      '分享到：',
      '扫一扫在手机打开当前页',
      '首页 > 政务公开 > 通知公告',
      '当前位置：首页 > 政策文件',
    ]) {
      expect(isNoiseLine(line), line).toBe(true)
    }
  })

  it('recognises the metadata block of a web page', () => {
    expect(isNoiseLine('发布时间:2024-06-28')).toBe(true)
    expect(isNoiseLine('发布时间：2024-01-26 10:32　来源：区人社局　浏览次数：2318')).toBe(true)
    expect(isNoiseLine('来源：市人社局')).toBe(true)
    expect(isNoiseLine('政策级别:市级')).toBe(true)
  })

  it('keeps policy text that merely starts with a chrome word', () => {
    for (const line of [
      '转发省人社厅文件的通知',
      '收藏品市场从业人员',
      '1.开展招聘活动。',
      '大中小微企业',
    ]) {
      expect(isNoiseLine(line), line).toBe(false)
    }
  })
})

describe('dropPageFurniture', () => {
  it('drops page numbers and the blank lines of the page break, so a cut sentence joins up', () => {
    const lines = dropPageFurniture(
      toSourceLines('一、支持企业\n1.补贴期限最长不超过\n\n－ 2 －\n\n3年。')
    )
    expect(lines.map((l) => l.text)).toEqual(['一、支持企业', '1.补贴期限最长不超过', '3年。'])
  })

  it('drops a running header repeated next to page numbers but keeps the title it repeats', () => {
    const text = [
      '某市促进就业若干措施',
      '一、支持企业吸纳就业',
      '1.对吸纳就业困难人员的企业给予社会保险补贴，补贴期限最长不超过',
      '- 2 -',
      '某市促进就业若干措施',
      '3年。',
    ].join('\n')
    expect(texts(text)).toEqual([
      '某市促进就业若干措施',
      '一、支持企业吸纳就业',
      '1.对吸纳就业困难人员的企业给予社会保险补贴，补贴期限最长不超过',
      '3年。',
    ])
  })

  it('drops a running header that cuts a sentence even where no page number was kept', () => {
    const text = [
      '某市就业促进规划',
      '（一）提升服务。',
      '某市就业促进规划',
      '建设公共就业服务平台，推动就业服务向数字化',
      '某市就业促进规划',
      '转型。',
    ].join('\n')
    expect(texts(text)).toEqual([
      '某市就业促进规划',
      '（一）提升服务。',
      '建设公共就业服务平台，推动就业服务向数字化',
      '转型。',
    ])
  })

  it('keeps repeated lines that are not from the head of the document, such as table cells', () => {
    const text = [
      '任务分解表',
      '\t1',
      '\t扩大就业',
      '\t人社局',
      '\t2',
      '\t稳定岗位',
      '\t人社局',
      '人社局',
    ].join('\n')
    expect(texts(text)).toEqual([
      '任务分解表',
      '1',
      '扩大就业',
      '人社局',
      '2',
      '稳定岗位',
      '人社局',
      '人社局',
    ])
  })

  it('keeps the line offsets of the lines it keeps', () => {
    const file = '标题\n一、总则\n－ 2 －\n内容。'
    const kept = dropPageFurniture(toSourceLines(file))
    expect(kept.map((l) => file.slice(l.start, l.end))).toEqual(['标题', '一、总则', '内容。'])
  })
})
