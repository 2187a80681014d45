import { describe, expect, it } from 'vitest'
import { redactSensitive } from './redact.js'

describe('redactSensitive', () => {
  it.each([
    ['a mobile number', '请回电13812345678谢谢', '请回电[phone]谢谢'],
    ['a mobile number with +86 and dashes', 'tel +86 138-1234-5678', 'tel [phone]'],
    ['an ID card number', '身份证32040219900101123X', '身份证[id-card]'],
    ['an OpenID parameter', '/wechat?openid=oCalmUser00001&x=1', '/wechat?openid=[openid]&x=1'],
    ['an OpenID in XML', '<FromUserName><![CDATA[oUser1]]></FromUserName>', '<FromUserName><![CDATA[[openid]]]></FromUserName>'],
    ['a bare OpenID', 'user o6_bmjrPTlm6_2sgVt7hMZOPfL2M asked', 'user [openid] asked'],
  ])('should hide %s', (_, text, expected) => {
    expect(redactSensitive(text)).toBe(expected)
  })

  it('should leave policy text, amounts, dates and request ids alone', () => {
    const text = '最高可申请30万元，2024年12月31日前有效，request 4768e591-f49b-420a-8317-31c28c0377ac'
    expect(redactSensitive(text)).toBe(text)
  })
})
