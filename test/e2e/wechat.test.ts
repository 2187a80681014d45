import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QaEngine } from '../../src/answer/qa-engine.js'
import { createApp, type AppDeps } from '../../src/server/app.js'
import { MemoryRateLimiter } from '../../src/server/middleware/rate-limit/index.js'
import { wechatMessages } from '../../src/server/messages.js'
import type { QaService } from '../../src/server/qa-service.js'
import type { WechatLogEntry } from '../../src/server/routes/wechat.js'
import { wechatSignature } from '../../src/server/wechat/signature.js'
import { FakeWechat, newMsgId } from '../support/fake-wechat.js'
import { FakeWechatApi } from '../support/fake-wechat-api.js'
import { createSeedEngine } from '../support/seed-engine.js'

/** Vector A of the WeChat reference: the official 安全模式 walkthrough. */
const A = {
  token: 'AAAAA',
  encodingAesKey: 'A'.repeat(43),
  appId: 'wx134c8103faa5a59e',
  query: 'signature=cc0c594499c1634947d5b502f158ee518947db27&timestamp=1715943329&nonce=1590219412&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=6c12a4205838198b8fa631b3220723bb07f1015c',
  encrypt:
    'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
  now: 1715943329_000,
}
const PUBLIC_BASE_URL = 'https://policy.example.gov.cn'
const API_CREDENTIALS = { appId: A.appId, appSecret: 'fake-app-secret-0001' }
const bytes = (text: string) => new TextEncoder().encode(text).length

/** The core with a call counter and an optional delay, to see dedupe and the slow path. */
function instrumented(engine: QaEngine, delayMs = 0) {
  const counter = { calls: 0 }
  const qa: QaService = {
    async chat(request, options) {
      counter.calls += 1
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
      return engine.chat(request, options)
    },
    search: (request) => engine.search(request),
  }
  return { qa, counter }
}

async function listen(deps: AppDeps) {
  const app = createApp(deps)
  return new Promise<{ server: ServerType; base: string }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({ server, base: `http://127.0.0.1:${info.port}` })
    })
  })
}

const servers: ServerType[] = []
let engine: QaEngine
/** The main app: plain and 安全模式, real clock, no customer-service API. */
let main: { base: string; counter: { calls: number }; logs: WechatLogEntry[] }
let plain: FakeWechat
let safe: FakeWechat

beforeAll(async () => {
  engine = await createSeedEngine()
  const { qa, counter } = instrumented(engine)
  const logs: WechatLogEntry[] = []
  const { server, base } = await listen({
    qa,
    catalog: engine,
    wechat: { token: A.token, appId: A.appId, encodingAesKey: A.encodingAesKey, publicBaseUrl: PUBLIC_BASE_URL, log: (e) => logs.push(e) },
  })
  servers.push(server)
  main = { base, counter, logs }
  plain = new FakeWechat({ base, token: A.token })
  safe = new FakeWechat({ base, token: A.token, appId: A.appId, encodingAesKey: A.encodingAesKey })
}, 180_000)

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
})

/** The refusals logged while `action` ran. */
async function refusalsDuring(action: () => Promise<unknown>) {
  const before = main.logs.length
  await action()
  return main.logs.slice(before).map((e) => e.event)
}

describe('GET /wechat: URL verification', () => {
  it('returns echostr exactly for the official example', async () => {
    const res = await fetch(
      `${main.base}/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249`
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/)
    expect(await res.text()).toBe('4375120948345356249')
  })

  it('answers 403 to a wrong or missing signature', async () => {
    const wrong = await fetch(`${main.base}/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441697&timestamp=1714036504&nonce=1514711492&echostr=1`)
    expect(wrong.status).toBe(403)
    expect(await wrong.text()).not.toContain('1514711492')
    expect((await fetch(`${main.base}/wechat?echostr=1`)).status).toBe(403)
  })

  it('is 404 when WECHAT_TOKEN is not configured', async () => {
    const { server, base } = await listen({ qa: engine, catalog: engine })
    servers.push(server)
    expect((await fetch(`${base}/wechat?echostr=1`)).status).toBe(404)
    expect((await fetch(`${base}/wechat`, { method: 'POST', body: '<xml/>' })).status).toBe(404)
  })
})

describe('POST /wechat: 安全模式 with the official vector', () => {
  it('verifies msg_signature, decrypts and accepts the debug_demo event (no reply: success)', async () => {
    const logs: WechatLogEntry[] = []
    const { server, base } = await listen({
      qa: engine,
      catalog: engine,
      wechat: { token: A.token, appId: A.appId, encodingAesKey: A.encodingAesKey, now: () => A.now, log: (e) => logs.push(e) },
    })
    servers.push(server)
    const body = `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${A.encrypt}]]></Encrypt></xml>`
    const res = await fetch(`${base}/wechat?${A.query}`, { method: 'POST', body })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('success')
    expect(logs).toEqual([])

    const forged = await fetch(`${base}/wechat?${A.query.replace('msg_signature=6c', 'msg_signature=7c')}`, { method: 'POST', body })
    expect(await forged.text()).toBe('success')
    expect(logs.map((e) => e.event)).toEqual(['signature'])
  })
})

describe('POST /wechat: questions', () => {
  it('answers a plain text question with the answer, short citation labels and a link, within 1,800 bytes', async () => {
    const res = await plain.push(plain.textXml('oPlainUser0001', '连云港对招用高校毕业生的企业有什么补贴？'))
    expect(res.status).toBe(200)
    expect(res.contentType).toBe('application/xml; charset=utf-8')
    const reply = res.reply!
    expect(reply).toMatchObject({ ToUserName: 'oPlainUser0001', FromUserName: 'gh_97417a04a28d', MsgType: 'text' })
    const content = reply.Content!
    expect(bytes(content)).toBeLessThanOrEqual(1800)
    expect(content).toContain('25%')
    expect(content).toContain('[1] 连云港市 若干措施（征求意见稿） 一3')
    expect(content).toContain(`查看原文：${PUBLIC_BASE_URL}/doc/lianyungang#%E4%B8%80/3`)
    expect(content).not.toMatch(/<a |<\/?\w+>/)
  })

  it('answers an encrypted question with an encrypted, signed reply (安全模式)', async () => {
    const res = await safe.push(safe.textXml('oSafeUser0001', '扬州推行按经常居住地登记户口，牵头的是哪个部门？'), { encrypted: true, nonce: '415670741' })
    expect(res.status).toBe(200)
    expect(res.body).toMatch(/^<xml><Encrypt>/)
    expect(res.body).not.toContain('公安局')
    expect(res.replySignatureOk).toBe(true)
    expect(res.replyNonce).toBe('415670741')
    expect(res.reply).toMatchObject({ ToUserName: 'oSafeUser0001', MsgType: 'text' })
    expect(res.reply!.Content).toContain('牵头部门：公安局')
    expect(res.reply!.Content).toContain('扬州市 任务分解表 第14项')
  })

  it('continues the conversation of the same OpenID: 「这个补贴到什么时候截止？」', async () => {
    const first = await plain.push(plain.textXml('oFollowUser001', '连云港企业派人去外地招聘有补贴吗？'))
    const firstLabel = /\[1\] (.+)/.exec(first.reply!.Content!)![1]
    const second = await plain.push(plain.textXml('oFollowUser001', '这个补贴到什么时候截止？'))
    expect(second.reply!.Content).toContain(`[1] ${firstLabel}`)
    const stranger = await plain.push(plain.textXml('oOtherUser0001', '这个补贴到什么时候截止？'))
    expect(stranger.reply!.Content).not.toContain(`[1] ${firstLabel}`)
  })

  it('answers a retried MsgId once, with the same reply', async () => {
    const msgId = newMsgId()
    const xml = plain.textXml('oRetryUser0001', '常州市城镇调查失业率要控制在多少？', msgId)
    const callsBefore = main.counter.calls
    const first = await plain.push(xml)
    const [second, third] = await Promise.all([plain.push(xml), plain.push(xml)])
    expect(second.reply!.Content).toBe(first.reply!.Content)
    expect(third.reply!.Content).toBe(first.reply!.Content)
    expect(main.counter.calls - callsBefore).toBe(1)
  })

  it('keeps MsgIds past 2^53 apart', async () => {
    const callsBefore = main.counter.calls
    await plain.push(plain.textXml('oBigIdUser0001', '泾源县对返乡创业有什么支持？', '9007199254740993'))
    await plain.push(plain.textXml('oBigIdUser0001', '泾源县对返乡创业有什么支持？', '9007199254740992'))
    expect(main.counter.calls - callsBefore).toBe(2)
  })

  it('answers the commands 帮助 and 城市列表 without asking the core', async () => {
    const callsBefore = main.counter.calls
    const help = await plain.push(plain.textXml('oCommandUser01', '帮助'))
    expect(help.reply!.Content).toContain('直接发送文字问题')
    const cities = await plain.push(plain.textXml('oCommandUser01', '城市列表'))
    expect(cities.reply!.Content).toContain('常州市：《关于进一步推进就业创业工作高质量发展的实施意见》')
    expect(main.counter.calls).toBe(callsBefore)
  })

  it('limits questions per OpenID with a polite text', async () => {
    const { qa } = instrumented(engine)
    const { server, base } = await listen({ qa, catalog: engine, wechat: { token: A.token, rateLimiter: new MemoryRateLimiter({ limitPerMinute: 2 }), log: () => {} } })
    servers.push(server)
    const wechat = new FakeWechat({ base, token: A.token })
    const replies = []
    for (let i = 0; i < 3; i++) replies.push((await wechat.push(wechat.textXml('oBusyUser00001', `常州的就业目标是什么？${i}`))).reply!.Content)
    expect(replies[1]).not.toBe(wechatMessages.rateLimited)
    expect(replies[2]).toBe(wechatMessages.rateLimited)
    expect((await wechat.push(wechat.textXml('oCalmUser00001', '常州的就业目标是什么？'))).reply!.Content).not.toBe(wechatMessages.rateLimited)
  })
})

describe('POST /wechat: events and other message types', () => {
  it('welcomes a new follower with three example questions and the cities on file', async () => {
    const res = await safe.push(safe.eventXml('oNewFollower01', 'subscribe'), { encrypted: true })
    const content = res.reply!.Content!
    expect(content.split('\n').filter((line) => /^\d\. /.test(line))).toHaveLength(3)
    for (const city of ['扬州市', '常州市', '宜春市', '连云港市', '泾源县']) expect(content).toContain(city)
  })

  it('answers other events with success, once per sender and CreateTime', async () => {
    const res = await plain.push(plain.eventXml('oLeaver0000001', 'unsubscribe'))
    expect(res.body).toBe('success')
  })

  it('says politely that only text is understood, for an image or a voice message', async () => {
    for (const type of ['image', 'voice'] as const) {
      const res = await plain.push(plain.mediaXml('oMediaUser0001', type))
      expect(res.reply!.Content).toBe(wechatMessages.textOnly)
    }
  })
})

describe('POST /wechat: refused pushes get success, never an HTTP error', () => {
  it('drops a forged signature without asking the core', async () => {
    const callsBefore = main.counter.calls
    const events = await refusalsDuring(async () => {
      const forged = await plain.push(plain.textXml('oForger0000001', '常州的就业目标是什么？'), { signature: 'f'.repeat(40) })
      expect([forged.status, forged.body]).toEqual([200, 'success'])
      const forgedSafe = await safe.push(safe.textXml('oForger0000001', '常州的就业目标是什么？'), { encrypted: true, signature: '0'.repeat(40) })
      expect([forgedSafe.status, forgedSafe.body]).toEqual([200, 'success'])
    })
    expect(events).toEqual(['signature', 'signature'])
    expect(main.counter.calls).toBe(callsBefore)
  })

  it('drops a push whose timestamp is outside the window (a replay)', async () => {
    const stale = String(Math.floor(Date.now() / 1000) - 301)
    const events = await refusalsDuring(async () => {
      const res = await plain.push(plain.textXml('oReplayUser001', '常州的就业目标是什么？'), { timestamp: stale })
      expect([res.status, res.body]).toEqual([200, 'success'])
    })
    expect(events).toEqual(['timestamp'])
  })

  it('drops a body with a DOCTYPE or ENTITY, even when signed', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>${plain.textXml('oEntityUser001', '&b;')}`
    const events = await refusalsDuring(async () => {
      const res = await plain.push(bomb)
      expect([res.status, res.body]).toEqual([200, 'success'])
    })
    expect(events).toEqual(['dtd'])
  })

  it('drops a body over 64 KiB unread and closes the connection', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = await wechatSignature([A.token, timestamp, '1'])
    const events = await refusalsDuring(async () => {
      const res = await fetch(`${main.base}/wechat?signature=${signature}&timestamp=${timestamp}&nonce=1`, {
        method: 'POST',
        body: plain.textXml('oHugeUser00001', '政'.repeat(30 * 1024)),
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('Connection')).toBe('close')
      expect(await res.text()).toBe('success')
    })
    expect(events).toEqual(['body-too-large'])
  })

  it('drops an encrypted push it cannot read: not XML inside, or no Encrypt field', async () => {
    const events = await refusalsDuring(async () => {
      expect((await safe.push('just text, not xml', { encrypted: true })).body).toBe('success')
      const timestamp = String(Math.floor(Date.now() / 1000))
      const signature = await wechatSignature([A.token, timestamp, '2'])
      const res = await safe.postRaw(`?signature=${signature}&timestamp=${timestamp}&nonce=2&encrypt_type=aes&msg_signature=x`, '<xml><ToUserName>gh</ToUserName></xml>')
      expect(res.body).toBe('success')
    })
    expect(events).toEqual(['malformed', 'not-encrypted'])
  })
})

describe('POST /wechat: an answer slower than the reply deadline', () => {
  it('replies success at once and delivers the answer by customer-service message, once, with a cached token', async () => {
    const api = await new FakeWechatApi(API_CREDENTIALS).start()
    try {
      const { qa, counter } = instrumented(engine, 1000)
      const { server, base } = await listen({
        qa,
        catalog: engine,
        wechat: { token: A.token, ...API_CREDENTIALS, apiBase: api.base, replyDeadlineMs: 150, publicBaseUrl: PUBLIC_BASE_URL, log: () => {} },
      })
      servers.push(server)
      const wechat = new FakeWechat({ base, token: A.token })
      const xml = wechat.textXml('oSlowUser00001', '连云港对招用高校毕业生的企业有什么补贴？')
      const started = Date.now()
      const [first, retry] = await Promise.all([wechat.push(xml), wechat.push(xml)])
      expect(Date.now() - started).toBeLessThan(900)
      expect([first.body, retry.body]).toEqual(['success', 'success'])

      const [sent] = await api.waitForSends(1)
      expect(sent.touser).toBe('oSlowUser00001')
      expect(sent.msgtype).toBe('text')
      expect(sent.text.content).toContain('[1] 连云港市 若干措施（征求意见稿） 一3')
      expect(sent.text.content).toContain(`${PUBLIC_BASE_URL}/doc/lianyungang#`)
      expect(bytes(sent.text.content)).toBeLessThanOrEqual(1800)
      expect((await wechat.push(xml)).body).toBe('success')
      expect(counter.calls).toBe(1)

      // A second slow answer reuses the token; after WeChat voids it (40001) it is fetched again once.
      await wechat.push(wechat.textXml('oSlowUser00001', '这个补贴到什么时候截止？'))
      await api.waitForSends(2)
      expect(api.tokenRequests).toHaveLength(1)
      api.revokeTokens()
      await wechat.push(wechat.textXml('oSlowUser00001', '泾源县对返乡创业有什么支持？'))
      await api.waitForSends(3)
      expect(api.tokenRequests).toHaveLength(2)
      expect(api.sends.map((s) => s.accessToken)).toEqual(['TOKEN-1', 'TOKEN-1', 'TOKEN-2'])
      expect(api.sends).toHaveLength(3)
    } finally {
      await api.close()
    }
  })
})
