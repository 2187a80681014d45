/**
 * @module The WeChat 公众号 settings (WECHAT_*, PUBLIC_BASE_URL): one definition, read by the Node
 * server from its environment (config.ts) and by the Worker from its vars and secrets (worker-vars.ts).
 */
import { z } from 'zod'
import { ConfigSchema } from './config.js'

const config = ConfigSchema.shape

/** The fields of ConfigSchema the WeChat callback reads; their descriptions and defaults are there. */
export const WechatSettingsSchema = z.object({
  PUBLIC_BASE_URL: config.PUBLIC_BASE_URL,
  WECHAT_TOKEN: config.WECHAT_TOKEN,
  WECHAT_APPID: config.WECHAT_APPID,
  WECHAT_AES_KEY: config.WECHAT_AES_KEY,
  WECHAT_APPSECRET: config.WECHAT_APPSECRET,
  WECHAT_API_BASE: config.WECHAT_API_BASE,
  WECHAT_TIMESTAMP_WINDOW_S: config.WECHAT_TIMESTAMP_WINDOW_S,
  WECHAT_REPLY_DEADLINE_MS: config.WECHAT_REPLY_DEADLINE_MS,
})
export type WechatSettings = z.infer<typeof WechatSettingsSchema>
