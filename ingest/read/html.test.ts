import { readFile } from 'node:fs/promises'
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { HTML_FIXTURE } from '../fixtures/formats/documents.js'
import { loadFile } from '../load-documents.js'
import { htmlMeta, readHtml } from './html.js'

describe('readHtml', () => {
  it('keeps the article of a saved government page, with its title and 发布时间, and drops the portal around it', async () => {
    const text = readHtml(await readFile(HTML_FIXTURE, 'utf8'))
    const lines = text.split('\n')
    expect(lines.slice(0, 5)).toEqual([
      '盐城市关于进一步支持灵活就业的若干措施',
      '发布时间：2025-02-10 09:30',
      '来源：盐城市人力资源和社会保障局',
      '',
      '为拓宽灵活就业渠道，维护灵活就业人员合法权益，根据国家和省有关文件精神，结合我市实际，制定以下措施。',
    ])
    for (const chrome of ['机构概况', '当前位置', '分享到', '微博', '打印本页', '相关文章', '宜春市', '版权所有', '网站标识码', '统计脚本', 'hm.js', '浏览次数', '请输入关键字']) {
      expect(text).not.toContain(chrome)
    }
    // The article's table as tab-led cells, its signature kept.
    expect(text).toContain('\t1\n\t就业补贴\n\t平台企业\n\t每人1000元\n')
    expect(lines.at(-1)).toBe('2025年2月8日')
  })

  it('finds the article without a known container: the element whose paragraphs hold the most text', () => {
    const html = `<html><head><title>关于做好高校毕业生就业工作的通知 - 某县人民政府</title></head><body>
      <div class="menu"><a>首页</a><a>政务公开</a></div>
      <div><div class="mid"><p>一、拓宽就业渠道。鼓励企业吸纳高校毕业生就业，按规定给予补贴。</p>
      <p>二、加强就业服务。开展专场招聘活动，为高校毕业生提供岗位信息。</p></div>
      <div class="foot">地址：某县某路1号</div></div></body></html>`
    expect(readHtml(html).split('\n')).toEqual([
      '关于做好高校毕业生就业工作的通知',
      '',
      '一、拓宽就业渠道。鼓励企业吸纳高校毕业生就业，按规定给予补贴。',
      '二、加强就业服务。开展专场招聘活动，为高校毕业生提供岗位信息。',
    ])
  })
})

describe('htmlMeta', () => {
  it('reads title, 发布时间 and 来源 from <meta> tags first, else from the h1 and the info bar', () => {
    const withMeta = parse('<head><meta name="ArticleTitle" content="甲"><meta name="PubDate" content="2025-01-02"><meta name="ContentSource" content="某市人社局"></head><body><h1>乙</h1></body>')
    expect(htmlMeta(withMeta)).toEqual({ title: '甲', published: '2025-01-02', source: '某市人社局' })
    const infoBar = parse('<body><h1>某市 稳岗措施</h1><div>发布日期：2024年3月5日　信息来源：某市人力资源和社会保障局　点击数：5</div></body>')
    expect(htmlMeta(infoBar)).toEqual({ title: '某市稳岗措施', published: '2024年3月5日', source: '某市人力资源和社会保障局' })
  })
})

describe('a web page through loadFile', () => {
  it('parses into units with city, title, issuer, date and validity detected from the page', async () => {
    const [doc] = await loadFile('docs/yancheng.html', await readFile(HTML_FIXTURE), [{ docKey: 'yancheng', file: 'yancheng.html' }])
    expect(doc.info).toMatchObject({
      format: 'html',
      city: '盐城市',
      title: '盐城市关于进一步支持灵活就业的若干措施',
      issuer: '盐城市人力资源和社会保障局',
      date: '2025-02-10',
      validFrom: '2025-03-01',
      validTo: '2027-12-31',
    })
    expect(doc.clauses.map((c) => c.path)).toEqual([
      '前言', '一', '一/（一）', '一/（二）', '二', '二/（三）', '二/（四）', '二/（四）/第1项', '二/（四）/第2项', '结语',
    ])
  })
})
