import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { userText } from '../../test/support/question-arbitraries.js'
import { createJiebaSegmenter } from '../adapters/jieba-node/index.js'
import { buildQuery } from '../retrieval/build-query.js'
import { PlaceCatalog } from '../retrieval/places.js'
import type { StoredTurn } from '../schema/conversation.js'
import { inputLimits } from '../schema/api.js'
import { MAX_CARRIED_CHARS, resolveFollowUp } from './resolve-followup.js'

const places = new PlaceCatalog([{ city: '常州市', subPlaces: ['溧阳市', '武进区'] }, { city: '连云港市' }, { city: '泾源县' }])
const squash = (text: string) => text.replace(/\s+/g, '')

const turn: fc.Arbitrary<StoredTurn> = fc.record(
  {
    role: fc.constantFrom('user' as const, 'assistant' as const),
    content: userText(inputLimits.historyTurnMaxChars),
    citations: fc.array(fc.record({ docKey: fc.constantFrom('changzhou', 'lyg'), path: fc.constantFrom('一', '二/（三）') }), { maxLength: 3 }),
    at: fc.nat(),
  },
  { requiredKeys: ['role', 'content', 'at'] }
)
const history = fc.array(turn, { maxLength: inputLimits.historyMaxTurns })

describe('resolveFollowUp', () => {
  it('carries the topic and city of the previous question into a question that points back', () => {
    const resolved = resolveFollowUp('这个补贴怎么申请？', [{ role: 'user', content: '常州市一次性扩岗补助' }], places)
    expect(resolved.rewritten).toBe(true)
    expect(resolved.standalone).toContain('常州市一次性扩岗补助')
  })

  describe('with generated test data', () => {
    it('never throws and keeps the question whole, adding a bounded part of what was asked before', () => {
      fc.assert(
        fc.property(userText(inputLimits.questionMaxChars), history, (question, turns) => {
          const resolved = resolveFollowUp(question, turns, places)
          expect(squash(resolved.standalone)).toContain(squash(question))
          // The previous question (as resolved, at most MAX_CARRIED_CHARS) twice at most: its topic
          // and its places or years, and a space each.
          expect(resolved.standalone.length).toBeLessThanOrEqual(question.length + 2 * MAX_CARRIED_CHARS + 40)
          if (!resolved.rewritten) expect(resolved.standalone.trim()).toBe(question.trim())
          const last = turns[turns.length - 1]
          for (const unit of resolved.prefer ?? []) expect(last?.citations).toContainEqual(unit)
        }),
        { numRuns: 200 }
      )
    })

    it('gives the query builder a question it can always build a query from', () => {
      const segmenter = createJiebaSegmenter()
      fc.assert(
        fc.property(userText(inputLimits.questionMaxChars), history, (question, turns) => {
          const resolved = resolveFollowUp(question, turns, places)
          const query = buildQuery(resolved.standalone, { segmenter, places }, {}, resolved.context)
          for (const { term } of query.terms) expect(term.trim()).not.toBe('')
        }),
        { numRuns: 100 }
      )
    })
  })
})
