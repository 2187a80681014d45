import { describe, expect, it } from 'vitest'
import { parseChineseNumber, parseMarker, parsePartHeading, toChineseNumber } from './markers.js'

describe('parseChineseNumber', () => {
  it('reads the numerals used in outlines, up to the hundreds', () => {
    expect(parseChineseNumber('七')).toBe(7)
    expect(parseChineseNumber('十')).toBe(10)
    expect(parseChineseNumber('十七')).toBe(17)
    expect(parseChineseNumber('二十三')).toBe(23)
    expect(parseChineseNumber('两')).toBe(2)
    expect(parseChineseNumber('一百零五')).toBe(105)
  })

  it('returns NaN for text that is not a numeral', () => {
    expect(parseChineseNumber('总则')).toBeNaN()
  })
})

describe('toChineseNumber', () => {
  it('is the inverse of parseChineseNumber from 1 to 999', () => {
    for (let n = 1; n < 1000; n++) expect(parseChineseNumber(toChineseNumber(n))).toBe(n)
  })

  it('writes the short forms a document uses', () => {
    expect(toChineseNumber(11)).toBe('十一')
    expect(toChineseNumber(20)).toBe('二十')
    expect(toChineseNumber(110)).toBe('一百一十')
  })
})

describe('parseMarker', () => {
  it('reads half-width, full-width and enumeration-comma item markers as the same item', () => {
    for (const line of [
      '3.开展招聘',
      '3．开展招聘',
      '3、开展招聘',
      '３．开展招聘',
      '３、开展招聘',
      '3. 开展招聘',
    ]) {
      expect(parseMarker(line), line).toMatchObject({
        kind: 'item',
        number: 3,
        segment: '3',
        rest: '开展招聘',
      })
    }
  })

  it('writes sections in full-width brackets whatever brackets the text uses', () => {
    for (const line of [
      '(二)落实补贴',
      '（二）落实补贴',
      '（ 二 ）落实补贴',
      '(二）落实补贴',
      '（二）、落实补贴',
    ]) {
      expect(parseMarker(line), line).toMatchObject({
        kind: 'section',
        number: 2,
        segment: '（二）',
        rest: '落实补贴',
      })
    }
  })

  it('reads chapters and sub-items', () => {
    expect(parseMarker('十二、保障措施')).toMatchObject({
      kind: 'chapter',
      number: 12,
      segment: '十二',
      rest: '保障措施',
    })
    expect(parseMarker('三．工作要求')).toMatchObject({ kind: 'chapter', segment: '三' })
    expect(parseMarker('(4)简化流程')).toMatchObject({
      kind: 'subitem',
      number: 4,
      segment: '（4）',
    })
    expect(parseMarker('（４）简化流程')).toMatchObject({ kind: 'subitem', segment: '（4）' })
  })

  it('reads 第X条 articles written with Chinese or Arabic numbers as 第X条', () => {
    expect(parseMarker('第十二条　本办法由市人社局负责解释。')).toMatchObject({
      kind: 'article',
      number: 12,
      segment: '第十二条',
      rest: '本办法由市人社局负责解释。',
    })
    expect(parseMarker('第5条 见习期限一般为6个月。')).toMatchObject({
      kind: 'article',
      segment: '第五条',
    })
  })

  it('reads 专栏N boxes with or without punctuation after the number', () => {
    expect(parseMarker('专栏3：就业服务提升工程')).toMatchObject({
      kind: 'box',
      segment: '专栏3',
      rest: '就业服务提升工程',
    })
    expect(parseMarker('专栏12  技能培训工程')).toMatchObject({
      kind: 'box',
      segment: '专栏12',
      rest: '技能培训工程',
    })
  })

  it('keeps the number as written, so a mistyped number stays findable in the text', () => {
    expect(parseMarker('（七）构建人才培养体系')).toMatchObject({ number: 7, segment: '（七）' })
  })

  it('does not take a wrapped line that starts with a quantity for an item', () => {
    expect(parseMarker('1年以上期限劳动合同的，给予补贴。')).toBeNull()
    expect(parseMarker('2.5万元的一次性补贴。')).toBeNull()
    expect(parseMarker('5000')).toBeNull()
    expect(parseMarker('2024年起实施。')).toBeNull()
  })

  it('does not take a cross-reference at a line start for a unit', () => {
    expect(parseMarker('第四条规定的单位，可以申请补贴。')).toBeNull()
    expect(parseMarker('第三条所称见习人员，')).toBeNull()
    expect(parseMarker('（一）项所列人员由单位负责。')).toBeNull()
    expect(parseMarker('（二）款规定的情形除外。')).toBeNull()
    expect(parseMarker('二、的补贴')).toBeNull()
    expect(parseMarker('第三条、第四条规定的单位')).toBeNull()
    expect(parseMarker('第八条第二款所列情形')).toBeNull()
    expect(parseMarker('（一）、（二）项所列人员')).toBeNull()
  })

  it('returns null for a marker with nothing after it, and for plain text', () => {
    expect(parseMarker('1.')).toBeNull()
    expect(parseMarker('加强组织领导。')).toBeNull()
    expect(parseMarker('')).toBeNull()
  })
})

describe('parsePartHeading', () => {
  it('reads the 第X章 headings of a regulation', () => {
    expect(parsePartHeading('第二章　见习单位')).toEqual({
      number: 2,
      unit: '章',
      title: '见习单位',
    })
    expect(parsePartHeading('第十章 附则')).toEqual({ number: 10, unit: '章', title: '附则' })
    expect(parsePartHeading('第1节 一般规定')).toEqual({ number: 1, unit: '节', title: '一般规定' })
  })

  it('does not take an article, a cross-reference or a sentence for a heading', () => {
    expect(parsePartHeading('第二条　本办法适用于全市。')).toBeNull()
    expect(parsePartHeading('第三章规定的见习单位，')).toBeNull()
    expect(
      parsePartHeading('第二章明确了见习单位应当具备的条件，并对补贴标准作了规定。')
    ).toBeNull()
  })
})
