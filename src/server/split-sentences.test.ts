import { describe, expect, it } from 'vitest'
import { splitSentences } from './split-sentences.js'
import { seededRandom } from '../../bench/random.js'

describe('splitSentences', () => {
  it('should end a sentence after 。！？ and keep the mark', () => {
    expect(splitSentences('第一句。第二句！第三句？')).toEqual(['第一句。', '第二句！', '第三句？'])
  })

  it('should keep closing quotes and citation markers with the sentence they close', () => {
    expect(splitSentences('给予补贴。”[1][2]按规定执行。[3]')).toEqual([
      '给予补贴。”[1][2]',
      '按规定执行。[3]',
    ])
  })

  it('should end a sentence at a line break and keep the break', () => {
    expect(splitSentences('依据如下：\n1. 一次性补贴\n\n提示')).toEqual([
      '依据如下：\n',
      '1. 一次性补贴\n\n',
      '提示',
    ])
  })

  it('should not split on ；, ASCII full stops or decimal points', () => {
    expect(splitSentences('补贴1.5万元；最长3年')).toEqual(['补贴1.5万元；最长3年'])
  })

  it('should return no sentence for an empty answer', () => {
    expect(splitSentences('')).toEqual([])
  })

  describe('with generated test data', () => {
    const alphabet = [
      '补',
      '贴',
      '。',
      '！',
      '？',
      '!',
      '?',
      '\n',
      '”',
      '[',
      '1',
      ']',
      '；',
      ' ',
      'a',
      '.',
    ]
    const random = seededRandom(20261123)
    const samples = Array.from({ length: 500 }, () =>
      Array.from(
        { length: Math.floor(random() * 40) },
        () => alphabet[Math.floor(random() * alphabet.length)]
      ).join('')
    )

    it('should give back the text exactly when the sentences are joined', () => {
      for (const text of samples) expect(splitSentences(text).join('')).toBe(text)
    })

    it('should never return an empty sentence', () => {
      for (const text of samples) expect(splitSentences(text).every((s) => s.length > 0)).toBe(true)
    })
  })
})
