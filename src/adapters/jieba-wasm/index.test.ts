import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { policyDictionaryId } from '../../retrieval/policy-dictionary'
import type { Segmenter } from '../../retrieval/segmenter'
import { runSegmenterContract } from '../../retrieval/segmenter.contract'
import { createJiebaSegmenter } from '../jieba-node/index'
import { createJiebaWasmSegmenter } from './index'
import { loadJiebaWasmBytes } from './node-wasm'

const wasm = loadJiebaWasmBytes()
const create = () => createJiebaWasmSegmenter({ wasm })

/** The dev questions (evals/questions.jsonl, split "dev"): what a Worker will cut at query time. */
const devQuestions: string[] = readFileSync('evals/questions.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { question: string; split?: string })
  .filter((row) => row.split === 'dev')
  .map((row) => row.question)

/** Every non-blank line of the seed documents: what the index is cut from on Node. */
const seedLines: string[] = readdirSync('seeds')
  .filter((file) => file.endsWith('.txt'))
  .flatMap((file) => readFileSync(`seeds/${file}`, 'utf8').split('\n'))
  .filter((line) => line.trim())

type Agreement = { tokens: number; agreeing: number; share: number; identicalTexts: number }

/**
 * Token agreement: per text, the tokens both segmenters produce (multiset intersection), summed
 * and divided by the summed length of the longer of the two cuts. 1 means identical bags.
 */
/** nodejieba's whole idf.utf8, which the bundled table must agree with below its ceiling. */
function nodejiebaIdf(): Map<string, number> {
  const path = createRequire(import.meta.url).resolve('nodejieba/submodules/cppjieba/dict/idf.utf8')
  const table = new Map<string, number>()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const space = line.lastIndexOf(' ')
    if (space > 0) table.set(line.slice(0, space), Number(line.slice(space + 1)))
  }
  return table
}

function agreement(
  texts: readonly string[],
  mode: 'cut' | 'cutForSearch',
  a: Segmenter,
  b: Segmenter
): Agreement {
  let tokens = 0
  let agreeing = 0
  let identicalTexts = 0
  for (const text of texts) {
    const left = a[mode](text)
    const right = b[mode](text)
    const counts = new Map<string, number>()
    for (const token of left) counts.set(token, (counts.get(token) ?? 0) + 1)
    for (const token of right) {
      const count = counts.get(token) ?? 0
      if (count > 0) {
        agreeing++
        counts.set(token, count - 1)
      }
    }
    tokens += Math.max(left.length, right.length)
    if (JSON.stringify(left) === JSON.stringify(right)) identicalTexts++
  }
  return { tokens, agreeing, share: agreeing / tokens, identicalTexts }
}

/** Deterministic pseudo-random texts mixing seed fragments with punctuation, ASCII, full-width and astral characters. */
function generatedTexts(count: number): string[] {
  const seedText = seedLines.join('')
  const extras = Array.from(
    '，。、“”《》（）：；！？·—…%+-./ABCxyz0123456789１２３ＡＢ 　\t\n①Ⅱ℃㎡α😀𠀀∶C++c#云计算区块链'
  )
  let state = 20_251_123
  const next = (bound: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return state % bound
  }
  return Array.from({ length: count }, () => {
    let text = ''
    for (let piece = next(30) + 1; piece > 0; piece--) {
      if (next(3) === 0) text += extras[next(extras.length)]
      else {
        const at = next(seedText.length - 4)
        text += seedText.slice(at, at + 1 + next(4))
      }
    }
    return text
  })
}

describe('createJiebaWasmSegmenter', () => {
  runSegmenterContract({ create })

  it('should name the dictionary it loaded', () => {
    expect(create().name).toBe(`jieba-wasm+${policyDictionaryId}`)
    expect(createJiebaWasmSegmenter({ wasm, userWords: ['稳岗返还'] }).name).toMatch(
      /^jieba-wasm\+user-[0-9a-f]{8}$/
    )
  })

  it('should add extra user words isolate-wide', () => {
    const segmenter = createJiebaWasmSegmenter({ wasm, userWords: ['富民创业贷'] })
    expect(segmenter.cut('申请富民创业贷')).toEqual(['申请', '富民创业贷'])
  })

  it('should refuse a missing wasm module, saying how to pass one', () => {
    expect(() => createJiebaWasmSegmenter({} as never)).toThrow(
      /pass the compiled module.*got undefined/
    )
    expect(() => createJiebaWasmSegmenter({ wasm: 'jieba.wasm' as never })).toThrow(/got string/)
  })

  it('should refuse an empty user word, naming it', () => {
    expect(() => createJiebaWasmSegmenter({ wasm, userWords: [' '] })).toThrow(
      /empty user word " "/
    )
  })

  it('should give the general IDF of everyday words and nothing for specific ones', () => {
    const segmenter = create()
    expect(segmenter.generalIdf?.('时间')).toBeCloseTo(4.08, 2)
    expect(segmenter.generalIdf?.('公积金')).toBeCloseTo(8.4, 1)
    // Above the bundled ceiling (9) or absent from jieba's table: both read as specific.
    expect(segmenter.generalIdf?.('稳岗返还')).toBeUndefined()
    expect(createJiebaWasmSegmenter({ wasm, generalIdf: null }).generalIdf).toBeUndefined()
  })
})

describe('jieba-wasm and nodejieba', () => {
  const node = createJiebaSegmenter()
  const workers = create()

  it.each(['cut', 'cutForSearch'] as const)(
    'should cut the dev questions alike in %s mode (token agreement at least 0.98)',
    (mode) => {
      const result = agreement(devQuestions, mode, node, workers)
      console.info(
        `${mode}: ${devQuestions.length} dev questions, ${result.agreeing}/${result.tokens} tokens agree ` +
          `(${(100 * result.share).toFixed(2)}%), ${result.identicalTexts} questions cut identically`
      )
      expect(devQuestions.length).toBeGreaterThan(40)
      expect(result.share).toBeGreaterThanOrEqual(0.98)
      expect(result.identicalTexts).toBe(devQuestions.length)
    }
  )

  it('should cut every line of the seed documents identically, in both modes', () => {
    for (const mode of ['cut', 'cutForSearch'] as const) {
      const mismatched = seedLines.filter(
        (line) => JSON.stringify(node[mode](line)) !== JSON.stringify(workers[mode](line))
      )
      expect(mismatched.slice(0, 3), mode).toEqual([])
    }
  })

  it('should cut generated text with punctuation, ASCII and astral characters identically', () => {
    for (const text of generatedTexts(1500)) {
      expect(workers.cut(text), text).toEqual(node.cut(text))
      expect(workers.cutForSearch(text), text).toEqual(node.cutForSearch(text))
    }
  })

  it('should agree with nodejieba on which question words are everyday words', () => {
    const idf = nodejiebaIdf()
    for (const question of devQuestions) {
      for (const word of node.cut(question)) {
        const full = idf.get(word)
        const bundled = workers.generalIdf?.(word)
        if (full !== undefined && full < 9) expect(bundled, word).toBe(full)
        else expect(bundled, word).toBeUndefined()
      }
    }
  })
})
