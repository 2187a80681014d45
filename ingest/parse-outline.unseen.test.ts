import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDocuments, type LoadedDocument } from './load-documents.js'
import { readExpected, scoreUnits, type UnitScore } from './fixtures/match-units.js'

// Three documents the parser was not written against, each in a style the seeds lack:
// taizhou-jianxi   a 办法 in 第X章/第X条 form, converted from Word (文号, cover notice, 抄送);
// jiangning-chunfeng  a notice saved from a web page (breadcrumb, 发布时间, 1、 items with (一));
// ganzhou-wenjiuye  a PDF converted to text (page numbers, running headers, lines wrapped mid-sentence).
// Each has a hand-made list of its units in <name>.expected.jsonl.
const FIXTURES = fileURLToPath(new URL('./fixtures/unseen/', import.meta.url))
/** Share of expected units that must be found, per document. */
const MIN_RECALL = 0.95
/** Share of found units that must be expected ones (at most 5% extra), per document. */
const MIN_PRECISION = 0.95

const names = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.expected.jsonl'))
  .map((n) => n.replace(/\.expected\.jsonl$/, ''))
  .sort()

describe('parseOutline on unseen documents', () => {
  let documents: LoadedDocument[]
  const scores = new Map<string, UnitScore>()

  beforeAll(async () => {
    documents = await loadDocuments(FIXTURES) // no manifest: doc keys come from the file names
  })

  afterAll(() => {
    const rows = [...scores].map(
      ([key, s]) =>
        `${key.padEnd(20)} recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}`
    )
    console.info(`unseen documents\n${rows.join('\n')}`)
  })

  it('has three fixtures with an expected unit list each', () => {
    expect(names).toEqual(['ganzhou-wenjiuye', 'jiangning-chunfeng', 'taizhou-jianxi'])
    expect(documents.map((d) => d.info.docKey).sort()).toEqual(names)
  })

  it.each(names)('finds at least 95%% of the units of %s and no more than 5%% extra', (name) => {
    const document = documents.find((d) => d.info.docKey === name)!
    const score = scoreUnits(readExpected(`${FIXTURES}${name}.expected.jsonl`), document.clauses)
    scores.set(name, score)
    expect(
      score.recall,
      `missing: ${JSON.stringify(score.missing, null, 1)}`
    ).toBeGreaterThanOrEqual(MIN_RECALL)
    expect(score.precision, `extra: ${score.extra.join(', ')}`).toBeGreaterThanOrEqual(
      MIN_PRECISION
    )
  })

  it('reads each title from the title line, not from the cover notice, web chrome or a wrapped paragraph', () => {
    const titles = Object.fromEntries(documents.map((d) => [d.info.docKey, d.info.title]))
    expect(titles).toEqual({
      'ganzhou-wenjiuye': '赣州市进一步做好稳就业工作若干措施',
      'jiangning-chunfeng':
        '南京市江宁区人力资源和社会保障局关于开展2024年“春风行动”暨就业援助月活动的通知',
      'taizhou-jianxi': '泰州市就业见习管理办法',
    })
  })

  it('keeps running headers, page numbers, chrome and signatures out of every unit', () => {
    const noise =
      /赣州市进一步做好稳就业工作若干措施|— \d —|点赞|收藏|转发|打印本页|发布时间|抄送|印发给你们|\[bookmark/
    const polluted = documents.flatMap((d) =>
      d.clauses.filter((c) => noise.test(c.text)).map((c) => `${d.info.docKey} ${c.path}`)
    )
    expect(polluted).toEqual([])
  })
})
