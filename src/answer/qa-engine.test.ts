import { beforeAll, describe, expect, it } from 'vitest'
import { createSeedEngine } from '../../test/support/seed-engine.js'
import type { QaEngine } from './qa-engine.js'

let engine: QaEngine
beforeAll(async () => {
  engine = await createSeedEngine()
})

const ask = (question: string, extra: object = {}) => engine.chat({ question, conversationId: 'test-conversation-0001', ...extra })
const normalise = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

describe('QaEngine.chat', () => {
  it('cites city, document and item path, and quotes numbers verbatim from the cited clause', async () => {
    const res = await ask('连云港对企业招用重点群体的一次性扩岗补助是多少钱？')
    expect(res.abstained).toBe(false)
    const cite = res.citations[0]
    expect(cite).toMatchObject({ city: '连云港市', docKey: 'lianyungang', path: '一/1' })
    expect(cite.label).toContain('连云港市')
    expect(cite.docTitle).toContain('若干措施')
    // Every number in the answer text stands in a cited clause or in a citation's validity note.
    const sources = normalise(res.citations.map((c) => c.quote + c.validity).join(''))
    const body = res.answer.replace(/\[\d+\]/g, '')
    for (const number of body.match(/\d+(?:\.\d+)?(?:%|元|万|亿|人|个|年|月)?/g) ?? []) {
      expect(sources).toContain(normalise(number))
    }
    expect(res.answer).toContain('1500元')
    expect(res.answer).toMatch(/\[1\]/)
  })

  it('marks every quoted sentence with its citation number', async () => {
    const res = await ask('常州市每年城镇新增就业要保持在多少人以上？')
    const sentences = res.answer.split('\n').filter((line) => !line.startsWith('提示'))
    for (const line of sentences) expect(line).toMatch(/\[\d+\]/)
  })

  it('says a draft is a draft and an ended measure has ended', async () => {
    const res = await ask('连云港的一次性扩岗补助现在还能申请吗？')
    expect(res.citations[0].status).toBe('expired')
    expect(res.citations[0].validity).toContain('征求意见稿')
    expect(res.answer).toContain('2025年12月底')
    expect(res.answer).toContain('已到期')
  })

  it('declines a city that is not on file instead of answering from another', async () => {
    const res = await ask('南京对企业招用高校毕业生有一次性扩岗补助吗？')
    expect(res.abstained).toBe(true)
    expect(res.citations).toEqual([])
    expect(res.answer).toContain('南京')
    expect(res.answer).toContain('12333')
  })

  it('declines a topic the documents of that city never mention', async () => {
    const res = await ask('在常州用住房公积金贷款买房，最高能贷多少？')
    expect(res.abstained).toBe(true)
    expect(res.answer).toContain('公积金')
    // What 常州's files do cover, not every city's.
    expect(res.answer).toContain('常州市《关于进一步推进就业创业工作高质量发展的实施意见》')
    expect(res.answer).not.toContain('连云港市《')
  })

  it('answers a comparison city by city, citing each city', async () => {
    const res = await ask('常州、宜春、泾源三地对城镇调查失业率的控制目标分别是多少？')
    const cities = res.citations.map((c) => c.city)
    expect(new Set(cities)).toEqual(new Set(['常州市', '宜春市', '泾源县']))
    for (const city of ['常州市', '宜春市', '泾源县']) expect(res.answer).toContain(`${city}：`)
  })

  it('answers a table question with the year cell asked for', async () => {
    const res = await ask('扬州2024年给小微企业的普惠贷款打算新增多少？')
    expect(res.citations.some((c) => c.path.endsWith('/2024年度'))).toBe(true)
  })

  it('names the lead department when asked who is responsible', async () => {
    const res = await ask('扬州推行按经常居住地登记户口，牵头的是哪个部门？')
    expect(res.citations[0]).toMatchObject({ docKey: 'yangzhou-table', path: '第14项' })
    expect(res.answer).toContain('牵头部门：公安局')
  })

  it('carries city and topic into a follow-up that points back', async () => {
    const res = await ask('这个补贴到什么时候截止？', {
      history: [
        { role: 'user', content: '连云港企业派人去外地招聘，有补贴吗？' },
        { role: 'assistant', content: '有。按省内最高1000元/人、省外最高3000元/人给予企业招聘补贴。' },
      ],
    })
    expect(res.rewrittenQuery).toContain('连云港')
    expect(res.citations[0].city).toBe('连云港市')
  })

  it('restricts answers to the city the caller names', async () => {
    const res = await ask('创业担保贷款最高能贷多少？', { city: '泾源县' })
    expect(res.citations.length).toBeGreaterThan(0)
    expect(res.citations.every((c) => c.city === '泾源县')).toBe(true)
  })
})

describe('QaEngine.search', () => {
  it('returns at most k units, best first, keyed by document and path', async () => {
    const results = await engine.search({ query: '零工市场', k: 3 })
    expect(results.length).toBeLessThanOrEqual(3)
    expect(results[0].score).toBeGreaterThanOrEqual(results[results.length - 1].score)
    for (const r of results) expect(r.path).toBeTruthy()
  })
})

describe('QaEngine catalogue', () => {
  it('lists the documents with validity and unit counts', () => {
    const docs = engine.documents()
    expect(docs.map((d) => d.docKey).sort()).toEqual(
      ['changzhou', 'jingyuan', 'lianyungang', 'yangzhou-2023', 'yangzhou-table', 'yichun'].sort()
    )
    expect(docs.find((d) => d.docKey === 'lianyungang')?.status).toBe('draft')
    expect(docs.find((d) => d.docKey === 'yichun')?.unitsByKind.box).toBe(12)
  })

  it('gives a clause with its breadcrumb, parent and neighbours', async () => {
    const detail = (await engine.clause('changzhou', '二/（三）/1'))!
    expect(detail.citation.quote).toMatch(/^加大扶持力度/)
    expect(detail.breadcrumb).toContain('主要任务')
    expect(detail.parent?.path).toBe('二/（三）')
    expect(detail.next?.path).toBe('二/（三）/2')
    expect(await engine.clause('changzhou', '九/（九）')).toBeUndefined()
  })
})

describe('a question the cited clauses answer only in part', () => {
  it('should say the figure is not stated when the clause asked 「多少」 gives none', async () => {
    const answer = await engine.chat({ question: '常州创业担保贷款最多能贷多少？' })
    expect(answer.abstained).toBe(false)
    expect(answer.citations.every((c) => c.city === '常州市')).toBe(true)
    expect(answer.answer).toContain('未写明所问事项的具体数额')
  })

  it('should say so when the only figure quoted is of something else', async () => {
    // The table names 城镇新增就业 as an assessment indicator; its one 2024 figure is a loan total.
    const answer = await engine.chat({ question: '扬州2024年要新增多少城镇就业？' })
    expect(answer.abstained).toBe(false)
    expect(answer.answer).toContain('城镇新增就业')
    expect(answer.answer).toContain('未写明所问事项的具体数额')
  })

  it('should not take a ratio of the thing asked about for its amount', async () => {
    // 「失业保险金标准按适用区域最低工资标准的90%确定」 states the benefit, not the minimum wage.
    const answer = await engine.chat({ question: '宜春的最低工资标准是多少？' })
    expect(answer.citations[0]).toMatchObject({ docKey: 'yichun' })
    expect(answer.answer).toContain('未写明所问事项的具体数额')
  })

  it('should not add that note when the clause states the figure', async () => {
    const answer = await engine.chat({ question: '连云港稳岗返还比例是多少？' })
    expect(answer.answer).toContain('90%')
    expect(answer.answer).not.toContain('未写明')
  })
})
