import { beforeAll, describe, expect, it } from 'vitest'
import type { ChatResponse, Citation } from '../../schema/api.js'
import { createSeedEngine } from '../../../test/support/seed-engine.js'
import type { QaEngine } from '../../answer/qa-engine.js'
import { wechatMessages } from '../messages.js'
import { documentLink, formatReply, shortLabel, shortTitle } from './format-reply.js'

const bytes = (text: string) => new TextEncoder().encode(text).length
const LINK = 'https://policy.example.gov.cn/doc/jingyuan#%E4%BA%8C/%EF%BC%88%E5%9B%9B%EF%BC%89/15'

let engine: QaEngine
beforeAll(async () => {
  engine = await createSeedEngine()
})

describe('shortTitle', () => {
  it('shortens every seed title to the kind of document', () => {
    expect(engine.documents().map((d) => shortTitle(d.title, d.city))).toEqual([
      '任务分解表',
      '2023年度主要工作安排',
      '实施意见',
      '就业促进规划',
      '若干措施（征求意见稿）',
      '活动实施方案',
    ])
  })
})

describe('shortLabel', () => {
  it('is city, short title and unit, from real citations', async () => {
    const [lianyungang] = (await engine.chat({ question: '连云港对招用高校毕业生的企业有什么补贴？' })).citations
    expect(shortLabel(lianyungang)).toBe('连云港市 若干措施（征求意见稿） 一3')
    const [yangzhou] = (await engine.chat({ question: '扬州2024年给小微企业的普惠贷款打算新增多少？' })).citations
    expect(shortLabel(yangzhou)).toBe('扬州市 任务分解表 第5项（2024年度）')
  })

  it('falls back to the path when the label does not contain the title', () => {
    const citation = { city: '常州市', docTitle: '实施意见', label: '常州市 二（三）1', path: '二/（三）/1' }
    expect(shortLabel(citation)).toBe('常州市 实施意见 二（三）1')
  })
})

describe('documentLink', () => {
  it('links the clause in the full-document view, percent-encoding the path', () => {
    expect(documentLink('https://policy.example.gov.cn/', { docKey: 'jingyuan', path: '二/（四）/15' })).toBe(
      'https://policy.example.gov.cn/doc/jingyuan#%E4%BA%8C/%EF%BC%88%E5%9B%9B%EF%BC%89/15'
    )
  })
})

describe('formatReply', () => {
  it('gives a short answer whole, then the sources as short labels, then the link', async () => {
    const response = await engine.chat({ question: '连云港对招用高校毕业生的企业有什么补贴？' })
    const reply = formatReply(response, { link: LINK })
    const lines = reply.split('\n')
    expect(reply.startsWith(response.answer.split('\n')[0])).toBe(true)
    expect(lines).toContain('依据：')
    expect(lines).toContain('[1] 连云港市 若干措施（征求意见稿） 一3')
    expect(lines.at(-1)).toBe(`查看原文：${LINK}`)
    expect(lines.some((l) => l.startsWith('提示：'))).toBe(true)
    expect(reply).not.toContain(wechatMessages.truncated)
  })

  it('cuts a long answer after a whole sentence, keeping notes, citations and link whole', async () => {
    const real = await engine.chat({ question: '泾源县对返乡创业有什么支持？' })
    const body = real.answer.split('\n').filter((l) => !l.startsWith('提示'))
    const notes = real.answer.split('\n').filter((l) => l.startsWith('提示'))
    const long: ChatResponse = { ...real, answer: [...body, ...body, ...body, ...notes].join('\n') }
    const reply = formatReply(long, { link: LINK })
    expect(bytes(long.answer)).toBeGreaterThan(1800)
    expect(bytes(reply)).toBeLessThanOrEqual(1800)
    const [answerPart] = reply.split(`${wechatMessages.truncated}\n`)
    expect(long.answer.startsWith(answerPart)).toBe(true)
    expect(answerPart).toMatch(/[。！？]\]?(?:\[\d+\])*$|(?:\[\d+\])$/)
    for (const note of notes) expect(reply).toContain(note)
    for (const [i, c] of real.citations.entries()) expect(reply).toContain(`[${i + 1}] ${shortLabel(c)}`)
    expect(reply.endsWith(LINK)).toBe(true)
  })

  it('cuts one overlong sentence after a comma, never inside a marker', () => {
    const sentence = `${'就业补贴，'.repeat(200)}结束。[1]`
    const reply = formatReply({ answer: sentence, citations: [] }, { maxBytes: 300 })
    expect(bytes(reply)).toBeLessThanOrEqual(300)
    expect(reply.endsWith(`，${wechatMessages.truncated}`)).toBe(true)
  })

  it('stays within the budget for generated answers, and never splits a citation line or marker', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const citation = (i: number): Citation => ({
      city: '常州市',
      docKey: 'changzhou',
      docTitle: '关于进一步推进就业创业工作高质量发展的实施意见',
      path: `二/（${i}）/1`,
      label: `常州市《关于进一步推进就业创业工作高质量发展的实施意见》二（${i}）1`,
      quote: '',
      validity: '',
      status: 'current',
    })
    for (let run = 0; run < 200; run++) {
      const citations = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => citation(i + 1))
      const sentences = Array.from({ length: 1 + Math.floor(random() * 60) }, () => {
        const words = '对符合条件的高校毕业生给予一次性求职创业补贴'.slice(0, 2 + Math.floor(random() * 20))
        return `${words}${random() < 0.2 ? '，' + words : ''}。[${1 + Math.floor(random() * citations.length)}]`
      })
      const answer = sentences.join(random() < 0.5 ? '' : '\n')
      const maxBytes = 300 + Math.floor(random() * 1500)
      const reply = formatReply({ answer, citations }, { maxBytes, link: random() < 0.5 ? LINK : undefined })
      expect(bytes(reply)).toBeLessThanOrEqual(maxBytes)
      expect(reply).not.toMatch(/\[\d*$|\[\d*\n|\[\d+(?!\d|\])/)
      const [answerPart] = reply.split(/\n依据：/)
      const kept = answerPart.replace(wechatMessages.truncated, '')
      expect(answer.startsWith(kept)).toBe(true)
      for (const line of reply.split('\n').filter((l) => /^\[\d+\] /.test(l))) {
        expect(citations.map((c, i) => `[${i + 1}] ${shortLabel(c)}`)).toContain(line)
      }
    }
  })
})

describe('wechatMessages', () => {
  it('names a few of a province’s cities in the welcome and the help, and how many there are', () => {
    const cities = Array.from({ length: 120 }, (_, n) => `城市${n}市`)
    for (const text of [wechatMessages.welcome(wechatMessages.exampleQuestions, cities), wechatMessages.help(cities)]) {
      expect(text).toContain('等120个地区')
      expect(text).not.toContain('城市119市')
    }
  })
})
