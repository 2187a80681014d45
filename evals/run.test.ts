import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvalReport } from './evaluate.js'
import { METRIC_KEYS } from './metrics.js'
import { runEvalCommand } from './run.js'

/** A policy the engine has never seen: plain text, no manifest, 一、（一）1. outline. */
const NEW_POLICY = `清远市青年就业见习补贴实施办法

为进一步做好高校毕业生等青年就业工作，拓宽青年就业渠道，结合我市实际，制定本办法。

一、见习对象
（一）离校2年内未就业高校毕业生和16至24岁失业青年。
（二）在清远市内登记失业的中职毕业生。

二、补贴标准
（一）见习生活补贴
1. 见习单位按不低于当地最低工资标准的80%向见习人员发放见习生活补贴。
2. 财政按每人每月1800元的标准给予见习单位补贴，补贴期限最长12个月。
（二）留用奖励
1. 见习期满留用率达到50%以上的见习单位，按每留用1人3000元给予一次性奖励。

三、申请程序
（一）见习单位于每季度结束后15个工作日内向所在县（市、区）人社部门提出申请。
（二）补贴资金通过“粤省事”平台直接拨付至见习单位账户。
`

const NEW_QUESTIONS = [
  {
    id: 'N1',
    question: '清远市见习单位每招一个见习人员，财政每月补贴多少钱？最长补多久？',
    answerable: true,
    gold: [{ docKey: 'qingyuan-youth', path: '二/（一）/2' }],
    facts: ['1800元', '12个月'],
    type: 'numeric',
  },
  {
    id: 'N2',
    question: '我在清远开公司，见习的人期满后留下来一半多，有奖励吗？',
    answerable: true,
    gold: [{ docKey: 'qingyuan-youth', path: '二/（二）/1' }],
    facts: ['3000元'],
    type: 'colloquial',
  },
  {
    id: 'N3',
    question: '韶关市的就业见习补贴标准是多少？',
    answerable: false,
    gold: [],
    facts: [],
    type: 'outofscope',
  },
]

const RUN_TIMEOUT_MS = 60_000

describe('runEvalCommand', () => {
  describe('with --questions and --docs it has never seen', () => {
    let dir: string
    let report: EvalReport
    const printed: string[] = []

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'policy-qa-eval-test-'))
      await mkdir(join(dir, 'docs'))
      await writeFile(join(dir, 'docs', 'qingyuan-youth.txt'), NEW_POLICY)
      await writeFile(
        join(dir, 'questions.jsonl'),
        NEW_QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n'
      )
      const args = ['--questions', join(dir, 'questions.jsonl'), '--docs', join(dir, 'docs')]
      const out = ['--json', join(dir, 'out.json'), '--md', join(dir, 'report', 'eval.md')]
      report = (await runEvalCommand([...args, ...out], (line) => printed.push(line)))!
    }, RUN_TIMEOUT_MS)

    afterAll(() => rm(dir, { recursive: true, force: true }))

    it('should index the new document with the seeds', () => {
      const docKeys = report.meta.documents.map((d) => d.docKey)
      expect(docKeys).toContain('qingyuan-youth')
      expect(docKeys).toContain('changzhou')
      expect(report.meta.warnings).toEqual([])
    })

    it('should answer questions on the new document from it', () => {
      const n1 = report.questions.find((q) => q.id === 'N1')!
      expect(n1.retrieved[0]).toMatchObject({ docKey: 'qingyuan-youth', city: '清远市' })
      expect(n1.citations.map((c) => c.docKey)).toContain('qingyuan-youth')
    })

    it('should write the JSON report with every metric key for the system and both baselines', async () => {
      const json = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as EvalReport
      for (const metrics of [json.system, json.baselines.naive!, json.baselines.bm25!]) {
        expect(Object.keys(metrics)).toEqual([...METRIC_KEYS])
      }
      expect(Object.keys(json.byType).sort()).toEqual(['colloquial', 'numeric', 'outofscope'])
      expect(json.questions.map((q) => q.id)).toEqual(['N1', 'N2', 'N3'])
      expect(Object.keys(json.questions[0])).toEqual(
        expect.arrayContaining([
          'id',
          'type',
          'retrieved',
          'citations',
          'answer',
          'abstained',
          'pass',
          'reasons',
        ])
      )
    })

    it('should write the Markdown report and link the SVG chart beside it', async () => {
      const md = await readFile(join(dir, 'report', 'eval.md'), 'utf8')
      const svg = await readFile(join(dir, 'report', 'eval.svg'), 'utf8')
      expect(md).toContain('](eval.svg)')
      expect(md).toContain('| recall@5 |')
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
    })

    it('should end the console summary with the system line', () => {
      const last = printed.join('\n').trimEnd().split('\n').at(-1)!
      expect(last).toMatch(
        /^recall@5 \d\.\d{3} {2}MRR \d\.\d{3} {2}citeHit .* falseAbstain \d\.\d{3}/
      )
    })
  })

  it(
    'should refuse a question whose gold document is not indexed, naming it',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'policy-qa-eval-test-'))
      const file = join(dir, 'q.jsonl')
      await writeFile(file, JSON.stringify({ ...NEW_QUESTIONS[0], id: 'X1' }) + '\n')
      try {
        await expect(runEvalCommand(['--questions', file], () => {})).rejects.toThrow(
          /question X1: gold doc key qingyuan-youth is not in the index/
        )
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    RUN_TIMEOUT_MS
  )
})
