/** @module WeChat push messages (公众号 XML) as the server reads them, after parsing. */
import { z } from 'zod'

const digits = z.string().regex(/^\d{1,20}$/, 'must be digits')

/**
 * A message or event WeChat pushes (plain XML, or the XML inside 安全模式's `Encrypt`). Every value
 * is a string: `MsgId` is a 64-bit integer that a JS number would round. Fields a type does not use
 * are optional; unknown fields are dropped.
 */
export const WechatMessageSchema = z.object({
  /** Our account's original id (gh_…). */
  ToUserName: z.string().min(1).max(64),
  /** The sender's OpenID. */
  FromUserName: z.string().min(1).max(128),
  /** Unix seconds. */
  CreateTime: digits,
  /** text, image, voice, video, shortvideo, location, link or event. */
  MsgType: z.string().min(1).max(32),
  Content: z.string().optional(),
  MsgId: digits.optional(),
  /** For MsgType event: subscribe, unsubscribe, SCAN, CLICK, … */
  Event: z.string().max(64).optional(),
  EventKey: z.string().optional(),
})
export type WechatMessage = z.infer<typeof WechatMessageSchema>
