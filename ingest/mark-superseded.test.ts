import { describe, expect, it } from 'vitest'
import type { DocumentInfo } from '../src/schema/clause.js'
import { markSuperseded, subjectOf } from './mark-superseded.js'

const doc = (docKey: string, fields: Partial<DocumentInfo>): DocumentInfo => ({
  docKey,
  file: `${docKey}.txt`,
  city: '淮安市',
  title: '淮安市就业困难人员认定和援助办法',
  draft: false,
  detected: [],
  places: [],
  sourceHash: '',
  units: 1,
  ...fields,
})

describe('markSuperseded', () => {
  it('marks the earlier version of the same city and title, naming the latest', () => {
    const docs = [doc('v2023', { date: '2023-03-01' }), doc('v2025', { date: '2025-03-01' }), doc('v2024', { date: '2024-01-05' })]
    const marked = markSuperseded(docs)
    expect(marked.map((d) => d.supersededBy?.docKey)).toEqual(['v2025', undefined, 'v2025'])
    expect(marked[0].supersededBy).toEqual({ docKey: 'v2025', title: '淮安市就业困难人员认定和援助办法', date: '2025-03-01' })
    expect(docs[0].supersededBy).toBeUndefined() // the input is not changed
  })

  it('leaves other cities, other subjects, undated documents and dates that do not order alone', () => {
    const docs = [
      doc('a', { date: '2023-03-01' }),
      doc('other-city', { date: '2025-03-01', city: '南通市' }),
      doc('other-title', { date: '2025-03-01', title: '淮安市2025年就业工作要点' }),
      doc('undated', {}),
      doc('year-only', { date: '2023' }),
    ]
    expect(markSuperseded(docs).map((d) => d.supersededBy)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  it('lets the final text replace its draft for comment, on the same date too', () => {
    const draft = doc('draft', { date: '2025-03-01', draft: true, title: '关于进一步稳定和扩大就业的若干措施（征求意见稿）', city: '连云港市' })
    const final = doc('final', { date: '2025-03-01', title: '关于进一步稳定和扩大就业的若干措施', city: '连云港市' })
    expect(markSuperseded([draft, final]).map((d) => d.supersededBy?.docKey)).toEqual(['final', undefined])
  })
})

describe('subjectOf', () => {
  it('ignores quotes, spaces, width and version notes, and keeps years', () => {
    expect(subjectOf('《宜春市“十四五”就业促进规划》（试行）')).toBe(subjectOf('宜春市"十四五"就业促进规划'))
    expect(subjectOf('扬州市2023年度主要工作安排')).not.toBe(subjectOf('扬州市2024年度主要工作安排'))
  })
})
