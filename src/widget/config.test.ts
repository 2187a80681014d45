import { describe, expect, it } from 'vitest'
import { defaultWidgetConfig, readWidgetConfig } from './config.js'

const SRC = 'https://zxzx.rsj.example.gov.cn/widget.js?v=1'

describe('readWidgetConfig', () => {
  it('should default the API to the script origin and every setting to its default', () => {
    expect(readWidgetConfig({}, SRC)).toEqual({ ...defaultWidgetConfig, api: 'https://zxzx.rsj.example.gov.cn' })
  })

  it('should read valid data attributes', () => {
    const config = readWidgetConfig(
      {
        api: 'https://qa.example.gov.cn/qa/',
        title: '常州人社智能咨询',
        city: '常州市',
        site: 'changzhou-rsj',
        position: 'left',
        themeColor: '#0A5',
        offsetBottom: '96',
        font: 'large',
        examples: '常州创业担保贷款有什么规定？|常州城镇调查失业率是多少？',
      },
      SRC
    )
    expect(config).toEqual({
      api: 'https://qa.example.gov.cn/qa',
      title: '常州人社智能咨询',
      city: '常州市',
      site: 'changzhou-rsj',
      position: 'left',
      themeColor: '#00aa55',
      offsetBottom: 96,
      fontSize: 'large',
      examples: ['常州创业担保贷款有什么规定？', '常州城镇调查失业率是多少？'],
    })
  })

  it('should fall back to defaults for values outside the allowlist', () => {
    const config = readWidgetConfig(
      {
        api: 'javascript:alert(1)',
        title: 'x'.repeat(31),
        site: 'a b',
        position: 'top',
        themeColor: 'red;background:url(x)',
        offsetBottom: '-5',
        font: 'huge',
        examples: '||',
      },
      SRC
    )
    expect(config).toEqual({ ...defaultWidgetConfig, api: 'https://zxzx.rsj.example.gov.cn' })
  })

  it('should accept data-color as an alias of data-theme-color and resolve a relative API', () => {
    const config = readWidgetConfig({ color: '#123456', api: '/qa' }, SRC)
    expect(config.themeColor).toBe('#123456')
    expect(config.api).toBe('https://zxzx.rsj.example.gov.cn/qa')
  })

  it('should strip control characters and keep at most three examples', () => {
    const config = readWidgetConfig({ title: '人社\u0000咨询\n', examples: 'a|b|c|d' }, SRC)
    expect(config.title).toBe('人社咨询')
    expect(config.examples).toEqual(['a', 'b', 'c'])
  })
})
