/** @module conversationKey: the conversation id of a WeChat user, derived from the OpenID. */

/** Prefix that marks a conversation as WeChat's in logs and stores. */
const PREFIX = 'wx-'
/** Characters of the base64url HMAC kept: 32 × 6 = 192 bits, well past guessing. */
const KEY_CHARS = 32

const encoder = new TextEncoder()

/**
 * Maps an OpenID to a stable conversation id (`wx-` + 32 base64url characters, inside the core's
 * `^[A-Za-z0-9_-]{16,64}$`). It is an HMAC keyed with a server secret, not a bare hash: the core
 * continues any known id sent to /api/chat, so an id anyone could compute from an OpenID would let
 * them read that user's conversation context.
 *
 * @example
 * ```ts
 * const keyOf = conversationKey(config.WECHAT_TOKEN)
 * await qa.chat({ question, conversationId: await keyOf(openId) }, { pinConversationId: true })
 * ```
 */
export function conversationKey(secret: string): (openId: string) => Promise<string> {
  if (!secret) throw new Error('conversationKey: a non-empty secret is required (e.g. WECHAT_TOKEN)')
  const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return async function conversationKeyOf(openId) {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(openId)))
    return PREFIX + base64url(mac).slice(0, KEY_CHARS)
  }
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
