import { describe, expect, it } from 'vitest'
import { validityBadges } from './validity-badge.js'

const citation = { docTitle: '关于进一步推进就业创业工作高质量发展的实施意见', validity: '现行有效' }

describe('validityBadges', () => {
  it('should name each status in words', () => {
    expect(validityBadges({ ...citation, status: 'current' })).toEqual([{ text: '现行', tone: 'current' }])
    expect(validityBadges({ ...citation, status: 'expired' })).toEqual([{ text: '已到期', tone: 'expired' }])
    expect(validityBadges({ ...citation, status: 'draft' })).toEqual([{ text: '征求意见稿', tone: 'draft' }])
    expect(validityBadges({ ...citation, status: 'unknown' })).toEqual([{ text: '效力待确认', tone: 'unknown' }])
  })

  it('should add 征求意见稿 when a draft measure is also expired', () => {
    const badges = validityBadges({
      status: 'expired',
      docTitle: '关于进一步稳定和扩大就业的若干措施（征求意见稿）',
      validity: '征求意见稿，尚未正式施行，内容以正式印发的文件为准；该措施执行至2025年12月底，现已到期',
    })
    expect(badges.map((b) => b.text)).toEqual(['已到期', '征求意见稿'])
  })

  it('should read an unexpected status as 效力待确认', () => {
    expect(validityBadges({ ...citation, status: 'in force' as never })).toEqual([{ text: '效力待确认', tone: 'unknown' }])
  })
})
