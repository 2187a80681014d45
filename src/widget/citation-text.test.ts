import { describe, expect, it } from 'vitest'
import { clauseOf, documentUrl, quotedTitle } from './citation-text.js'

const citation = {
  city: '常州市',
  docKey: 'changzhou',
  docTitle: '关于进一步推进就业创业工作高质量发展的实施意见',
  path: '二/（三）/1',
  label: '常州市《关于进一步推进就业创业工作高质量发展的实施意见》二（三）1',
}

describe('clauseOf', () => {
  it('should return the clause part of the label', () => {
    expect(clauseOf(citation)).toBe('二（三）1')
  })

  it('should handle a title already in 《》', () => {
    expect(clauseOf({ ...citation, city: '扬州市', docTitle: '《扬州市总体方案》任务分解表', label: '扬州市《扬州市总体方案》任务分解表第23项（2024年度）', path: '第23项/2024年度' })).toBe('第23项（2024年度）')
  })

  it('should fall back to the path when the label has another shape', () => {
    expect(clauseOf({ ...citation, label: '别的写法' })).toBe('二 （三） 1')
  })
})

describe('quotedTitle', () => {
  it('should add 《》 once', () => {
    expect(quotedTitle('实施意见')).toBe('《实施意见》')
    expect(quotedTitle('《方案》任务分解表')).toBe('《方案》任务分解表')
  })
})

describe('documentUrl', () => {
  it('should link the document view with the path as the fragment, as WeChat answers do', () => {
    expect(documentUrl('https://qa.example.gov.cn', citation)).toBe(
      `https://qa.example.gov.cn/doc/changzhou#${encodeURI('二/（三）/1')}`
    )
  })
})
