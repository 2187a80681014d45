import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDocuments, type LoadedDocument } from './load-documents.js'
import {
  readExpected,
  scoreUnits,
  type ExpectedUnit,
  type UnitScore,
} from './fixtures/match-units.js'

// The gold inventory of the seed corpus (evals/clauses/<docKey>.jsonl, copied from
// ../shared/evals/clauses so that a clean clone tests on its own).
const GOLD_DIR = fileURLToPath(new URL('../evals/clauses/', import.meta.url))
const SEEDS_DIR = fileURLToPath(new URL('../seeds/', import.meta.url))
/** Share of gold units that must be found, and of found units that must be gold, per document. */
const MIN_SCORE = 0.99

const gold = new Map<string, ExpectedUnit[]>(
  readdirSync(GOLD_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => {
      const units = readExpected(GOLD_DIR + name)
      return [units[0].docKey ?? name.replace(/\.jsonl$/, ''), units]
    })
)

describe('parseOutline on the seed corpus, against the gold inventory', () => {
  let documents: LoadedDocument[]
  const scores = new Map<string, UnitScore>()

  beforeAll(async () => {
    // Exactly what ingest does: the folder's manifest, the 000 file split at its begin line.
    documents = await loadDocuments(SEEDS_DIR)
  })

  afterAll(() => {
    const rows = [...scores].map(
      ([key, s]) =>
        `${key.padEnd(16)} recall ${s.matched}/${s.expected} = ${s.recall.toFixed(3)}  ` +
        `precision ${s.matched}/${s.found} = ${s.precision.toFixed(3)}  extra ${s.extra.length}`
    )
    console.info(`gold inventory\n${rows.join('\n')}`)
  })

  it('has an inventory for every document of the seed manifest', () => {
    expect(documents.map((d) => d.info.docKey).sort()).toEqual([...gold.keys()].sort())
  })

  it.each([...gold.keys()])(
    'finds the units of %s at their paths, with no extra units',
    (docKey) => {
      const document = documents.find((d) => d.info.docKey === docKey)
      expect(document, `document ${docKey} was not loaded`).toBeDefined()
      const score = scoreUnits(gold.get(docKey)!, document!.clauses)
      scores.set(docKey, score)
      expect(
        score.recall,
        `missing: ${JSON.stringify(score.missing, null, 1)}`
      ).toBeGreaterThanOrEqual(MIN_SCORE)
      expect(score.precision, `extra: ${score.extra.join(', ')}`).toBeGreaterThanOrEqual(MIN_SCORE)
    }
  )

  it('reads the lead department of every yangzhou-table row', () => {
    const rows = gold.get('yangzhou-table')!.filter((u) => u.lead !== undefined)
    expect(rows.length).toBeGreaterThan(0)
    const clauses = new Map(
      documents.find((d) => d.info.docKey === 'yangzhou-table')!.clauses.map((c) => [c.path, c])
    )
    const wrong = rows
      .filter((u) => clauses.get(u.path)?.lead !== u.lead)
      .map((u) => `${u.path}: want ${u.lead}, got ${clauses.get(u.path)?.lead}`)
    expect(wrong).toEqual([])
  })
})
