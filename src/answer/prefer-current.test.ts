import { describe, expect, it } from 'vitest'
import type { Clause, DocumentInfo } from '../schema/clause.js'
import type { ClauseHit, Retrieval } from '../retrieval/hybrid-retriever.js'
import { preferCurrent } from './prefer-current.js'

const info = (docKey: string, supersededBy?: string): DocumentInfo => ({
  docKey,
  file: `${docKey}.txt`,
  city: '淮安市',
  title: '淮安市就业困难人员认定和援助办法',
  date: docKey.slice(-4),
  draft: false,
  detected: [],
  places: [],
  sourceHash: '',
  units: 8,
  ...(supersededBy ? { supersededBy: { docKey: supersededBy, title: '淮安市就业困难人员认定和援助办法' } } : {}),
})
const documents = new Map([
  ['huaian-2023', info('huaian-2023', 'huaian-2025')],
  ['huaian-2025', info('huaian-2025')],
])
const hit = (docKey: string, path: string, score: number) =>
  ({ clause: { docKey, path, city: '淮安市', text: '' } as Clause, score }) as ClauseHit
const retrieval = (...hits: ClauseHit[]) => ({ hits, cities: [], outside: [], concepts: [] }) as unknown as Retrieval

describe('preferCurrent', () => {
  it('sets aside the superseded version when the current one answers nearly as well', () => {
    const { retrieval: kept, replaced } = preferCurrent(
      retrieval(hit('huaian-2023', '第五条', 1), hit('huaian-2025', '第五条', 0.9), hit('huaian-2023', '第六条', 0.5)),
      documents
    )
    expect(kept.hits.map((h) => `${h.clause.docKey} ${h.clause.path}`)).toEqual(['huaian-2025 第五条'])
    expect(replaced.map((d) => d.docKey)).toEqual(['huaian-2023'])
  })

  it('keeps the old version when the current one does not say what is asked', () => {
    const found = retrieval(hit('huaian-2023', '第七条', 1), hit('huaian-2025', '第一条', 0.3))
    expect(preferCurrent(found, documents)).toEqual({ retrieval: found, replaced: [] })
  })

  it('changes nothing without superseded documents among the hits', () => {
    const found = retrieval(hit('huaian-2025', '第五条', 1))
    expect(preferCurrent(found, documents).retrieval).toBe(found)
  })
})
