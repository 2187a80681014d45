/** @module GET|POST /wechat: the WeChat 公众号 callback (plain, 兼容 and 安全模式). */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { WechatMessage } from '../../schema/wechat.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import type { PolicyCatalog, QaService } from '../qa-service.js'
import { conversationKey } from '../wechat/conversation-key.js'
import { CustomerService } from '../wechat/customer-service.js'
import { documentLink } from '../wechat/format-reply.js'
import { MessageHandler } from '../wechat/handle-message.js'
import { assertEncodingAesKey, MessageCrypto } from '../wechat/message-crypto.js'
import { encryptedReplyXml, extractEncrypt, hasDtd, parseMessage, textReplyXml, unixSeconds, WechatXmlError } from '../wechat/message-xml.js'
import { MemoryRateLimiter, type RateLimiter } from '../middleware/rate-limit/index.js'
import { ReplyWindow, type KeepAlive } from '../wechat/reply-window.js'
import { wechatSignature, verifySignature } from '../wechat/signature.js'

/** Where WeChat calls; register this URL in 公众平台 → 基本配置. */
export const WECHAT_PATH = '/wechat'

/** WeChat's "no reply": it neither retries nor shows the user an error. */
const NO_REPLY = 'success'

/** Why a push was dropped; logged with the request id, never with the body or a secret. */
type Refusal = 'body-too-large' | 'dtd' | 'signature' | 'timestamp' | 'not-encrypted' | 'aes-not-configured' | 'decrypt' | 'malformed' | 'fields'

export type WechatLogEntry = { requestId: string; event: Refusal | 'answer-failed' | 'send-failed'; error?: unknown }
export type WechatLog = (entry: WechatLogEntry) => void

export type WechatOptions = {
  /** The Token of 公众平台 → 基本配置 (WECHAT_TOKEN); it also keys conversation ids. */
  token: string
  /** The account's AppID (WECHAT_APPID); needed with `encodingAesKey` and `appSecret`. */
  appId: string | undefined
  /** The 43-character EncodingAESKey (WECHAT_AES_KEY); accepts 安全模式 and 兼容模式 when set. */
  encodingAesKey: string | undefined
  /** The AppSecret (WECHAT_APPSECRET); enables the customer-service API for slow answers. */
  appSecret: string | undefined
  /** WeChat API root (WECHAT_API_BASE). Default `https://api.weixin.qq.com`. */
  apiBase: string
  /** Largest accepted gap between a push's timestamp and now, in seconds. Default 300. */
  timestampWindowS: number
  /** How long a push waits for its answer before the customer-service path, in ms. Default 4,000. */
  replyDeadlineMs: number
  /** Public root of this service for links in answers (PUBLIC_BASE_URL); no link when undefined. */
  publicBaseUrl: string | undefined
  /** Largest body in bytes. Default 64 KiB (a real push is under 3 KB). */
  maxBodyBytes: number
  /**
   * Limits questions per OpenID, the same limiter the HTTP API uses (a Workers rate-limit binding
   * fits too). Default: in memory, {@link WECHAT_QUESTIONS_PER_MINUTE} a minute.
   */
  rateLimiter: RateLimiter | undefined
  /** The welcome's example questions. Default: from messages.ts, naming cities on file. */
  exampleQuestions: readonly string[] | undefined
  /** The fetch the customer-service API uses. Default: the global fetch. */
  fetch: typeof fetch | undefined
  /** Now, in ms; tests fix it to replay the official vectors. */
  now: () => number
  /** Receives dropped pushes and failures. Default: one line on stderr, no bodies, no secrets. */
  log: WechatLog
}

/**
 * Questions an OpenID may ask at once, and regains per minute. Six: a person typing questions one
 * after another stays under it; a script sending one a second does not.
 */
export const WECHAT_QUESTIONS_PER_MINUTE = 6

export const defaultWechatOptions = {
  appId: undefined,
  encodingAesKey: undefined,
  appSecret: undefined,
  apiBase: 'https://api.weixin.qq.com',
  timestampWindowS: 300,
  replyDeadlineMs: 4000,
  publicBaseUrl: undefined,
  maxBodyBytes: 64 * 1024,
  rateLimiter: undefined,
  exampleQuestions: undefined,
  fetch: undefined,
  now: () => Date.now(),
  log: ({ requestId, event, error }) => console.warn(`[wechat ${requestId}] ${event}`, ...(error ? [error] : [])),
} satisfies Omit<WechatOptions, 'token'>

/**
 * The WeChat callback, to mount with `app.route('/', wechat(options))` **before** the app's JSON
 * body limit: WeChat must never get an HTTP error for a push (it would retry and show the user
 * "该公众号暂时无法提供服务"), so every refused push is answered `success` and logged. Only the GET
 * handshake answers 403 to a wrong signature.
 *
 * POST checks, in order: body size, DTD, signature (`msg_signature` over `Encrypt` in 安全模式, before
 * any parsing), timestamp window, decryption and AppID, then the XML fields. Each message is
 * answered once across the retries WeChat sends to this process (on Workers, this isolate; see
 * ReplyWindow), passively when ready in time, else by the customer-service API when `appSecret` is set.
 *
 * @example
 * ```ts
 * app.route('/', wechat({ qa, catalog, token: config.WECHAT_TOKEN, publicBaseUrl: config.PUBLIC_BASE_URL }))
 * ```
 */
export function wechat(options: { qa: QaService; catalog: PolicyCatalog; token: string } & Partial<WechatOptions>) {
  const settings = { ...defaultWechatOptions, ...options } satisfies WechatOptions
  const { token, appId, encodingAesKey, appSecret, timestampWindowS, publicBaseUrl, now, log } = settings
  if (!token) throw new Error('wechat: token is required (WECHAT_TOKEN)')
  if ((encodingAesKey || appSecret) && !appId) {
    throw new Error('wechat: WECHAT_APPID is required with WECHAT_AES_KEY (checked in every decrypted message) and with WECHAT_APPSECRET')
  }
  // A malformed key fails here, at start, not on the first encrypted push.
  if (encodingAesKey) assertEncodingAesKey(encodingAesKey)
  const box = encodingAesKey && appId ? MessageCrypto.create({ encodingAesKey, appId }) : undefined
  // Awaited by every encrypted push; this only keeps an import failure from going unhandled meanwhile.
  box?.catch(() => {})
  const sender =
    appId && appSecret
      ? new CustomerService({ appId, appSecret, apiBase: settings.apiBase, now, ...(settings.fetch ? { fetch: settings.fetch } : {}) })
      : undefined
  const replies = new ReplyWindow({
    deadlineMs: settings.replyDeadlineMs,
    sender,
    now,
    onError: (error) => log({ requestId: 'customer-service', event: 'send-failed', error }),
  })
  const handler = new MessageHandler({
    qa: options.qa,
    catalog: options.catalog,
    conversationKeyOf: conversationKey(token),
    rateLimiter: settings.rateLimiter ?? new MemoryRateLimiter({ limitPerMinute: WECHAT_QUESTIONS_PER_MINUTE, now }),
    pending: replies,
    linkOf: (citation) => (publicBaseUrl ? documentLink(publicBaseUrl, citation) : undefined),
    exampleQuestions: settings.exampleQuestions,
    onError: (error) => log({ requestId: 'core', event: 'answer-failed', error }),
  })

  const app = new Hono<AppEnv>()

  app.get(WECHAT_PATH, async function wechatHandshake(c) {
    const { signature, timestamp, nonce, echostr } = c.req.query()
    if (!signature || !timestamp || !nonce || echostr === undefined || !(await verifySignature(signature, [token, timestamp, nonce]))) {
      throw new ApiError('FORBIDDEN')
    }
    return c.text(echostr)
  })

  app.post(
    WECHAT_PATH,
    bodyLimit({ maxSize: settings.maxBodyBytes, onError: (c) => refuse(c as Context<AppEnv>, 'body-too-large', { close: true }) }),
    async function wechatPush(c) {
      const { signature, msg_signature: msgSignature, timestamp, nonce, encrypt_type: encryptType } = c.req.query()
      const raw = await c.req.text()
      if (hasDtd(raw)) return refuse(c, 'dtd')
      if (!timestamp || !nonce) return refuse(c, 'signature')
      const encrypted = encryptType === 'aes'
      let xml = raw
      if (encrypted) {
        const encrypt = extractEncrypt(raw)
        if (!encrypt) return refuse(c, 'not-encrypted')
        if (!msgSignature || !(await verifySignature(msgSignature, [token, timestamp, nonce, encrypt]))) return refuse(c, 'signature')
        if (!isFresh(timestamp)) return refuse(c, 'timestamp')
        if (!box) return refuse(c, 'aes-not-configured')
        try {
          xml = await (await box).decrypt(encrypt)
        } catch (error) {
          return refuse(c, 'decrypt', { error })
        }
      } else {
        if (!signature || !(await verifySignature(signature, [token, timestamp, nonce]))) return refuse(c, 'signature')
        if (!isFresh(timestamp)) return refuse(c, 'timestamp')
      }

      let message: WechatMessage
      try {
        message = parseMessage(xml)
      } catch (error) {
        if (error instanceof WechatXmlError) return refuse(c, error.reason, { error })
        throw error
      }
      const content = await replies.deliver(dedupeKey(message), message.FromUserName, () => handler.handle(message), keepAliveOf(c))
      if (content === undefined) return c.text(NO_REPLY)

      const reply = textReplyXml(message, content, new Date(now()))
      const body = encrypted && box ? await encryptedReply(await box, reply, nonce) : reply
      return c.body(body, 200, { 'Content-Type': 'application/xml; charset=utf-8' })
    }
  )

  function isFresh(timestamp: string): boolean {
    if (!/^\d{1,12}$/.test(timestamp)) return false
    return Math.abs(now() / 1000 - Number(timestamp)) <= timestampWindowS
  }

  function refuse(c: Context<AppEnv>, event: Refusal, extra: { close?: boolean; error?: unknown } = {}) {
    log({ requestId: c.get('requestId') ?? 'unknown', event, ...(extra.error ? { error: extra.error } : {}) })
    // A body refused unread leaves the rest of it on the connection (see app.ts refuseLargeBody).
    if (extra.close) c.header('Connection', 'close')
    return c.text(NO_REPLY)
  }

  async function encryptedReply(cipher: MessageCrypto, reply: string, nonce: string): Promise<string> {
    const encrypt = await cipher.encrypt(reply)
    const timestamp = unixSeconds(new Date(now()))
    const signature = await wechatSignature([token, timestamp, nonce, encrypt])
    return encryptedReplyXml({ encrypt, signature, timestamp, nonce })
  }

  return app
}

/**
 * The runtime's keep-alive for work that outlives the response: Workers' `ctx.waitUntil`. Node has
 * no ExecutionContext (Hono's getter throws) and keeps running the work anyway.
 */
function keepAliveOf(c: Context<AppEnv>): KeepAlive {
  let ctx: Context['executionCtx']
  try {
    ctx = c.executionCtx
  } catch {
    return () => {}
  }
  return (work) => ctx.waitUntil(work)
}

/** WeChat's advice: messages by MsgId, events by sender and CreateTime. */
function dedupeKey(message: WechatMessage): string {
  return message.MsgId ? `msg:${message.MsgId}` : `event:${message.FromUserName}:${message.CreateTime}`
}
