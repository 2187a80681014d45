import { describe, expect, it } from 'vitest'
import type { DocumentInfo } from '../schema/clause.js'
import { assessValidity, findDeadlines } from './validity.js'

const doc = (fields: Partial<DocumentInfo>): DocumentInfo => ({
  docKey: 'x',
  file: 'x.txt',
  city: '某市',
  title: '某文件',
  draft: false,
  detected: [],
  places: [],
  sourceHash: '',
  units: 1,
  ...fields,
})
const today = new Date('2026-11-23T00:00:00Z')

describe('findDeadlines', () => {
  it('reads 至…月底, …日前 and year spans', () => {
    const found = findDeadlines('执行期限至2025年12月底。2026年6月30日前申报。2025—2027年，组织开展培训。')
    expect(found.map((d) => d.written)).toEqual(['2025年12月底', '2026年6月30日', '2027年'])
    expect(found[0].lastDay.toISOString().slice(0, 10)).toBe('2025-12-31')
  })
})

describe('assessValidity', () => {
  it('marks a measure whose deadline has passed as ended', () => {
    const v = assessValidity(doc({ date: '2025' }), '按每人1500元给予补助，执行期限至2025年12月底。', today)
    expect(v.status).toBe('expired')
    expect(v.text).toContain('2025年12月底')
    expect(v.text).toContain('已到期')
  })

  it('keeps a measure that runs past today current', () => {
    const v = assessValidity(doc({ date: '2025' }), '政策执行至2027年底。', today)
    expect(v.status).toBe('current')
    expect(v.text).toContain('2027年底')
  })

  it('calls a 征求意见稿 a draft and says so even when the measure still runs', () => {
    const v = assessValidity(doc({ draft: true }), '政策执行至2027年底。', today)
    expect(v.status).toBe('draft')
    expect(v.text).toContain('征求意见稿')
  })

  it('marks a plan whose period ended when the clause states no date', () => {
    const v = assessValidity(doc({ validTo: '2025-12-31' }), '健全公共就业服务体系。', today)
    expect(v.status).toBe('expired')
    expect(v.text).toContain('2025年底')
  })

  it('depends on the injected date, not the real clock', () => {
    const before = assessValidity(doc({ validTo: '2025-12-31' }), '健全体系。', new Date('2024-01-01'))
    expect(before.status).toBe('current')
  })

  it('says a superseded document was replaced, by which version, whatever its own dates say', () => {
    const v = assessValidity(
      doc({ date: '2023-03-01', validTo: '2027-12-31', supersededBy: { docKey: 'new', title: '某办法', date: '2025-03-01' } }),
      '按每人每月300元给予补贴。',
      today
    )
    expect(v.status).toBe('expired')
    expect(v.text).toMatch(/^该文件已被2025年3月1日的新版《某办法》取代，现行规定以新文件为准/)
  })
})
