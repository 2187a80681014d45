import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEEDS_DIR } from '../evals/evaluate.js'
import { loadDocuments } from '../ingest/load-documents.js'
import { CITIES, PROVINCES } from '../src/retrieval/gazetteer.js'
import { PlaceCatalog } from '../src/retrieval/places.js'
import {
  inventCityNames,
  readSeedCorpus,
  syntheticFiles,
  writeSyntheticCorpus,
  type SeedCorpus,
} from './synthetic-corpus.js'

let seeds: SeedCorpus
let dir: string

beforeAll(async () => {
  seeds = await readSeedCorpus(SEEDS_DIR)
  dir = await mkdtemp(join(tmpdir(), 'bench-synthetic-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const firstFiles = (seed: number, count: number) =>
  [...syntheticFiles(seeds, { clauses: 5000, seed })].slice(0, count)

describe('syntheticFiles', () => {
  it('writes the same files for the same seed', () => {
    expect(firstFiles(7, 6)).toEqual(firstFiles(7, 6))
  })

  it('writes other cities and other text for another seed', () => {
    const [a] = firstFiles(7, 1)
    const [b] = firstFiles(8, 1)
    expect(a.entries[0].city).not.toBe(b.entries[0].city)
    expect(a.text).not.toBe(b.text)
  })

  it('stops once the requested units are reached, seeds included', () => {
    const files = [...syntheticFiles(seeds, { clauses: 5000 })]
    const units = seeds.units + files.reduce((sum, f) => sum + f.units, 0)
    const largestFile = Math.max(...seeds.files.map((f) => f.units))
    expect(units).toBeGreaterThanOrEqual(5000)
    expect(units).toBeLessThan(5000 + largestFile)
  })

  it('writes nothing when the seeds alone reach the count', () => {
    expect([...syntheticFiles(seeds, { clauses: seeds.units })]).toEqual([])
  })

  it('replaces every seed city and its districts', () => {
    const files = firstFiles(1, seeds.files.length)
    for (const file of files) {
      for (const city of ['扬州', '常州', '宜春', '连云港', '泾源', '溧阳', '武进']) {
        expect(file.text).not.toContain(city)
        expect(file.entries.map((e) => `${e.title}${e.issuer ?? ''}`).join()).not.toContain(city)
      }
    }
  })

  it('keeps each seed document’s outline: the parser finds the same units', async () => {
    const out = join(dir, 'outline')
    await writeSyntheticCorpus(seeds, { clauses: seeds.units * 2 }, out)
    const synthetic = await loadDocuments(out)
    const original = new Map((await loadDocuments(SEEDS_DIR)).map((d) => [d.info.docKey, d]))
    expect(synthetic.length).toBe(original.size)
    for (const doc of synthetic) {
      const seed = original.get(doc.info.docKey.replace(/^c\d+-/, ''))!
      expect(doc.clauses.map((c) => c.path)).toEqual(seed.clauses.map((c) => c.path))
    }
  })
})

describe('inventCityNames', () => {
  it('gives distinct names that are neither seed cities nor gazetteer places', () => {
    const names = inventCityNames(2500, 20240601, seeds.cities)
    const stems = names.map((n) => n.slice(0, -1))
    expect(new Set(names).size).toBe(names.length)
    for (const stem of stems) {
      expect(CITIES).not.toContain(stem)
      expect(PROVINCES).not.toContain(stem)
      expect(seeds.cities.map((c) => c.replace(/[市县]$/, ''))).not.toContain(stem)
    }
  })

  it('leaves a question about a seed city pointing at that city alone', () => {
    const cities = inventCityNames(2500, 20240601, seeds.cities)
    const catalog = new PlaceCatalog([...seeds.cities, ...cities].map((city) => ({ city })))
    expect(catalog.mentions('我在连云港开了个小饭馆，店里能拿到啥补贴不？').cities).toEqual([
      '连云港市',
    ])
    expect(catalog.mentions('南京对企业招用高校毕业生有一次性扩岗补助吗？').outside).toEqual([
      '南京',
    ])
  })
})
