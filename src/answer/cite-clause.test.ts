import { describe, expect, it } from 'vitest'
import { formatPath, quotedTitle } from './cite-clause.js'

describe('formatPath', () => {
  it('writes paths as people cite them', () => {
    expect(formatPath('二/（三）/1')).toBe('二（三）1')
    expect(formatPath('专栏1/2')).toBe('专栏1第2项')
    expect(formatPath('第23项/2024年度')).toBe('第23项（2024年度）')
    expect(formatPath('附件/第1项')).toBe('附件第1项')
    expect(formatPath('前言')).toBe('前言')
  })
})

describe('quotedTitle', () => {
  it('adds book-title marks once', () => {
    expect(quotedTitle('宜春市“十四五”就业促进规划')).toBe('《宜春市“十四五”就业促进规划》')
    expect(quotedTitle('《扬州市总体方案》任务分解表')).toBe('《扬州市总体方案》任务分解表')
  })
})
