/** @module MessageCrypto: WeChat's 安全模式 message encryption (AES-256-CBC, 32-byte PKCS#7), over Web Crypto. */

/** WeChat pads to 32-byte blocks (its PKCS#7 variant), not to the cipher's 16-byte blocks. */
const PAD_BLOCK = 32
/** AES block size: Web Crypto's own padding always adds 1..16 bytes. */
const AES_BLOCK = 16
/** Bytes of random prefix in front of every message. */
const RANDOM_BYTES = 16
/** The big-endian uint32 message length that follows the random prefix. */
const LENGTH_BYTES = 4
/** An EncodingAESKey: 43 base64 characters, 32 bytes once `=` is appended. */
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Why a message could not be decrypted; no key material or plaintext is ever part of it. */
export class MessageCryptoError extends Error {
  constructor(message: string) {
    super(`WeChat decrypt: ${message}`)
    this.name = 'MessageCryptoError'
  }
}

/**
 * Encrypts and decrypts WeChat messages: `base64(AES-256-CBC(random16 ‖ uint32be(len) ‖ msg ‖
 * appId ‖ pad))` with key `base64(EncodingAESKey + '=')` and IV = the key's first 16 bytes.
 * The same scheme serves 公众号 (trailing AppID) and WeCom (trailing CorpID).
 *
 * Web Crypto applies 16-byte PKCS#7 itself and cannot be turned off, so WeChat's 32-byte padding
 * is added and removed here and Web Crypto's own block is cut off (encrypt) or forged (decrypt);
 * CBC makes both exact, since each block depends only on the blocks before it.
 *
 * @example
 * ```ts
 * const box = await MessageCrypto.create({ encodingAesKey, appId: 'wx134c8103faa5a59e' })
 * const xml = await box.decrypt(encrypt)
 * const reply = await box.encrypt('<xml>…</xml>')
 * ```
 */
export class MessageCrypto {
  readonly #key: CryptoKey
  readonly #iv: Uint8Array<ArrayBuffer>
  readonly #appId: Uint8Array

  private constructor(key: CryptoKey, iv: Uint8Array<ArrayBuffer>, appId: string) {
    this.#key = key
    this.#iv = iv
    this.#appId = encoder.encode(appId)
  }

  /** Imports the key; throws when the EncodingAESKey is not 43 base64 characters or appId is empty. */
  static async create(options: { encodingAesKey: string; appId: string }): Promise<MessageCrypto> {
    assertEncodingAesKey(options.encodingAesKey)
    if (!options.appId) throw new Error('MessageCrypto: appId is required: it is checked at the end of every decrypted message')
    const raw = fromBase64(`${options.encodingAesKey}=`)
    const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt'])
    return new MessageCrypto(key, raw.slice(0, AES_BLOCK), options.appId)
  }

  /** The `Encrypt` field for `message`; `random` (16 bytes) is fixed only by tests. */
  async encrypt(message: string, random: Uint8Array = crypto.getRandomValues(new Uint8Array(RANDOM_BYTES))): Promise<string> {
    if (random.length !== RANDOM_BYTES) throw new Error(`MessageCrypto: the random prefix must be ${RANDOM_BYTES} bytes, got ${random.length}`)
    const body = encoder.encode(message)
    const plain = concat(random, uint32be(body.length), body, this.#appId)
    const padded = concat(plain, pkcs7(plain.length))
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: this.#iv }, this.#key, padded))
    // The last block is Web Crypto's own padding of an already padded input: drop it.
    return toBase64(sealed.subarray(0, padded.length))
  }

  /** The message inside an `Encrypt` field; throws {@link MessageCryptoError} on any fault or a foreign AppID. */
  async decrypt(encrypted: string): Promise<string> {
    const sealed = fromBase64Strict(encrypted)
    if (sealed.length === 0 || sealed.length % PAD_BLOCK !== 0) {
      throw new MessageCryptoError(`ciphertext length ${sealed.length} is not a multiple of ${PAD_BLOCK}`)
    }
    // Append the block that decrypts to a full 16-byte padding block, so Web Crypto's padding check
    // passes and returns our bytes unchanged: E(previous block XOR 0x10…), i.e. encrypting nothing
    // with the last ciphertext block as IV.
    const lastBlock = sealed.slice(sealed.length - AES_BLOCK)
    const forged = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: lastBlock }, this.#key, new Uint8Array(0)))
    const plain = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: this.#iv }, this.#key, concat(sealed, forged))
    )
    const pad = plain[plain.length - 1]
    if (pad < 1 || pad > PAD_BLOCK || plain.subarray(plain.length - pad).some((b) => b !== pad)) {
      throw new MessageCryptoError('bad padding')
    }
    const content = plain.subarray(0, plain.length - pad)
    if (content.length < RANDOM_BYTES + LENGTH_BYTES) throw new MessageCryptoError('message too short')
    const view = new DataView(content.buffer, content.byteOffset, content.byteLength)
    const length = view.getUint32(RANDOM_BYTES)
    const start = RANDOM_BYTES + LENGTH_BYTES
    if (start + length > content.length) throw new MessageCryptoError(`declared length ${length} exceeds the message`)
    const appId = content.subarray(start + length)
    if (!sameBytes(appId, this.#appId)) throw new MessageCryptoError('the trailing AppID is not ours')
    try {
      return decoder.decode(content.subarray(start, start + length))
    } catch {
      throw new MessageCryptoError('message is not UTF-8')
    }
  }
}

/** Throws, naming the fix, unless `key` has the shape of an EncodingAESKey (checked before any import). */
export function assertEncodingAesKey(key: string): void {
  if (!ENCODING_AES_KEY.test(key)) {
    throw new Error(`MessageCrypto: the EncodingAESKey must be the 43 characters shown by the WeChat console (A-Z a-z 0-9 + /), got ${key.length} characters`)
  }
}

/** WeChat's PKCS#7 over 32-byte blocks: 1..32 bytes, each holding the count. */
function pkcs7(length: number): Uint8Array {
  const n = PAD_BLOCK - (length % PAD_BLOCK)
  return new Uint8Array(n).fill(n)
}

function uint32be(value: number): Uint8Array {
  const bytes = new Uint8Array(LENGTH_BYTES)
  new DataView(bytes.buffer).setUint32(0, value)
  return bytes
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Base64 as WeChat sends it; whitespace (a wrapped CDATA) is ignored, anything else is refused. */
function fromBase64Strict(text: string): Uint8Array<ArrayBuffer> {
  const compact = text.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) throw new MessageCryptoError('not base64')
  return fromBase64(compact)
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // Chunks keep String.fromCharCode under engines' argument limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
