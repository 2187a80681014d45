import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { QaError } from '../src/errors.js'
import { anyDocument, mutated, randomOutline, seedDocument } from './fixtures/document-arbitraries.js'
import { loadFile } from './load-documents.js'
import { parseOutline, type ParsedUnit } from './parse-outline.js'
import { dropPageFurniture, toSourceLines, type SourceLine } from './source-lines.js'

// Enough runs to meet every mutation several times while the file stays within a few seconds.
const RUNS = 150

/** Text without whitespace: the parser joins wrapped lines and paragraphs with none or a newline. */
const squash = (text: string) => text.replace(/\s+/g, '')

/**
 * Whether `text` is the texts of `lines` in order, whitespace aside. Lines may be skipped (page
 * furniture, a table's rows that are units of their own), the first line used may start late (its
 * outline marker is not part of the text), and with `partialEnd` the text may stop inside a line.
 */
function isMadeOfLines(text: string, lines: SourceLine[], partialEnd = false): boolean {
  const target = squash(text)
  const pieces = lines.map((l) => squash(l.text)).filter(Boolean)
  if (!target) return true
  const failed = new Set<number>()
  const continues = (pos: number, next: number): boolean => {
    if (pos === target.length) return true
    const key = pos * (pieces.length + 1) + next
    if (failed.has(key)) return false
    const rest = target.slice(pos)
    for (let j = next; j < pieces.length; j++) {
      if (partialEnd && pieces[j].startsWith(rest)) return true
      if (rest.startsWith(pieces[j]) && continues(pos + pieces[j].length, j + 1)) return true
    }
    failed.add(key)
    return false
  }
  return pieces.some((piece, j) => {
    for (let k = 0; k < piece.length; k++) {
      const tail = piece.slice(k)
      if (partialEnd && tail.startsWith(target)) return true
      if (target.startsWith(tail) && continues(tail.length, j + 1)) return true
    }
    return false
  })
}

// Labels a task row adds before its department cells; every other part of a row is document text.
const ROW_LABELS = new Set(['牵头部门', '参加部门'])

/**
 * A row's text labels its cells with their column headers (「人数：10人」, 「牵头部门：发改委、人社局」)
 * and may inherit a cell merged from the row above, so its parts come from anywhere in the table:
 * each must be text of the lines the parser keeps.
 */
function rowPartsAreSourceText(unit: ParsedUnit, kept: string): boolean {
  return unit.text.split(/[；\n：、]/).every((part) => ROW_LABELS.has(part) || kept.includes(squash(part)))
}

/** Whether `text` is `source` with some characters removed. */
function isSubsequence(text: string, source: string): boolean {
  let at = 0
  for (const ch of text) {
    at = source.indexOf(ch, at)
    if (at === -1) return false
    at += ch.length
  }
  return true
}

/** Checks every invariant of a parse of `source`; throws with the unit at fault. */
function checkOutline(source: string): void {
  const lines = toSourceLines(source)
  const { units } = parseOutline(lines)
  const kept = squash(
    dropPageFurniture(lines)
      .map((l) => l.text)
      .join('')
  )
  const paths = new Set<string>()
  for (const unit of units) {
    const where = `${unit.path} (${unit.kind}) at ${unit.start}–${unit.end}: ${JSON.stringify(unit.text.slice(0, 80))}`
    expect(unit.start, where).toBeGreaterThanOrEqual(0)
    expect(unit.end, where).toBeGreaterThanOrEqual(unit.start)
    expect(unit.end, where).toBeLessThanOrEqual(source.length)
    expect(paths.has(unit.path), `duplicate path ${where}`).toBe(false)
    paths.add(unit.path)
    if (unit.kind !== 'annex') expect(unit.text, where).not.toBe('')
    const inside = lines.filter((l) => l.start >= unit.start && l.end <= unit.end)
    if (unit.kind === 'row') {
      // The row's first cell is where the row starts.
      const opening = unit.text.split(/[；\n：]/)[0]
      expect(isMadeOfLines(opening, inside, true), `row opening not in its range: ${where}`).toBe(true)
      expect(rowPartsAreSourceText(unit, kept), `row part not in the source: ${where}`).toBe(true)
    } else {
      expect(isMadeOfLines(unit.text, inside), `text is not the source at its offsets: ${where}`).toBe(true)
    }
  }
}

describe('toSourceLines (with generated test data)', () => {
  it('tiles the text: each line is its slice of the source, with characters only removed', () => {
    fc.assert(
      fc.property(anyDocument, (source) => {
        const lines = toSourceLines(source)
        expect(lines[0].start).toBe(0)
        // A carriage return ending the last line is its line end, not its text.
        expect(source.slice(lines[lines.length - 1].end)).toMatch(/^\r?$/)
        lines.forEach((line, i) => {
          if (i > 0) expect(line.start).toBe(lines[i - 1].end + (source[lines[i - 1].end] === '\r' ? 2 : 1))
          const slice = source.slice(line.start, line.end)
          expect(slice).not.toContain('\n')
          expect(isSubsequence(line.text, slice), `${JSON.stringify(line.text)} from ${JSON.stringify(slice)}`).toBe(true)
        })
      }),
      { numRuns: RUNS }
    )
  })
})

describe('parseOutline (with generated test data)', () => {
  it('parses every seed document into units whose text is the source at their offsets', () => {
    fc.assert(fc.property(seedDocument, checkOutline), { numRuns: 5 })
  })

  it('never throws on mutated seeds, generated documents, random outlines or noise, and keeps the invariants', () => {
    fc.assert(fc.property(anyDocument, checkOutline), { numRuns: RUNS })
  })

  it('keeps the invariants on heavily mutated random outlines', () => {
    fc.assert(fc.property(mutated(randomOutline, 30), checkOutline), { numRuns: RUNS })
  })

  it('returns no units for empty or blank input', () => {
    for (const source of ['', '\n', '\r\n', '\u3000\t\n  ', '\u0000']) {
      expect(parseOutline(toSourceLines(source)).units).toEqual([])
    }
  })
})

describe('loadFile (with generated test data)', () => {
  it('reads any text file into units, or refuses it with a reason, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument, fc.constantFrom('doc.txt', 'doc.md', 'doc.html'), async (source, file) => {
        try {
          const [document] = await loadFile(file, new TextEncoder().encode(source), [{ docKey: 'doc', file }])
          expect(document.clauses.length).toBeGreaterThan(0)
          expect(document.info.units).toBe(document.clauses.length)
        } catch (error) {
          expect(error).toBeInstanceOf(QaError)
          // No unit found, or a NUL byte that marks binary content.
          expect(['DOCUMENT_EMPTY', 'DOCUMENT_UNSUPPORTED']).toContain((error as QaError).code)
        }
      }),
      { numRuns: 60 }
    )
  })
})
