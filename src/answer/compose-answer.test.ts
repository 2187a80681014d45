import { describe, expect, it } from 'vitest'
import type { DocumentInfo } from '../schema/clause.js'
import type { Retrieval } from '../retrieval/hybrid-retriever.js'
import { ClauseTree } from '../retrieval/clause-tree.js'
import { composeAnswer } from './compose-answer.js'
import { MAX_LISTED } from './messages.js'

const info = (n: number, city: string): DocumentInfo => ({
  docKey: `doc-${n}`,
  file: `doc-${n}.txt`,
  city,
  title: `就业政策第${n}号`,
  draft: false,
  detected: [],
  places: [],
  sourceHash: '',
  units: 3,
})
// A province: 30 cities of 2 documents each.
const documents = new Map(Array.from({ length: 60 }, (_, n) => info(n, `城市${Math.floor(n / 2)}市`)).map((d) => [d.docKey, d]))
const context = { tree: new ClauseTree([]), documents, today: new Date('2026-11-23T00:00:00Z') }
const refused = (fields: Partial<Retrieval>) =>
  composeAnswer({ hits: [], cities: [], outside: [], concepts: [], query: { intent: {} }, ...fields } as unknown as Retrieval, context)

describe('composeAnswer refusing', () => {
  it('should name a few of a large corpus’s documents and how many there are, not all of them', () => {
    const { answer, abstained } = refused({ outside: ['苏州'] })
    expect(abstained).toBe(true)
    expect(answer).toContain('苏州')
    expect(answer).toContain('等60份')
    expect(answer.match(/《/g)).toHaveLength(MAX_LISTED)
  })

  it('should name the documents of the city asked about', () => {
    const { answer } = refused({ cities: ['城市7市'] })
    expect(answer).toContain('城市7市《就业政策第14号》、城市7市《就业政策第15号》。')
    expect(answer).not.toContain('城市6市')
  })
})
