import { describe, expect, it } from 'vitest'
import { smallTalkReply } from './small-talk.js'

const CITIES = ['常州市', '宜春市']

describe('smallTalkReply', () => {
  it.each(['你好', '您好！', '在吗？', 'Hello', '你是谁', '你能做什么？'])('should greet %s with the cities on file', (text) => {
    const reply = smallTalkReply(text, CITIES)
    expect(reply).toContain('您好')
    expect(reply).toContain('常州市、宜春市')
  })

  it('should name a few of many cities and how many there are', () => {
    const cities = Array.from({ length: 40 }, (_, n) => `城市${n}市`)
    const reply = smallTalkReply('你好', cities)!
    expect(reply).toContain('等40个地区')
    expect(reply).not.toContain('城市39市')
  })

  it.each([
    ['谢谢', '不客气'],
    ['好的，谢谢！', '不客气'],
    ['好的', '好的'],
    ['再见', '12333'],
  ])('should answer %s politely', (text, expected) => {
    expect(smallTalkReply(text, CITIES)).toContain(expected)
  })

  it.each(['你好，常州的创业担保贷款有什么规定？', '谢谢你们的创业补贴政策在哪里看', '', '   ', '？'])(
    'should leave %j to retrieval',
    (text) => {
      expect(smallTalkReply(text, CITIES)).toBeUndefined()
    }
  )
})
