import { describe, expect, it } from 'vitest'
import { assertEncodingAesKey, MessageCrypto, MessageCryptoError } from './message-crypto.js'

const ascii = (text: string) => new TextEncoder().encode(text)

/** Vector A: the official 消息推送 walkthrough (token AAAAA, key 43 × A). */
const A = {
  encodingAesKey: 'A'.repeat(43),
  appId: 'wx134c8103faa5a59e',
  encrypt:
    'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
  message: [
    '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>',
    '<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>',
    '<CreateTime>1715943329</CreateTime>',
    '<MsgType><![CDATA[event]]></MsgType>',
    '<Event><![CDATA[debug_demo]]></Event>',
    '<debug_str><![CDATA[hello world]]></debug_str>',
    '</xml>',
  ].join('\n'),
  reply: '<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>',
  replyRandom: '999951349e8ee746',
  replyEncrypt:
    'hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7',
}

describe('MessageCrypto.decrypt', () => {
  it('decrypts the official push (vector A) to its 292-byte XML', async () => {
    const box = await MessageCrypto.create(A)
    const message = await box.decrypt(A.encrypt)
    expect(message).toBe(A.message)
    expect(new TextEncoder().encode(message).length).toBe(292)
  })

  it('decrypts the WeCom echostr (vector C), whose trailing id is the CorpID', async () => {
    const box = await MessageCrypto.create({ encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', appId: 'wx49f0ab532d5d035a' })
    expect(await box.decrypt('4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==')).toBe('5927782489442352469')
  })

  it('refuses a message for another AppID', async () => {
    const box = await MessageCrypto.create({ ...A, appId: 'wx0000000000000000' })
    await expect(box.decrypt(A.encrypt)).rejects.toThrow(/AppID/)
  })

  it('refuses tampered, truncated or non-base64 ciphertext without saying what it held', async () => {
    const box = await MessageCrypto.create(A)
    const bytes = Uint8Array.from(atob(A.encrypt), (c) => c.charCodeAt(0))
    bytes[bytes.length - 1] ^= 0x01
    const tampered = btoa(String.fromCharCode(...bytes))
    await expect(box.decrypt(tampered)).rejects.toBeInstanceOf(MessageCryptoError)
    await expect(box.decrypt(A.encrypt.slice(0, 40))).rejects.toBeInstanceOf(MessageCryptoError)
    await expect(box.decrypt('not base64!')).rejects.toThrow(/not base64/)
    await expect(box.decrypt('')).rejects.toBeInstanceOf(MessageCryptoError)
  })
})

describe('MessageCrypto.encrypt', () => {
  it('encrypts the official reply (vector A) with its fixed random prefix', async () => {
    const box = await MessageCrypto.create(A)
    expect(await box.encrypt(A.reply, ascii(A.replyRandom))).toBe(A.replyEncrypt)
  })

  it('encrypts the SDK sample (vector B): Chinese text, key abc…EFG', async () => {
    const box = await MessageCrypto.create({ encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wxb11529c136998cb6' })
    expect(await box.encrypt('我是中文abcd123', ascii('aaaabbbbccccdddd'))).toBe(
      'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg=='
    )
  })

  it('adds a whole 32-byte block of padding when the plaintext fills its blocks exactly', async () => {
    const box = await MessageCrypto.create(A)
    // 16 random + 4 length + 90 message + 18 AppID = 128 bytes, a multiple of 32: the pad is 32 × 0x20.
    const exact = 'x'.repeat(128 - 16 - 4 - A.appId.length)
    const sealed = await box.encrypt(exact)
    expect(atob(sealed).length).toBe(128 + 32)
    expect(await box.decrypt(sealed)).toBe(exact)
  })

  it('round-trips every length around the block boundaries', async () => {
    const box = await MessageCrypto.create(A)
    for (let n = 0; n <= 70; n++) {
      const text = '政'.repeat(n % 5) + 'a'.repeat(n)
      expect(await box.decrypt(await box.encrypt(text))).toBe(text)
    }
  })
})

describe('assertEncodingAesKey', () => {
  it('names the fix for a key of the wrong shape', () => {
    expect(() => assertEncodingAesKey('short')).toThrow(/43 characters/)
    expect(() => assertEncodingAesKey('A'.repeat(43))).not.toThrow()
  })
})
