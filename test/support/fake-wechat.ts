/** @module A scripted WeChat for tests: signs (and in 安全模式 encrypts) pushes and posts them over real HTTP. */
import { MessageCrypto } from '../../src/server/wechat/message-crypto.js'
import { parseMessage } from '../../src/server/wechat/message-xml.js'
import { wechatSignature } from '../../src/server/wechat/signature.js'
import type { WechatMessage } from '../../src/schema/wechat.js'

/** WeChat gives up on a push after 5 s; so does this client. */
const CLIENT_TIMEOUT_MS = 5000

export type FakeWechatOptions = {
  /** The service root, e.g. http://127.0.0.1:1234. */
  base: string
  token: string
  /** With both, pushes can be encrypted (安全模式). */
  appId?: string
  encodingAesKey?: string
  /** Our account's original id. */
  account?: string
  /** Now in ms, for timestamps. */
  now?: () => number
}

export type PushOptions = {
  encrypted?: boolean
  /** Unix seconds in the URL; default now. */
  timestamp?: string
  nonce?: string
  /** Replaces the computed signature (plain) or msg_signature (安全模式). */
  signature?: string
}

export type PushResult = {
  status: number
  contentType: string
  body: string
  /** The reply message, decrypted in 安全模式; undefined for `success`. */
  reply?: WechatMessage
  /** 安全模式 only: whether MsgSignature matched TimeStamp, Nonce and Encrypt. */
  replySignatureOk?: boolean
  /** 安全模式 only: the Nonce of the reply. */
  replyNonce?: string
}

let sequence = 0

/** A new 64-bit MsgId as WeChat writes it (past 2^53, so a JS number would round it). */
export function newMsgId(): string {
  sequence += 1
  return (7312345678901234567n + BigInt(Date.now()) * 1000n + BigInt(sequence)).toString()
}

export class FakeWechat {
  readonly #options: Required<Omit<FakeWechatOptions, 'appId' | 'encodingAesKey'>> & Pick<FakeWechatOptions, 'appId' | 'encodingAesKey'>
  #crypto: Promise<MessageCrypto> | undefined

  constructor(options: FakeWechatOptions) {
    this.#options = { account: 'gh_97417a04a28d', now: () => Date.now(), ...options }
    const { appId, encodingAesKey } = options
    if (appId && encodingAesKey) this.#crypto = MessageCrypto.create({ appId, encodingAesKey })
  }

  textXml(from: string, content: string, msgId = newMsgId()): string {
    return this.#xml(from, [`<MsgType><![CDATA[text]]></MsgType>`, `<Content><![CDATA[${content}]]></Content>`, `<MsgId>${msgId}</MsgId>`])
  }

  eventXml(from: string, event: string, createTime?: string): string {
    return this.#xml(from, [`<MsgType><![CDATA[event]]></MsgType>`, `<Event><![CDATA[${event}]]></Event>`, '<EventKey><![CDATA[]]></EventKey>'], createTime)
  }

  mediaXml(from: string, type: 'image' | 'voice', msgId = newMsgId()): string {
    return this.#xml(from, [
      `<MsgType><![CDATA[${type}]]></MsgType>`,
      `<MediaId><![CDATA[media_id_${msgId}]]></MediaId>`,
      type === 'image' ? '<PicUrl><![CDATA[http://mmbiz.example/pic.jpg]]></PicUrl>' : '<Format><![CDATA[amr]]></Format>',
      `<MsgId>${msgId}</MsgId>`,
    ])
  }

  /** Signs and posts `xml` to /wechat as WeChat would. */
  async push(xml: string, options: PushOptions = {}): Promise<PushResult> {
    const { token, base, account } = this.#options
    const timestamp = options.timestamp ?? String(Math.floor(this.#options.now() / 1000))
    const nonce = options.nonce ?? String(Math.floor(Math.random() * 1e9))
    const signature = await wechatSignature([token, timestamp, nonce])
    const query = new URLSearchParams({ signature, timestamp, nonce, openid: 'ignored-by-the-service' })
    let body = xml
    if (options.encrypted) {
      const encrypt = await (await this.#cryptoOrThrow()).encrypt(xml)
      query.set('encrypt_type', 'aes')
      query.set('msg_signature', options.signature ?? (await wechatSignature([token, timestamp, nonce, encrypt])))
      body = `<xml><ToUserName><![CDATA[${account}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    } else if (options.signature) {
      query.set('signature', options.signature)
    }
    return this.postRaw(`?${query}`, body, { encrypted: options.encrypted })
  }

  /** Posts `body` with the given query string and reads the reply. */
  async postRaw(search: string, body: string, options: { encrypted?: boolean } = {}): Promise<PushResult> {
    const response = await fetch(`${this.#options.base}/wechat${search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    })
    const text = await response.text()
    const result: PushResult = { status: response.status, contentType: response.headers.get('Content-Type') ?? '', body: text }
    if (text === 'success' || text === '') return result
    if (!options.encrypted) return { ...result, reply: parseMessage(text) }
    const envelope = /<Encrypt><!\[CDATA\[(.+?)\]\]><\/Encrypt><MsgSignature><!\[CDATA\[(\w+)\]\]><\/MsgSignature><TimeStamp>(\d+)<\/TimeStamp><Nonce><!\[CDATA\[(.*?)\]\]><\/Nonce>/.exec(text)
    if (!envelope) throw new Error(`not an encrypted reply: ${text.slice(0, 200)}`)
    const [, encrypt, msgSignature, timestamp, nonce] = envelope
    const expected = await wechatSignature([this.#options.token, timestamp, nonce, encrypt])
    const inner = await (await this.#cryptoOrThrow()).decrypt(encrypt)
    return { ...result, reply: parseMessage(inner), replySignatureOk: expected === msgSignature, replyNonce: nonce }
  }

  #xml(from: string, fields: string[], createTime?: string): string {
    const time = createTime ?? String(Math.floor(this.#options.now() / 1000))
    return [
      '<xml>',
      `<ToUserName><![CDATA[${this.#options.account}]]></ToUserName>`,
      `<FromUserName><![CDATA[${from}]]></FromUserName>`,
      `<CreateTime>${time}</CreateTime>`,
      ...fields,
      '</xml>',
    ].join('\n')
  }

  #cryptoOrThrow(): Promise<MessageCrypto> {
    if (!this.#crypto) throw new Error('FakeWechat: appId and encodingAesKey are needed for 安全模式')
    return this.#crypto
  }
}
