import { describe, expect, it } from 'vitest'
import { splitFootnotes } from './footnotes.js'

describe('splitFootnotes', () => {
  it('should turn [n] into references to existing citations', () => {
    expect(splitFootnotes('补贴25%。[1]申请期限至2025年。[2]', 2)).toEqual([
      { type: 'text', text: '补贴25%。' },
      { type: 'ref', n: 1 },
      { type: 'text', text: '申请期限至2025年。' },
      { type: 'ref', n: 2 },
    ])
  })

  it('should keep a marker without a citation as plain text', () => {
    expect(splitFootnotes('见[3]和[0]。', 2)).toEqual([{ type: 'text', text: '见[3]和[0]。' }])
  })

  it('should keep adjacent markers apart', () => {
    expect(splitFootnotes('提示：[1][2] 已到期。', 2)).toEqual([
      { type: 'text', text: '提示：' },
      { type: 'ref', n: 1 },
      { type: 'ref', n: 2 },
      { type: 'text', text: ' 已到期。' },
    ])
  })

  it('should return text without markers unchanged, and nothing for an empty line', () => {
    expect(splitFootnotes('没有引用。', 0)).toEqual([{ type: 'text', text: '没有引用。' }])
    expect(splitFootnotes('', 1)).toEqual([])
  })
})
