import { describe, expect, it } from 'vitest'
import { unitBodyLines, unitDepth } from './doc-page.js'

describe('unitDepth', () => {
  it('should count the levels of a path', () => {
    expect(unitDepth('二')).toBe(1)
    expect(unitDepth('二/（三）/1')).toBe(3)
  })
})

describe('unitBodyLines', () => {
  it('should drop a first line that only repeats the heading', () => {
    expect(unitBodyLines({ heading: '工作目标', text: '工作目标\n到“十四五”期末……' })).toEqual(['到“十四五”期末……'])
  })

  it('should show nothing when the text is the heading', () => {
    expect(unitBodyLines({ heading: '主要任务', text: '主要任务' })).toEqual([])
  })

  it('should keep text that starts with the heading as a sentence, and drop blank lines', () => {
    expect(unitBodyLines({ heading: '就业工作优先部署', text: '就业工作优先部署。强化……\n\n牵头部门：人社局' })).toEqual([
      '就业工作优先部署。强化……',
      '牵头部门：人社局',
    ])
  })
})
