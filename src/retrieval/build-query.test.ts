import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { userText } from '../../test/support/question-arbitraries.js'
import { createJiebaSegmenter } from '../adapters/jieba-node/index.js'
import { buildQuery, cutQuestion, queryWords, weighQuery } from './build-query.js'
import { PlaceCatalog } from './places.js'
import { POLICY_SYNONYMS } from './synonyms.js'

const segmenter = createJiebaSegmenter()
const places = new PlaceCatalog([
  { city: '常州市', subPlaces: ['溧阳市', '武进区'] },
  { city: '连云港市' },
  { city: '泾源县' },
])
const deps = { segmenter, places, isKnownTerm: (term: string) => term.length % 2 === 0 }
const SYNONYM_TARGETS = [...new Set(Object.values(POLICY_SYNONYMS).flat())]
/** Most terms the synonym lexicon can add: every target and every sub-word of one. */
const SYNONYM_TERMS_MAX = SYNONYM_TARGETS.reduce((n, target) => n + 1 + segmenter.cutForSearch(target).length, 0)
// Search mode yields a word and its sub-words; three terms per character is well above what jieba makes.
const TERMS_PER_CHAR_MAX = 3

describe('buildQuery', () => {
  it('weights the question’s words, their sub-words and their synonyms', () => {
    const query = buildQuery('大学生创业担保贷款最高多少？', deps)
    const weight = (term: string) => query.terms.find((t) => t.term === term)?.weight
    expect(weight('创业担保贷款')).toBe(1)
    expect(weight('高校毕业生')).toBeLessThan(1)
    expect(query.intent.amount).toBe(true)
    expect(query.keywords).not.toContain('多少')
  })

  it('reads 「哪几个方面」 as asking which, 「几个月」 as asking how many', () => {
    const which = buildQuery('常州的主要任务分成哪几个方面？', deps).intent
    expect(which).toMatchObject({ list: true, amount: false })
    expect(buildQuery('社保补贴能补几个月？', deps).intent.amount).toBe(true)
  })

  it('asks about every word it weighs: the statistics fetched before weighing cover the query', () => {
    fc.assert(
      // Questions that name lexicon entries too: their keys are what weighing asks about.
      fc.property(fc.oneof(userText(), fc.constantFrom(...Object.keys(POLICY_SYNONYMS).map((key) => `${key}怎么申请`))), userText(200), (question, context) => {
        const cut = cutQuestion(question, { segmenter, places }, context)
        const words = new Set(queryWords(cut))
        const asked: string[] = []
        const query = weighQuery(cut, (term) => (asked.push(term), deps.isKnownTerm(term)))
        for (const term of [...query.terms.map((t) => t.term), ...asked]) expect(words).toContain(term)
        expect(query).toEqual(buildQuery(question, deps, {}, context))
      }),
      { numRuns: 200 }
    )
  })

  describe('with generated test data', () => {
    it('never throws, and gives unique, trimmed, non-empty terms taken from the question, its context or the synonyms', () => {
      fc.assert(
        fc.property(userText(), userText(2000), (question, context) => {
          const query = buildQuery(question, deps, {}, context)
          const contextText = context.normalize('NFKC').toLowerCase()
          const terms = query.terms.map((t) => t.term)
          expect(new Set(terms).size).toBe(terms.length)
          for (const { term, weight } of query.terms) {
            expect(term.trim()).toBe(term)
            expect(term).not.toBe('')
            expect(weight).toBeGreaterThan(0)
            expect(weight).toBeLessThanOrEqual(1)
            const found =
              query.normalized.includes(term) || contextText.includes(term) || SYNONYM_TARGETS.some((s) => s.includes(term))
            expect(found, `term ${JSON.stringify(term)}`).toBe(true)
          }
          for (const keyword of query.keywords) expect(keyword.trim()).not.toBe('')
          expect(new Set(query.keywords).size).toBe(query.keywords.length)
          // A phrase is two adjacent words of the question written together.
          for (const phrase of query.phrases) {
            const split = query.keywords.some((k) => phrase.startsWith(k) && query.keywords.includes(phrase.slice(k.length)))
            expect(split, `phrase ${JSON.stringify(phrase)}`).toBe(true)
          }
          expect(query.terms.length).toBeLessThanOrEqual(
            TERMS_PER_CHAR_MAX * (query.normalized.length + contextText.length) + SYNONYM_TERMS_MAX
          )
          for (const year of query.years) expect(query.normalized).toContain(`${year}年`)
        }),
        { numRuns: 300 }
      )
    })

    it('reads full-width digits as half-width for matching', () => {
      fc.assert(
        fc.property(fc.integer({ min: 2000, max: 2099 }), (year) => {
          const fullWidth = String(year).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
          expect(buildQuery(`${fullWidth}年的补贴`, deps).years).toEqual([year])
        }),
        { numRuns: 20 }
      )
    })
  })
})
