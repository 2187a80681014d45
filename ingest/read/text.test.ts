import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeText, readText, sniffEncoding } from './text.js'

const POLICY = '淮安市就业困难人员认定和援助办法\n第五条　按每人每月500元给予公益性岗位补贴。\n'

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark, and Windows line ends', () => {
    expect(decodeText(Buffer.from(POLICY))).toEqual({ text: POLICY, encoding: 'utf-8' })
    expect(decodeText(Buffer.from(`\ufeff${POLICY.replace(/\n/g, '\r\n')}`))).toEqual({ text: POLICY, encoding: 'utf-8' })
  })

  it('reads GBK text saved by older systems', () => {
    const gbk = iconv.encode(POLICY, 'gbk')
    expect(decodeText(gbk)).toEqual({ text: POLICY, encoding: 'gb18030' })
  })

  it('reads GB18030, including characters outside GBK', () => {
    const text = '𠀾村（𡉚镇）就业服务站\n' // four-byte GB18030 sequences
    expect(decodeText(iconv.encode(text, 'gb18030')).text).toBe(text)
  })

  it('reads UTF-16 by its byte-order mark', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')])
    expect(decodeText(utf16)).toEqual({ text: POLICY, encoding: 'utf-16le' })
  })
})

describe('sniffEncoding', () => {
  it('takes valid UTF-8 for UTF-8 even though most of it would also decode as GBK', () => {
    expect(sniffEncoding(Buffer.from('就业'))).toBe('utf-8')
    expect(sniffEncoding(iconv.encode('就业', 'gbk'))).toBe('gb18030')
  })
})

describe('readText', () => {
  it('is decodeText’s text', () => {
    expect(readText(iconv.encode(POLICY, 'gbk'))).toBe(POLICY)
  })
})
