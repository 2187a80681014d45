import { beforeAll, describe, expect, it } from 'vitest'
import type { Clause } from '../src/schema/clause.js'
import type { Segmenter } from '../src/retrieval/segmenter.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { chunkClauses } from './chunk.js'
import { parseOutline } from './parse-outline.js'
import { toSourceLines } from './source-lines.js'
import { generateDocument } from './fixtures/generate-document.js'
import { normalise } from './fixtures/match-units.js'

const clausesOf = (text: string, docKey = 'test'): Clause[] =>
  parseOutline(toSourceLines(text)).units.map((u) => ({
    docKey,
    city: '泰州市',
    docTitle: '泰州市促进就业若干措施',
    ...u,
  }))

describe('chunkClauses', () => {
  let segmenter: Segmenter
  beforeAll(() => {
    segmenter = createJiebaSegmenter()
  })

  it('keeps a unit that fits the budget whole, addressed by doc key and path', () => {
    const clauses = clausesOf(
      '泰州市促进就业若干措施\n一、支持企业\n（一）稳岗返还。对不裁员的企业返还失业保险费。'
    )
    const chunks = chunkClauses(clauses, segmenter)
    expect(chunks.map((c) => [c.id, c.path, c.text])).toEqual([
      ['test#一#0', '一', '支持企业'],
      ['test#一/（一）#0', '一/（一）', '稳岗返还。对不裁员的企业返还失业保险费。'],
    ])
    expect(chunks[1]).toMatchObject({ docKey: 'test', city: '泰州市', kind: 'section' })
  })

  it('cuts a long unit at sentence ends, never inside a sentence', () => {
    const sentences = [
      '对不裁员或少裁员的参保企业，按规定返还失业保险费。',
      '对招用高校毕业生的企业，按每人1500元给予补助。',
      '个人创业者可申请最高30万元的创业担保贷款。',
    ]
    const clauses = clausesOf(`措施\n一、支持企业\n1.${sentences.join('')}`)
    const chunks = chunkClauses(clauses, segmenter, { maxTokens: 15 }).filter(
      (c) => c.path === '一/1'
    )
    expect(chunks.map((c) => c.text)).toEqual(sentences)
  })

  describe('with generated documents', () => {
    const SEEDS = Array.from({ length: 120 }, (_, i) => i + 1)

    it('gives every chunk a text that is a slice of its unit, and loses none of the unit', () => {
      for (const seed of SEEDS) {
        const clauses = clausesOf(generateDocument(seed).text, `doc-${seed}`)
        const byPath = new Map(clauses.map((c) => [c.path, c]))
        // A small budget, so that most units are cut.
        const chunks = chunkClauses(clauses, segmenter, { maxTokens: 12 })
        for (const chunk of chunks) {
          const unit = byPath.get(chunk.path)
          expect(unit, `seed ${seed} ${chunk.id}`).toBeDefined()
          expect(unit!.text, `seed ${seed} ${chunk.id}`).toContain(chunk.text)
        }
        for (const clause of clauses) {
          const joined = chunks
            .filter((c) => c.path === clause.path)
            .map((c) => c.text)
            .join('')
          expect(normalise(joined), `seed ${seed} ${clause.path}`).toBe(normalise(clause.text))
        }
        expect(new Set(chunks.map((c) => c.id)).size, `seed ${seed}`).toBe(chunks.length)
      }
    })
  })
})
