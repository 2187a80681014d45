import { describe, expect, it } from 'vitest'
import { CitationNumbering, MarkerRewriter, rewriteMarkers } from './citation-markers.js'

const canonical = (numbers: number[]) => numbers.map((n) => `[${n}]`).join('')

describe('MarkerRewriter', () => {
  it('holds back an unclosed marker until it closes', () => {
    const rewriter = new MarkerRewriter(canonical)
    expect(rewriter.push('补贴1500元[')).toBe('补贴1500元')
    expect(rewriter.push('1')).toBe('')
    expect(rewriter.push(']。下')).toBe('[1]。下')
    expect(rewriter.end()).toBe('')
  })

  it('releases a bracket that turns out not to be a marker', () => {
    const rewriter = new MarkerRewriter(canonical)
    expect(rewriter.push('见[')).toBe('见')
    expect(rewriter.push('附件]')).toBe('[附件]')
    expect(rewriteMarkers('[2025]年', canonical)).toBe('[2025]年')
  })

  it('reads full-width and list forms as one marker each', () => {
    expect(rewriteMarkers('甲【1】乙［2］丙[1, 3]丁[2、4]', canonical)).toBe(
      '甲[1]乙[2]丙[1][3]丁[2][4]'
    )
  })

  it('gives back an unfinished marker at the end as written', () => {
    const rewriter = new MarkerRewriter(canonical)
    expect(rewriter.push('结尾[1')).toBe('结尾')
    expect(rewriter.end()).toBe('[1')
  })

  it('never splits a marker, whatever the cut (300 generated cuttings)', () => {
    const text = '对企业[1]给予补贴【2】，每人1500元[1, 3]。其他[附件][42]结尾'
    const whole = rewriteMarkers(text, canonical)
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let run = 0; run < 300; run++) {
      const points = [
        ...new Set(
          Array.from(
            { length: Math.floor(random() * 12) },
            () => 1 + Math.floor(random() * (text.length - 1))
          )
        ),
      ].sort((a, b) => a - b)
      const pieces = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length))
      const rewriter = new MarkerRewriter(canonical)
      const out = [...pieces.map((p) => rewriter.push(p)), rewriter.end()]
      expect(out.join('')).toBe(whole)
      // Every marker of the whole text is whole in one piece.
      expect(out.flatMap((piece) => piece.match(/\[\d+\]/g) ?? [])).toEqual(whole.match(/\[\d+\]/g))
    }
  })
})

describe('CitationNumbering', () => {
  it('numbers clauses by first citation and drops numbers of no clause', () => {
    const numbering = new CitationNumbering((n) => n <= 5)
    expect(rewriteMarkers('甲[3]乙[1][42]丙[3]丁[1]', numbering.marker)).toBe(
      '甲[1]乙[2]丙[1]丁[2]'
    )
    expect(numbering.order).toEqual([3, 1])
  })
})
