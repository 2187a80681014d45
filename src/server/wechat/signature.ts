/** @module WeChat signatures: SHA-1 over the sorted parts, compared in constant time (Web Crypto only). */

const encoder = new TextEncoder()

/**
 * The signature WeChat sends: SHA-1, lowercase hex, of the parts sorted as plain strings and joined
 * with no separator. Plain mode signs `[token, timestamp, nonce]`; 安全模式 adds the `Encrypt` field
 * (`msg_signature`), and an encrypted reply is signed the same way over our own timestamp.
 *
 * @example
 * ```ts
 * await wechatSignature(['AAAAA', '1714036504', '1514711492'])
 * // 'f464b24fc39322e44b38aa78f5edd27bd1441696'
 * ```
 */
export async function wechatSignature(parts: readonly string[]): Promise<string> {
  // Default sort compares UTF-16 code units, which for these ASCII strings is byte order, as WeChat sorts.
  const joined = [...parts].sort().join('')
  const digest = await crypto.subtle.digest('SHA-1', encoder.encode(joined))
  return toHex(new Uint8Array(digest))
}

/**
 * Whether `sent` equals `expected`, taking the same time wherever they differ, so that response
 * timing does not reveal how many leading characters of a forged signature were right.
 */
export function timingSafeEqual(sent: string, expected: string): boolean {
  const a = encoder.encode(sent)
  const b = encoder.encode(expected)
  let diff = a.length ^ b.length
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i]
  return diff === 0
}

/** Whether `signature` is the signature of `parts`. */
export async function verifySignature(signature: string, parts: readonly string[]): Promise<boolean> {
  return timingSafeEqual(signature, await wechatSignature(parts))
}

function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}
