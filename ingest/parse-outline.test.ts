import { describe, expect, it } from 'vitest'
import { parseOutline, type ParsedUnit } from './parse-outline.js'
import { toSourceLines } from './source-lines.js'
import { generateDocument } from './fixtures/generate-document.js'
import { normalise } from './fixtures/match-units.js'

const parse = (lines: string[]) => parseOutline(toSourceLines(lines.join('\n')))
const paths = (lines: string[]) => parse(lines).units.map((u) => u.path)
const unitAt = (lines: string[], path: string): ParsedUnit => {
  const unit = parse(lines).units.find((u) => u.path === path)
  if (!unit) throw new Error(`no unit at ${path}: ${paths(lines).join(' ')}`)
  return unit
}

describe('parseOutline', () => {
  describe('outline levels', () => {
    it('follows GB/T 9704 levels: 一、 （一） 1. （1）', () => {
      const doc = [
        '某市稳就业措施',
        '一、总体要求',
        '（一）目标任务',
        '1.稳定规模。全年新增就业1万人。',
        '（1）城镇新增就业。',
        '（2）失业率可控。',
        '2.优化结构。',
        '（二）基本原则',
        '二、主要任务',
      ]
      expect(paths(doc)).toEqual([
        '一',
        '一/（一）',
        '一/（一）/1',
        '一/（一）/1/（1）',
        '一/（一）/1/（2）',
        '一/（一）/2',
        '一/（二）',
        '二',
      ])
    })

    it('nests a level that skips one under the unit open above it', () => {
      expect(
        paths([
          '措施',
          '一、支持企业',
          '1.稳岗返还。',
          '2.扩岗补助。',
          '二、支持个人',
          '（一）创业补贴',
          '（1）首次创业。',
          '（2）带动就业。',
        ])
      ).toEqual(['一', '一/1', '一/2', '二', '二/（一）', '二/（一）/（1）', '二/（一）/（2）'])
    })

    it('nests (一) under 1、 when a document numbers its top level 1、 2、', () => {
      const doc = [
        '通知',
        '1、服务对象',
        '(一)农村劳动者。',
        '(二)就业困难人员。',
        '2、主要内容',
        '(一)开展招聘。',
        '3、工作要求',
        '各地要高度重视。',
      ]
      expect(paths(doc)).toEqual(['1', '1/（一）', '1/（二）', '2', '2/（一）', '3'])
    })

    it('keeps items numbered straight through chapters under their chapter', () => {
      const doc = [
        '措施',
        '一、稳住就业规模',
        '1.鼓励企业稳岗。',
        '2.强化金融支持。',
        '二、扩大就业岗位',
        '3.开发市场化岗位。',
        '4.开发公益性岗位。',
      ]
      expect(paths(doc)).toEqual(['一', '一/1', '一/2', '二', '二/3', '二/4'])
    })

    it('puts items that stand directly under a chapter under it, after chapters with sections', () => {
      const doc = [
        '方案',
        '一、主要任务',
        '（一）扩容行动',
        '1.项目带动就业。',
        '2.企业吸纳就业。',
        '二、保障措施',
        '3.强化组织领导。',
        '4.强化资金保障。',
      ]
      expect(paths(doc)).toEqual([
        '一',
        '一/（一）',
        '一/（一）/1',
        '一/（一）/2',
        '二',
        '二/3',
        '二/4',
      ])
    })

    it('writes half-width and full-width markers the same way in paths', () => {
      const doc = [
        '措施',
        '一、总则',
        '(一)目标',
        '1.稳定。',
        '2．扩大。',
        '3、提升。',
        '４．保障。',
        '（二）原则',
        '(1)统筹。',
        '（２）兜底。',
      ]
      expect(paths(doc)).toEqual([
        '一',
        '一/（一）',
        '一/（一）/1',
        '一/（一）/2',
        '一/（一）/3',
        '一/（一）/4',
        '一/（二）',
        '一/（二）/（1）',
        '一/（二）/（2）',
      ])
    })

    it('gives a mistyped number the path it is written with when it stands under another chapter', () => {
      // Sections numbered through chapters, with （十七） mistyped as a second （七）.
      const sections = (from: number, to: number) =>
        Array.from(
          { length: to - from + 1 },
          (_, k) => `（${'一二三四五六七八九十'[from + k - 1]}）发展基础之${from + k}。`
        )
      const doc = [
        '规划',
        '一、发展环境',
        ...sections(1, 7),
        '二、主要任务',
        '（八）扩大就业。',
        '（九）稳定岗位。',
        '（七）构建人才培养体系。推进技能提升。',
        '（十）强化服务。',
      ]
      expect(paths(doc).slice(-4)).toEqual(['二/（八）', '二/（九）', '二/（七）', '二/（十）'])
      expect(unitAt(doc, '二/（七）').text).toBe('构建人才培养体系。推进技能提升。')
      expect(unitAt(doc, '一/（七）').text).toBe('发展基础之7。')
    })

    it('never gives two units the same path when a number repeats under the same parent', () => {
      const doc = [
        '措施',
        '一、任务',
        '（一）稳岗。',
        '（二）扩岗。',
        '（二）援助。',
        '（四）服务。',
      ]
      const found = paths(doc)
      expect(new Set(found).size).toBe(found.length)
      expect(found).toContain('一/（四）')
    })
  })

  describe('articles (第X条)', () => {
    const regulation = [
      '某市就业见习管理办法',
      '第一章　总　则',
      '第一条　为规范就业见习管理，制定本办法。',
      '第二条　本办法适用于本市。',
      '第二章　见习单位',
      '第三条　见习单位应当具备下列条件：',
      '（一）依法设立；',
      '（二）能够提供',
      '3个以上见习岗位。',
      '第四条　符合本办法',
      '第三条规定条件的单位，可以申请认定。',
      '第三章　附　则',
      '第五条　本办法自2024年5月1日起施行。',
    ]

    it('cites articles on their own and their sub-items under them', () => {
      expect(paths(regulation)).toEqual([
        '第一条',
        '第二条',
        '第三条',
        '第三条/（一）',
        '第三条/（二）',
        '第四条',
        '第五条',
      ])
    })

    it('makes no unit of a 第X章 heading and keeps it out of the article before it', () => {
      expect(unitAt(regulation, '第二条').text).toBe('本办法适用于本市。')
      expect(parse(regulation).units.some((u) => /见习单位$|总\s*则|附\s*则/.test(u.text))).toBe(
        false
      )
    })

    it('takes the title from the line above the first chapter, not the chapter heading', () => {
      expect(parse(regulation).title).toBe('某市就业见习管理办法')
    })

    it('does not make a unit of a cross-reference that starts a line', () => {
      expect(unitAt(regulation, '第四条').text).toBe(
        '符合本办法第三条规定条件的单位，可以申请认定。'
      )
      const doc = [
        '办法',
        '第五条　见习补贴按下列标准发放：',
        '（一）每人每月1500元；',
        '（二）留用的提高至2000元。前款',
        '（一）项所列人员，由单位负责。',
      ]
      expect(paths(doc)).toEqual(['第五条', '第五条/（一）', '第五条/（二）'])
      expect(unitAt(doc, '第五条/（二）').text).toBe(
        '留用的提高至2000元。前款（一）项所列人员，由单位负责。'
      )
    })
  })

  describe('boxes (专栏)', () => {
    it('makes a box a top-level unit even inside a section, with its numbered lines under it', () => {
      const doc = [
        '规划',
        '一、主要任务',
        '（一）扩大就业。发展新业态。',
        '专栏1：重点工程',
        '1.零工市场工程。建设零工市场10个。',
        '2.技能提升工程。培训5万人次。',
        '（二）稳定就业。',
      ]
      expect(paths(doc)).toEqual(['一', '一/（一）', '专栏1', '专栏1/1', '专栏1/2', '一/（二）'])
      expect(unitAt(doc, '专栏1')).toMatchObject({ kind: 'box', heading: '重点工程' })
    })

    it('reads a tab-led box holding an indicator table, and gives the text after it back to its section', () => {
      const doc = [
        '规划',
        '一、发展目标',
        '（一）主要目标。就业规模稳步扩大。',
        '',
        '\t专栏1：主要就业指标',
        '',
        '\t指标',
        '\t2020年',
        '\t2025年',
        '',
        '\t1.城镇新增就业（万人）',
        '\t[28]',
        '\t[22]',
        '',
        '\t2.城镇调查失业率（%）',
        '\t5.2',
        '\t5.5以内',
        '',
        '',
        '就业质量明显提升。',
        '（二）基本原则。',
      ]
      expect(paths(doc)).toEqual(['一', '一/（一）', '专栏1', '专栏1/1', '专栏1/2', '一/（二）'])
      expect(unitAt(doc, '专栏1/2').text).toBe('城镇调查失业率（%）：2020年：5.2；2025年：5.5以内')
      expect(unitAt(doc, '一/（一）').text).toBe('主要目标。就业规模稳步扩大。\n就业质量明显提升。')
    })
  })

  describe('tables', () => {
    it('makes an appended table 附件 with rows 附件/第N项, counting a row whose number was lost', () => {
      const doc = [
        '措施',
        '一、开发岗位',
        '1.开发市场化岗位。每年3万个。',
        '附件',
        '岗位开发计划指导清单',
        '\t序号',
        '\t就业类型',
        '\t岗位数',
        '\t1',
        '\t市场化岗位',
        '\t30000个',
        '',
        '－ 2 －',
        '',
        '\t序号',
        '\t就业类型',
        '\t岗位数',
        '  \t公益性岗位',
        '\t5600个',
      ]
      expect(paths(doc)).toEqual(['一', '一/1', '附件', '附件/第1项', '附件/第2项'])
      expect(unitAt(doc, '附件').text).toBe('岗位开发计划指导清单')
      expect(unitAt(doc, '附件/第2项').text).toBe('公益性岗位；岗位数：5600个')
    })

    it('reads a file that opens with a task table as a document of rows, without a 附件/ prefix', () => {
      const doc = [
        '附件',
        '《某市促进就业总体方案（2024—2026年）》任务分解表',
        '\t序号',
        '\t目标任务',
        '\t具体举措',
        '\t牵头部门',
        '\t参加部门',
        '\t',
        '\t',
        '\t2024年度',
        '\t2025年度',
        '\t2026年度',
        '\t',
        '\t',
        '\t1',
        '\t强化就业优先导向。',
        '\t出台稳岗措施。',
        '\t落实稳岗措施。',
        '\t评估稳岗措施。',
        '\t发改委',
        '\t人社局',
        '\t2',
        '\t扩大就业容量。',
        '\t新增就业1万人。',
        '\t每年新增就业1.1万人。',
        '\t人社局',
        '\t财政局',
      ]
      const outline = parse(doc)
      expect(outline.title).toBe('《某市促进就业总体方案（2024—2026年）》任务分解表')
      expect(outline.units.map((u) => u.path)).toEqual([
        '第1项',
        '第1项/2024年度',
        '第1项/2025年度',
        '第1项/2026年度',
        '第2项',
        '第2项/2024年度',
        '第2项/2025年度',
        '第2项/2026年度',
      ])
      expect(outline.units.find((u) => u.path === '第2项/2026年度')?.text).toBe(
        '每年新增就业1.1万人。'
      )
      expect(outline.units[0].lead).toBe('发改委')
    })
  })

  describe('conversion noise', () => {
    it('drops page numbers and running headers that cut a sentence', () => {
      const doc = [
        '某市促进就业若干措施',
        '一、支持企业',
        '1．对吸纳就业困难人员的企业给予社会保险补贴，补贴期限最长不超过',
        '',
        '－ 2 －',
        '',
        '某市促进就业若干措施',
        '3年。',
        '2．对企业吸纳高校毕业生的，给予一次性扩岗补助',
        '- 3 -',
        '1500元。',
        '第2页 共9页',
        '3．支持以工代训。',
      ]
      expect(paths(doc)).toEqual(['一', '一/1', '一/2', '一/3'])
      expect(unitAt(doc, '一/1').text).toBe(
        '对吸纳就业困难人员的企业给予社会保险补贴，补贴期限最长不超过3年。'
      )
      expect(unitAt(doc, '一/2').text).toBe('对企业吸纳高校毕业生的，给予一次性扩岗补助1500元。')
    })

    it('keeps web chrome and page metadata out of the preamble and the units', () => {
      const doc = [
        '首页 > 政务公开 > 通知公告',
        '某区人社局关于开展春风行动的通知',
        '发布时间：2024-01-26　来源：区人社局　浏览次数：2318',
        '字号：[大] [中] [小]',
        '点赞',
        '收藏',
        '转发',
        '各街道，区各有关单位：',
        '为帮助重点群体就业，现就有关事项通知如下：',
        '1、活动时间',
        '2024年1月29日至3月31日。',
        '2、工作要求',
        '各街道要高度重视。',
        '某区人社局',
        '2024年1月26日',
        '【打印本页】　【关闭窗口】',
      ]
      const outline = parse(doc)
      expect(outline.title).toBe('某区人社局关于开展春风行动的通知')
      expect(outline.units.map((u) => [u.path, u.text])).toEqual([
        ['前言', '为帮助重点群体就业，现就有关事项通知如下：'],
        ['1', '活动时间\n2024年1月29日至3月31日。'],
        ['2', '工作要求\n各街道要高度重视。'],
      ])
      expect(outline.head.map((l) => l.text)).toContain(
        '发布时间：2024-01-26　来源：区人社局　浏览次数：2318'
      )
    })

    it('drops Word bookmarks', () => {
      const doc = [
        '措施',
        '[bookmark: _GoBack]',
        '一、总则',
        '1.稳定就业。[bookmark: _GoBack]',
        '2.扩大就业。',
      ]
      expect(parse(doc).units.map((u) => u.text)).toEqual(['总则', '稳定就业。', '扩大就业。'])
    })
  })

  describe('wrapped lines', () => {
    it('joins a continuation that starts with a number to its sentence instead of making it an item', () => {
      const doc = [
        '措施',
        '一、支持企业',
        '1.对企业吸纳登记失业人员并签订',
        '1年以上期限劳动合同的，给予补贴。',
        '2.对吸纳就业的企业给予',
        '5000',
        '元补贴。',
      ]
      expect(paths(doc)).toEqual(['一', '一/1', '一/2'])
      expect(unitAt(doc, '一/1').text).toBe(
        '对企业吸纳登记失业人员并签订1年以上期限劳动合同的，给予补贴。'
      )
      expect(unitAt(doc, '一/2').text).toBe('对吸纳就业的企业给予5000元补贴。')
    })

    it('does not take a wrapped first line for the heading of its unit', () => {
      const doc = [
        '措施',
        '一、支持企业',
        '1.对企业吸纳登记失业人员并签订',
        '1年以上期限劳动合同的，给予补贴。',
        '2.稳岗返还。对企业返还失业保险费。',
      ]
      expect(unitAt(doc, '一/1').heading).toBe('')
      expect(unitAt(doc, '一/2').heading).toBe('稳岗返还')
    })

    it('keeps a heading on its own line apart from the text under it', () => {
      const doc = ['措施', '一、工作目标', '到2025年，新增就业5万人。']
      expect(unitAt(doc, '一')).toMatchObject({
        heading: '工作目标',
        text: '工作目标\n到2025年，新增就业5万人。',
      })
    })
  })

  describe('front and back matter', () => {
    const forwarded = [
      '某市人民政府办公室文件',
      '某政办发〔2024〕8号',
      '关于印发某市促进就业若干措施的通知',
      '各县（区）人民政府，市政府各部门：',
      '现将《某市促进就业若干措施》印发给你们，请认真贯彻执行。',
      '某市人民政府办公室',
      '2024年3月18日',
      '（此件主动公开）',
      '某市促进就业若干措施',
      '为进一步稳定和扩大就业，结合我市实际，制定本措施。',
      '一、支持企业稳岗',
      '1.稳岗返还。按规定返还失业保险费。',
      '',
      '本措施自印发之日起施行。',
      '',
      '抄送：市委各部门，市人大常委会办公室。',
      '某市人民政府办公室　　2024年3月18日印发',
    ]

    it('takes as 前言 only the policy’s own opening, not the cover notice, addressees or signature', () => {
      expect(unitAt(forwarded, '前言').text).toBe(
        '为进一步稳定和扩大就业，结合我市实际，制定本措施。'
      )
      expect(parse(forwarded).title).toBe('某市促进就业若干措施')
    })

    it('makes unnumbered text after the last item 结语 and drops the 抄送 block', () => {
      expect(paths(forwarded)).toEqual(['前言', '一', '一/1', '结语'])
      expect(unitAt(forwarded, '结语').text).toBe('本措施自印发之日起施行。')
      expect(parse(forwarded).units.some((u) => /抄送|印发$/.test(u.text))).toBe(false)
    })

    it('finds a closing sentence that follows the last item without a blank line', () => {
      const doc = [
        '措施',
        '一、支持企业',
        '1.稳岗返还。',
        '本措施自2024年1月1日起施行，有效期至2025年12月31日。',
      ]
      expect(paths(doc)).toEqual(['一', '一/1', '结语'])
    })

    it('drops the signature after the closing text', () => {
      const doc = [
        '措施',
        '一、支持企业',
        '1.稳岗返还。',
        '',
        '各地要抓好落实。',
        '',
        '某市人民政府',
        '2024年3月18日',
      ]
      expect(unitAt(doc, '结语').text).toBe('各地要抓好落实。')
    })

    it('returns no units for text without an outline', () => {
      expect(parse(['会议纪要', '会议听取了就业工作汇报。']).units).toEqual([])
    })
  })

  describe('with generated documents', () => {
    const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1)
    // The segments CITATIONS.md allows, with the 之N suffix that keeps a repeated path unique.
    const SEGMENT =
      /^(?:前言|结语|附件\d*|[一二三四五六七八九十百]+|（[一二三四五六七八九十百]+）|\d+|（\d+）|第[一二三四五六七八九十百]+条|专栏\d+|第\d+项|\d{4}年度)(?:之\d+)?$/

    it('gives every unit of a document a path of its own, made of contract segments', () => {
      for (const seed of SEEDS) {
        const { text } = generateDocument(seed)
        const found = parseOutline(toSourceLines(text)).units.map((u) => u.path)
        expect(found.length, `seed ${seed}`).toBeGreaterThan(0)
        expect(new Set(found).size, `seed ${seed}: ${found.join(' ')}`).toBe(found.length)
        for (const path of found)
          for (const segment of path.split('/'))
            expect(segment, `seed ${seed}: ${path}`).toMatch(SEGMENT)
      }
    })

    it('places every unit inside the file, at the text it begins with', () => {
      for (const seed of SEEDS) {
        const { text } = generateDocument(seed)
        for (const unit of parseOutline(toSourceLines(text)).units) {
          const where = `seed ${seed} ${unit.path}`
          expect(unit.start, where).toBeGreaterThanOrEqual(0)
          expect(unit.end, where).toBeGreaterThanOrEqual(unit.start)
          expect(unit.end, where).toBeLessThanOrEqual(text.length)
          // Table rows join their cells with labels (「制造业；人数：10人」): only the first cell is verbatim.
          const opening = normalise(unit.text.split(/[；\n]/)[0]).slice(0, 4)
          expect(normalise(text.slice(unit.start, unit.end)), where).toContain(opening)
        }
      }
    })

    it('keeps page numbers, running headers, chrome, cover notice and back matter out of every unit', () => {
      const noise = /[－-] \d+ [－-]|第\d+页|bookmark|点赞|发布时间|印发给你们|抄送|印发$/
      for (const seed of SEEDS) {
        const { text, title } = generateDocument(seed)
        for (const unit of parseOutline(toSourceLines(text)).units) {
          expect(unit.text, `seed ${seed} ${unit.path}`).not.toMatch(noise)
          expect(unit.text, `seed ${seed} ${unit.path}`).not.toContain(title)
        }
      }
    })
  })
})
