/** @module The WeChat callback's options from the WECHAT_* settings, the same for both entries. */
import type { WechatSettings } from '../../schema/wechat-settings.js'
import type { WechatOptions } from '../routes/wechat.js'

/**
 * createApp's `wechat` from the settings; undefined (no /wechat) without WECHAT_TOKEN. Runtime
 * choices (rate limiter, log) stay with the entry.
 *
 * @example
 * ```ts
 * createApp({ qa, catalog, wechat: wechatRouteOptions(config) })
 * ```
 */
export function wechatRouteOptions(settings: WechatSettings): (Pick<WechatOptions, 'token'> & Partial<WechatOptions>) | undefined {
  if (!settings.WECHAT_TOKEN) return undefined
  return {
    token: settings.WECHAT_TOKEN,
    appId: settings.WECHAT_APPID,
    encodingAesKey: settings.WECHAT_AES_KEY,
    appSecret: settings.WECHAT_APPSECRET,
    apiBase: settings.WECHAT_API_BASE,
    timestampWindowS: settings.WECHAT_TIMESTAMP_WINDOW_S,
    replyDeadlineMs: settings.WECHAT_REPLY_DEADLINE_MS,
    publicBaseUrl: settings.PUBLIC_BASE_URL,
  }
}
