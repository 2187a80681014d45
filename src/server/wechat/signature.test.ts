import { describe, expect, it } from 'vitest'
import { timingSafeEqual, verifySignature, wechatSignature } from './signature.js'

/** Vector A of the WeChat reference (official 消息推送 walkthrough). */
const ENCRYPT_A =
  'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg=='

describe('wechatSignature', () => {
  it('signs the GET handshake as in the official example', async () => {
    expect(await wechatSignature(['AAAAA', '1714036504', '1514711492'])).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696')
  })

  it('signs a push: signature over the URL, msg_signature with Encrypt (vector A)', async () => {
    expect(await wechatSignature(['AAAAA', '1715943329', '1590219412'])).toBe('cc0c594499c1634947d5b502f158ee518947db27')
    expect(await wechatSignature(['AAAAA', '1715943329', '1590219412', ENCRYPT_A])).toBe('6c12a4205838198b8fa631b3220723bb07f1015c')
  })

  it('matches the SDK sample (vector B) and WeCom (vector C) msg_signatures', async () => {
    const encryptB = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg=='
    expect(await wechatSignature(['pamtest', '1409304348', 'xxxxxx', encryptB])).toBe('82c962d39941aa48552f90ef55aa323dc620cc10')
    const echostrC = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q=='
    expect(await wechatSignature(['123456', '1411443780', '437374425', echostrC])).toBe('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96')
  })

  it('does not depend on the order the parts are given in', async () => {
    expect(await wechatSignature(['1514711492', 'AAAAA', '1714036504'])).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696')
  })
})

describe('timingSafeEqual', () => {
  it('is true only for identical strings', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abd', 'abc')).toBe(false)
    expect(timingSafeEqual('ab', 'abc')).toBe(false)
    expect(timingSafeEqual('abcd', 'abc')).toBe(false)
    expect(timingSafeEqual('', 'abc')).toBe(false)
  })
})

describe('verifySignature', () => {
  it('accepts the right signature and refuses a changed one', async () => {
    const parts = ['AAAAA', '1714036504', '1514711492']
    expect(await verifySignature('f464b24fc39322e44b38aa78f5edd27bd1441696', parts)).toBe(true)
    expect(await verifySignature('f464b24fc39322e44b38aa78f5edd27bd1441697', parts)).toBe(false)
    expect(await verifySignature('F464B24FC39322E44B38AA78F5EDD27BD1441696', parts)).toBe(false)
  })
})
