import { describe, expect, it } from 'vitest'
import { detectMeta, findPlace, mainPlace, periodOf, placesAfterCity, subPlacesIn, termOf } from './detect-meta.js'
import { parseOutline } from './parse-outline.js'
import { toSourceLines } from './source-lines.js'

/** Detects metadata the way loadDocuments does: from the parsed title, head and units. */
const detect = (lines: string[]) => {
  const outline = parseOutline(toSourceLines(lines.join('\n')))
  return detectMeta(outline.title, outline.head, outline.units.map((u) => u.text).join('\n'))
}

describe('findPlace', () => {
  it('finds the city, county or district a title names', () => {
    expect(findPlace('泰州市就业见习管理办法')).toBe('泰州市')
    expect(findPlace('关于印发永新县稳就业工作方案的通知')).toBe('永新县')
    expect(findPlace('《丰城市“十四五”就业规划》')).toBe('丰城市')
  })

  it('does not take words that end in 市 or 区 for places', () => {
    expect(findPlace('本市城区就业服务')).toBeUndefined()
    expect(findPlace('全市各功能区')).toBeUndefined()
  })

  it('reads the place out of the name of a body', () => {
    expect(findPlace('中共永新县委办公室')).toBe('永新县')
  })
})

describe('subPlacesIn', () => {
  it('lists the counties and districts a text enumerates', () => {
    expect(subPlacesIn('海陵区、高港区、姜堰区，兴化市人民政府负责督查。')).toEqual([
      '海陵区',
      '高港区',
      '姜堰区',
      '兴化市',
    ])
  })
})

describe('mainPlace', () => {
  it('picks the place a body names most often', () => {
    expect(mainPlace('支持连云港市企业。连云港市人社局负责。对接南京市高校。')).toBe('连云港市')
  })
})

describe('periodOf', () => {
  it('reads the period of a plan from its title', () => {
    expect(periodOf('某市促进就业总体方案（2023—2025年）')).toEqual({
      validFrom: '2023-01-01',
      validTo: '2025-12-31',
    })
    expect(periodOf('某市“十四五”就业促进规划')).toEqual({
      validFrom: '2021-01-01',
      validTo: '2025-12-31',
    })
    expect(periodOf('某市2024年度就业工作要点')).toEqual({
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    })
  })

  it('falls back to the date of the document', () => {
    expect(periodOf('某市就业见习管理办法', '2024-04-12')).toEqual({ validFrom: '2024-04-12' })
    expect(periodOf('某市就业见习管理办法')).toEqual({})
  })
})

describe('termOf', () => {
  it('reads the term a document sets itself', () => {
    expect(termOf('本办法自2024年5月1日起施行，有效期至2029年4月30日。')).toEqual({
      validFrom: '2024-05-01',
      validTo: '2029-04-30',
    })
    expect(termOf('本措施自印发之日起施行，有效期3年。', '2024-03-18')).toEqual({
      validFrom: '2024-03-18',
      validTo: '2027-03-17',
    })
  })
})

describe('detectMeta', () => {
  it('reads city, issuer and signature date from a forwarding notice', () => {
    const meta = detect([
      '泰州市人力资源和社会保障局',
      '关于印发《泰州市就业见习管理办法》的通知',
      '各市（区）人力资源和社会保障局：',
      '现将《泰州市就业见习管理办法》印发给你们，请认真贯彻执行。',
      '泰州市人力资源和社会保障局',
      '2024年4月12日',
      '泰州市就业见习管理办法',
      '第一条　为规范就业见习工作，制定本办法。',
      '第二条　本办法自2024年5月1日起施行。',
    ])
    expect(meta).toMatchObject({
      city: '泰州市',
      issuer: '泰州市人力资源和社会保障局',
      date: '2024-04-12',
      validFrom: '2024-05-01',
    })
    expect(meta.draft).toBeUndefined()
  })

  it('reads the issuer and date of a web page from its metadata lines', () => {
    const meta = detect([
      '发布时间:2024-06-28',
      '发文部门:江宁区人力资源和社会保障局',
      '点赞',
      '关于开展春风行动的通知',
      '为帮助重点群体就业，现就有关事项通知如下：',
      '1、活动时间',
      '2024年1月29日至3月31日。',
    ])
    expect(meta).toMatchObject({
      city: '江宁区',
      issuer: '江宁区人力资源和社会保障局',
      date: '2024-06-28',
    })
  })

  it('takes the city from the body when the title names none', () => {
    const meta = detect([
      '关于进一步稳定和扩大就业的若干措施（征求意见稿）',
      '一、稳住就业',
      '1.支持永新县企业稳岗。永新县人社局负责。',
    ])
    expect(meta).toMatchObject({ city: '永新县', draft: true })
  })
})

describe('placesAfterCity', () => {
  it('finds the district a body of the city is named after', () => {
    expect(placesAfterCity('南京市江宁区人力资源和社会保障局关于开展2024年“春风行动”的通知', '南京市')).toEqual(['江宁区'])
    expect(placesAfterCity('赣州市章贡区人民政府办公室\n赣州市南康区', '赣州市')).toEqual(['章贡区', '南康区'])
  })

  it('finds nothing in a city-level title or issuer', () => {
    expect(placesAfterCity('常州市人力资源和社会保障局关于进一步推进就业创业工作的实施意见', '常州市')).toEqual([])
    expect(placesAfterCity('扬州市促进高质量充分就业总体方案（2023—2025年）', '扬州市')).toEqual([])
  })
})
