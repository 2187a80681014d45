import { describe, expect, it } from 'vitest'
import { splitSentences } from './sentences.js'

describe('splitSentences', () => {
  it('cuts after sentence ends and keeps a responsibility note with its sentence', () => {
    expect(splitSentences('按每人1500元给予补助。（责任部门：市人社局）加强帮扶。')).toEqual([
      '按每人1500元给予补助。（责任部门：市人社局）',
      '加强帮扶。',
    ])
  })

  it('never cuts inside quotes, brackets or book titles', () => {
    expect(splitSentences('实施“一县一品；一村一策”行动。落实《条例。第二款》规定。')).toEqual([
      '实施“一县一品；一村一策”行动。',
      '落实《条例。第二款》规定。',
    ])
  })

  it('gives the text back unchanged when joined, whatever the text', () => {
    const alphabet = ['。', '；', '（', '）', '“', '”', '\n', '补', '贴', '1', ' ', '《', '》', '(', ')']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
      expect(splitSentences(text).join('')).toBe(text)
    }
  })
})
