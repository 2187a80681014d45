import { describe, expect, it } from 'vitest'
import { wechatMessages } from '../messages.js'
import { ReplyWindow, type TextSender } from './reply-window.js'

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))

function recordingSender() {
  const sent: [string, string][] = []
  const sender: TextSender = {
    async sendText(openId, content) {
      sent.push([openId, content])
    },
  }
  return { sender, sent }
}

describe('ReplyWindow.deliver', () => {
  it('answers a ready message passively and gives every retry the same reply, computing it once', async () => {
    const window = new ReplyWindow({ deadlineMs: 200 })
    let calls = 0
    const answer = async () => `答复${++calls}`
    expect(await window.deliver('msg:1', 'oUser', answer)).toBe('答复1')
    expect(await window.deliver('msg:1', 'oUser', answer)).toBe('答复1')
    expect(await Promise.all([window.deliver('msg:2', 'oUser', answer), window.deliver('msg:2', 'oUser', answer)])).toEqual(['答复2', '答复2'])
    expect(calls).toBe(2)
  })

  it('hands a late answer to the sender exactly once and answers every delivery `success`', async () => {
    const { sender, sent } = recordingSender()
    const window = new ReplyWindow({ deadlineMs: 50, sender })
    const answer = () => after(200, '慢答复')
    const deliveries = await Promise.all([window.deliver('msg:1', 'oUser', answer), window.deliver('msg:1', 'oUser', answer)])
    expect(deliveries).toEqual([undefined, undefined])
    expect(await window.deliver('msg:1', 'oUser', answer)).toBeUndefined()
    await after(250, null)
    expect(sent).toEqual([['oUser', '慢答复']])
  })

  it('hands the answer and the late send to keepAlive, so a runtime can wait for them after responding', async () => {
    const { sender, sent } = recordingSender()
    const window = new ReplyWindow({ deadlineMs: 20, sender })
    const kept: Promise<unknown>[] = []
    const keepAlive = (work: Promise<unknown>) => void kept.push(work)
    expect(await window.deliver('msg:1', 'oUser', () => after(60, '慢答复'), keepAlive)).toBeUndefined()
    expect(await window.deliver('msg:1', 'oUser', () => after(60, '重复'), keepAlive)).toBeUndefined()
    // The answer, once, and its sending; a retry adds nothing.
    expect(kept).toHaveLength(2)
    await Promise.all(kept)
    expect(sent).toEqual([['oUser', '慢答复']])
  })

  it('sends nothing when the late reply is "no reply"', async () => {
    const { sender, sent } = recordingSender()
    const window = new ReplyWindow({ deadlineMs: 20, sender })
    expect(await window.deliver('event:o:1', 'o', () => after(60, undefined))).toBeUndefined()
    await after(100, null)
    expect(sent).toEqual([])
  })

  it('without a sender, holds retries open, then asks for 「继续」 and keeps the answer for it', async () => {
    const window = new ReplyWindow({ deadlineMs: 20, holdMs: 40, expectedDeliveries: 2 })
    const answer = () => after(150, '很慢的答复')
    expect(await window.deliver('msg:1', 'oUser', answer)).toBeUndefined()
    expect(await window.deliver('msg:1', 'oUser', answer)).toBe(wechatMessages.stillWorking)
    expect(await window.deliver('msg:1', 'oUser', answer)).toBeUndefined()
    expect(await window.takePending('oUser')).toBe('很慢的答复')
    expect(window.takePending('oUser')).toBeUndefined()
  })

  it('without a sender, a retry answers passively once the answer is ready', async () => {
    const window = new ReplyWindow({ deadlineMs: 20, holdMs: 40 })
    const answer = () => after(50, '稍慢的答复')
    expect(await window.deliver('msg:1', 'oUser', answer)).toBeUndefined()
    expect(await window.deliver('msg:1', 'oUser', answer)).toBe('稍慢的答复')
  })

  it('refuses a deadline outside WeChat’s 5 seconds', () => {
    expect(() => new ReplyWindow({ deadlineMs: 6000 })).toThrow(/deadlineMs/)
  })
})
