/** @module WeChat XML: parse a pushed message safely, build the passive replies. */
import { XMLParser } from 'fast-xml-parser'
import { WechatMessageSchema, type WechatMessage } from '../../schema/wechat.js'

/**
 * Markup that declares entities or a DTD. WeChat never sends it; refusing it before parsing closes
 * entity-expansion ("billion laughs") and external-entity attacks whatever the parser does.
 */
const DTD_MARKUP = /<!\s*(?:DOCTYPE|ENTITY)/i

/** The `Encrypt` field of a 安全模式 envelope: base64 in optional CDATA, read without parsing. */
const ENCRYPT_FIELD = /<Encrypt>\s*(?:<!\[CDATA\[([A-Za-z0-9+/=\s]+)\]\]>|([A-Za-z0-9+/=\s]+))\s*<\/Encrypt>/

/** Entities off (nothing expands) and tag values kept as text (`MsgId` is a 64-bit integer). */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  maxNestedTags: 8,
})

/** Why a pushed body was refused; the body itself is never part of the message. */
export class WechatXmlError extends Error {
  constructor(
    readonly reason: 'dtd' | 'malformed' | 'fields',
    message: string
  ) {
    super(`WeChat XML: ${message}`)
    this.name = 'WechatXmlError'
  }
}

/** Whether `xml` declares a DTD or entities (refused before any parsing). */
export function hasDtd(xml: string): boolean {
  return DTD_MARKUP.test(xml)
}

/**
 * The `Encrypt` field of an encrypted push, found without parsing, so that `msg_signature` is checked
 * before any XML is parsed. Undefined when there is none.
 */
export function extractEncrypt(xml: string): string | undefined {
  const match = ENCRYPT_FIELD.exec(xml)
  const value = match?.[1] ?? match?.[2]
  return value?.replace(/\s+/g, '')
}

/**
 * The message in a plain push (or in a decrypted `Encrypt`). Throws {@link WechatXmlError} for a
 * DTD, XML that is not well-formed, or a message without the fields every push carries.
 */
export function parseMessage(xml: string): WechatMessage {
  if (hasDtd(xml)) throw new WechatXmlError('dtd', 'DOCTYPE or ENTITY declarations are refused')
  let tree: unknown
  try {
    tree = parser.parse(xml, true)
  } catch {
    // The parser's message quotes tag names from the body; bodies stay out of logs.
    throw new WechatXmlError('malformed', 'not well-formed')
  }
  const root = (tree as { xml?: unknown } | undefined)?.xml
  const parsed = WechatMessageSchema.safeParse(root)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '<xml>').join(', ')
    throw new WechatXmlError('fields', `missing or invalid fields: ${fields}`)
  }
  return parsed.data
}

/** The passive text reply to `message`: To and From swapped, `Content` as given. */
export function textReplyXml(message: WechatMessage, content: string, now: Date): string {
  return [
    '<xml>',
    `<ToUserName>${cdata(message.FromUserName)}</ToUserName>`,
    `<FromUserName>${cdata(message.ToUserName)}</FromUserName>`,
    `<CreateTime>${unixSeconds(now)}</CreateTime>`,
    `<MsgType>${cdata('text')}</MsgType>`,
    `<Content>${cdata(content)}</Content>`,
    '</xml>',
  ].join('')
}

/** The 安全模式 envelope of an encrypted reply. */
export function encryptedReplyXml(reply: { encrypt: string; signature: string; timestamp: string; nonce: string }): string {
  return [
    '<xml>',
    `<Encrypt>${cdata(reply.encrypt)}</Encrypt>`,
    `<MsgSignature>${cdata(reply.signature)}</MsgSignature>`,
    `<TimeStamp>${reply.timestamp}</TimeStamp>`,
    `<Nonce>${cdata(reply.nonce)}</Nonce>`,
    '</xml>',
  ].join('')
}

/** Unix seconds as WeChat writes them. */
export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000))
}

/**
 * Text as CDATA. `]]>` would end the section early, so it is split across two sections; characters
 * XML 1.0 forbids (C0 controls other than tab and newline) are dropped.
 */
function cdata(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  return `<![CDATA[${clean.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}
