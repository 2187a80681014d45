import { describe, expect, it } from 'vitest'
import { encryptedReplyXml, extractEncrypt, hasDtd, parseMessage, textReplyXml, WechatXmlError } from './message-xml.js'

const TEXT = `<xml>
  <ToUserName><![CDATA[gh_abc123]]></ToUserName>
  <FromUserName><![CDATA[oUser_OpenID]]></FromUserName>
  <CreateTime>1700000000</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[灵活就业人员有什么补贴？]]></Content>
  <MsgId>7312345678901234567</MsgId>
</xml>`

describe('parseMessage', () => {
  it('reads a text message with MsgId kept exactly (past 2^53)', () => {
    const message = parseMessage(TEXT)
    expect(message).toMatchObject({
      ToUserName: 'gh_abc123',
      FromUserName: 'oUser_OpenID',
      CreateTime: '1700000000',
      MsgType: 'text',
      Content: '灵活就业人员有什么补贴？',
      MsgId: '7312345678901234567',
    })
  })

  it('reads a subscribe event with an empty EventKey', () => {
    const message = parseMessage(
      '<xml><ToUserName><![CDATA[gh_abc123]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>'
    )
    expect(message).toMatchObject({ MsgType: 'event', Event: 'subscribe', EventKey: '' })
  })

  it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>'
    expect(() => parseMessage(bomb)).toThrow(WechatXmlError)
    expect(hasDtd('<!ENTITY x SYSTEM "file:///etc/passwd">')).toBe(true)
    expect(hasDtd('<! doctype xml>')).toBe(true)
    expect(hasDtd(TEXT)).toBe(false)
  })

  it('does not expand entities', () => {
    const message = parseMessage(TEXT.replace('灵活就业人员有什么补贴？]]>', ']]>&lt;b&gt;'))
    expect(message.Content).toBe('&lt;b&gt;')
  })

  it('refuses XML that is not well-formed, or lacks the fields of a push', () => {
    expect(() => parseMessage('<xml><Content>x</xml>')).toThrow(/not well-formed/)
    expect(() => parseMessage('hello')).toThrow(WechatXmlError)
    expect(() => parseMessage('<xml><Content>x</Content></xml>')).toThrow(/FromUserName/)
    expect(() => parseMessage(TEXT.replace('7312345678901234567', '73e5'))).toThrow(/MsgId/)
  })
})

describe('extractEncrypt', () => {
  it('finds the Encrypt field with or without CDATA, and nothing else', () => {
    expect(extractEncrypt('<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[ab+/cd==]]></Encrypt></xml>')).toBe('ab+/cd==')
    expect(extractEncrypt('<xml><Encrypt>abcd</Encrypt></xml>')).toBe('abcd')
    expect(extractEncrypt('<xml><Encrypt><![CDATA[<x>]]></Encrypt></xml>')).toBeUndefined()
    expect(extractEncrypt(TEXT)).toBeUndefined()
  })
})

describe('textReplyXml', () => {
  it('swaps To and From and splits a "]]>" inside the content', () => {
    const xml = textReplyXml(parseMessage(TEXT), '答复 ]]> 结束\u0001', new Date(1700000003_000))
    expect(xml).toContain('<ToUserName><![CDATA[oUser_OpenID]]></ToUserName>')
    expect(xml).toContain('<FromUserName><![CDATA[gh_abc123]]></FromUserName>')
    expect(xml).toContain('<CreateTime>1700000003</CreateTime>')
    expect(parseMessage(xml).Content).toBe('答复 ]]> 结束')
  })
})

describe('encryptedReplyXml', () => {
  it('writes the 安全模式 envelope', () => {
    expect(encryptedReplyXml({ encrypt: 'QUJD', signature: 'abc', timestamp: '1713424427', nonce: '415670741' })).toBe(
      '<xml><Encrypt><![CDATA[QUJD]]></Encrypt><MsgSignature><![CDATA[abc]]></MsgSignature><TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>'
    )
  })
})
