import { describe, expect, it } from 'vitest'
import {
  aggregateScores,
  citesUnit,
  factsFoundIn,
  failureReasons,
  firstHitRank,
  goldCitedBy,
  isRelatedUnit,
  percentile,
  scoreQuestion,
  type QuestionRun,
  type ScoredQuestion,
} from './metrics.js'

const CITIES: Record<string, string> = {
  changzhou: '常州市',
  yichun: '宜春市',
  jingyuan: '泾源县',
  'yangzhou-table': '扬州市',
  'yangzhou-2023': '扬州市',
}
const cityOf = (docKey: string) => CITIES[docKey]

const unit = (docKey: string, path: string) => ({ docKey, path })
const cited = (docKey: string, path: string) => ({ docKey, path, city: CITIES[docKey] })

const run = (overrides: Partial<QuestionRun> = {}): QuestionRun => ({
  retrieved: [],
  citations: [],
  answer: '',
  abstained: false,
  ms: 1,
  ...overrides,
})

describe('isRelatedUnit', () => {
  it('should count the gold unit, its ancestors and its descendants', () => {
    const gold = unit('changzhou', '二/（三）')
    expect(isRelatedUnit(unit('changzhou', '二/（三）'), gold)).toBe(true)
    expect(isRelatedUnit(unit('changzhou', '二'), gold)).toBe(true)
    expect(isRelatedUnit(unit('changzhou', '二/（三）/1'), gold)).toBe(true)
  })

  it('should not count siblings, look-alike prefixes or other documents', () => {
    const gold = unit('yangzhou-table', '第1项')
    expect(isRelatedUnit(unit('yangzhou-table', '第2项'), gold)).toBe(false)
    expect(isRelatedUnit(unit('yangzhou-table', '第11项'), gold)).toBe(false)
    expect(isRelatedUnit(unit('yangzhou-2023', '第1项'), gold)).toBe(false)
  })
})

describe('citesUnit', () => {
  it('should accept the gold unit and its descendants but not its ancestors', () => {
    const gold = unit('yangzhou-table', '第23项')
    expect(citesUnit(unit('yangzhou-table', '第23项'), gold)).toBe(true)
    expect(citesUnit(unit('yangzhou-table', '第23项/2024年度'), gold)).toBe(true)
    expect(citesUnit(unit('changzhou', '二'), unit('changzhou', '二/（三）'))).toBe(false)
  })
})

describe('firstHitRank', () => {
  const gold = [unit('changzhou', '一')]

  it('should give the 1-based rank of the first related result', () => {
    const retrieved = [
      unit('changzhou', '二'),
      unit('yichun', '一'),
      unit('changzhou', '一'),
      unit('changzhou', '一'),
    ]
    expect(firstHitRank(retrieved, gold, 5)).toBe(3)
  })

  it('should give null when the hit lies beyond k', () => {
    const retrieved = [unit('changzhou', '二'), unit('changzhou', '三'), unit('changzhou', '一')]
    expect(firstHitRank(retrieved, gold, 2)).toBeNull()
  })
})

describe('goldCitedBy', () => {
  const gold = [unit('changzhou', '一'), unit('yichun', '二/（三）')]

  it('should mark each gold unit cited directly or by a descendant', () => {
    expect(goldCitedBy([unit('yichun', '二/（三）/1')], gold, [], cityOf)).toEqual([false, true])
  })

  it('should let an alsoAccept unit stand for the gold unit of its city', () => {
    const also = [unit('yichun', '专栏1/2')]
    expect(goldCitedBy([unit('yichun', '专栏1/2')], gold, also, cityOf)).toEqual([false, true])
  })

  it('should let an alsoAccept unit with `for` stand for the gold unit it names', () => {
    const also = [{ ...unit('yichun', '专栏1/2'), for: 0 }]
    expect(goldCitedBy([unit('yichun', '专栏1/2')], gold, also, cityOf)).toEqual([true, false])
  })

  it('should count an alsoAccept unit of another document of the same city', () => {
    const also = [unit('yangzhou-2023', '二/（五）/11')]
    expect(
      goldCitedBy(
        [unit('yangzhou-2023', '二/（五）/11')],
        [unit('yangzhou-table', '第17项')],
        also,
        cityOf
      )
    ).toEqual([true])
  })

  it('should ignore an alsoAccept unit of a city no gold unit has', () => {
    const also = [unit('jingyuan', '一/（二）')]
    expect(goldCitedBy([unit('jingyuan', '一/（二）')], gold, also, cityOf)).toEqual([false, false])
  })
})

describe('factsFoundIn', () => {
  it('should match after NFKC normalisation and without white space', () => {
    expect(
      factsFoundIn('城镇调查失业率控制在5.5％ 以内，补贴 1500 元', ['5.5%以内', '1500元', '2000元'])
    ).toEqual([true, true, false])
  })

  it('should fold full-width digits and letters', () => {
    expect(factsFoundIn('最高１２０００元', ['12000元'])).toEqual([true])
  })
})

describe('percentile', () => {
  it('should use the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    expect(percentile(values, 50)).toBe(5)
    expect(percentile(values, 95)).toBe(10)
    expect(percentile([7], 95)).toBe(7)
  })

  it('should give null for no values', () => {
    expect(percentile([], 50)).toBeNull()
  })
})

describe('aggregateScores', () => {
  const compare: ScoredQuestion = {
    answerable: true,
    gold: [unit('changzhou', '一'), unit('yichun', '二/（三）')],
    facts: ['5%左右', '5.5%左右'],
  }
  const single: ScoredQuestion = {
    answerable: true,
    gold: [unit('jingyuan', '一/（二）')],
    facts: ['2.9万人'],
  }
  const outOfScope: ScoredQuestion = { answerable: false, gold: [], facts: [] }

  const scores = [
    // rank 2; cites one of two gold units plus one unit of another city; finds one of two facts
    scoreQuestion(
      compare,
      run({
        retrieved: [unit('changzhou', '二'), unit('changzhou', '一')],
        citations: [cited('changzhou', '一'), cited('jingyuan', '一')],
        answer: '城镇调查失业率控制在5%左右',
        ms: 10,
      }),
      5,
      cityOf
    ),
    // rank 1, everything right
    scoreQuestion(
      single,
      run({
        retrieved: [unit('jingyuan', '一/（二）/1')],
        citations: [cited('jingyuan', '一/（二）')],
        answer: '农村劳动力转移就业2.9万人',
        ms: 30,
      }),
      5,
      cityOf
    ),
    // abstains correctly
    scoreQuestion(outOfScope, run({ abstained: true, ms: 20 }), 5, cityOf),
  ]

  it('should average recall, MRR, citeHit and coverage over answerable questions', () => {
    const m = aggregateScores(scores)
    expect(m.recall5).toBe(1)
    expect(m.mrr).toBe(0.75)
    expect(m.citeHit).toBe(1)
    expect(m.coverage).toBe(0.75)
  })

  it('should pool city precision over all citations of answerable questions', () => {
    expect(aggregateScores(scores).cityPrecision).toBeCloseTo(2 / 3, 4)
  })

  it('should average the share of facts found per question', () => {
    expect(aggregateScores(scores).facts).toBe(0.75)
  })

  it('should count abstaining and uncited answers as abstentions, and abstained answerable ones as false', () => {
    const uncited = scoreQuestion(outOfScope, run({ answer: '不知道' }), 5, cityOf)
    const wrong = scoreQuestion(
      outOfScope,
      run({ citations: [cited('changzhou', '一')] }),
      5,
      cityOf
    )
    const falseAbstention = scoreQuestion(single, run({ abstained: true }), 5, cityOf)
    const m = aggregateScores([...scores, uncited, wrong, falseAbstention])
    expect(m.abstain).toBeCloseTo(2 / 3, 4)
    expect(m.falseAbstain).toBeCloseTo(1 / 3, 4)
  })

  it('should give latency percentiles over all questions', () => {
    const m = aggregateScores(scores)
    expect(m.p50ms).toBe(20)
    expect(m.p95ms).toBe(30)
  })

  it('should give null for a metric with nothing to measure', () => {
    const m = aggregateScores([scores[2]])
    expect(m.recall5).toBeNull()
    expect(m.cityPrecision).toBeNull()
    expect(m.abstain).toBe(1)
  })
})

describe('failureReasons', () => {
  it('should name every shortfall of an answerable question', () => {
    const question: ScoredQuestion = {
      answerable: true,
      gold: [unit('changzhou', '一')],
      facts: ['10万人'],
    }
    const score = scoreQuestion(
      question,
      run({ citations: [cited('yichun', '一')], abstained: true }),
      5,
      cityOf
    )
    expect(failureReasons(question, score, 5)).toEqual([
      'no gold unit in the top 5 results',
      'abstained',
      'not cited: changzhou 一',
      '1 citation(s) of another city',
      'facts missing: 10万人',
    ])
  })

  it('should pass an unanswerable question that abstains and fail one that cites', () => {
    const question: ScoredQuestion = { answerable: false, gold: [], facts: [] }
    expect(
      failureReasons(question, scoreQuestion(question, run({ abstained: true }), 5, cityOf), 5)
    ).toEqual([])
    const cites = scoreQuestion(question, run({ citations: [cited('changzhou', '一')] }), 5, cityOf)
    expect(failureReasons(question, cites, 5)).toEqual([
      'answered with 1 citation(s) instead of abstaining',
    ])
  })
})
