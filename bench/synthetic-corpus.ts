/** @module Synthetic corpora: new cities' policies made from the seeds, deterministic for a seed. */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ManifestSchema, type ManifestEntry } from '../src/schema/clause.js'
import { CITIES, NOT_PLACES, PROVINCES } from '../src/retrieval/gazetteer.js'
import { loadDocuments } from '../ingest/load-documents.js'
import { readText } from '../ingest/read-text.js'
import { mixSeed, pick, seededRandom, shuffled, type Random } from './random.js'

/**
 * Characters that city names are made of: rare in everyday Chinese and in the questions, so an
 * invented city never matches words of a question. 60 of them give 3,540 two-character names,
 * enough for 1M clauses (about 2,400 cities of 415 units).
 */
export const CITY_SYLLABLES = [
  ...'澄岚汀枫桐榆槐栖漓沅澧湄琨璋岑嵩峤邛郓邺鄞郯濮泺沭淇涿滦颍洮岷珲瑷璜崧峪汶濉洺滏澶渚湍溆潢霁栾楸柘蕲芗茌郏鄢邙',
]

/** Directions that make a city's district names (澄岚东区), distinct from every city's two-character stem. */
const DISTRICT_MARKS = [...'东西南北中新']

/**
 * Words of official Chinese swapped for a near-synonym, in both directions: the same measure
 * worded differently from city to city, as real policies are.
 */
const SYNONYM_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['鼓励', '支持'],
  ['加强', '强化'],
  ['推进', '推动'],
  ['提升', '提高'],
  ['健全', '完善'],
  ['补贴', '补助'],
  ['扶持', '帮扶'],
  ['积极', '大力'],
]

/** Factors applied to an amount (1500元 → 2250元); never 1, so a perturbed amount differs. */
const AMOUNT_FACTORS = [0.5, 0.6, 0.8, 1.25, 1.5, 2, 3]

// A number followed by a unit of money, people, count or rate. Years (2025年), dates and outline
// markers (1. / 1、) are left alone, so validity and the outline parse as in the seed.
const AMOUNT =
  /(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:万元|亿元|元|万人|人次|人|名|个|家|户|场|次|项|%|％|倍|套|所))/g
// Where a sentence ends; the end mark stays with its sentence.
const SENTENCE_END = /(?<=[。；;])/

export interface SyntheticCorpusOptions {
  /**
   * Units wanted in the whole index, seeds included. Integer ≥ 0; at most the seeds' own count
   * gives no file. The corpus stops at the first file that reaches it, so the real count exceeds
   * it by less than one seed file's units.
   */
  clauses: number
  /** PRNG seed, a 32-bit integer. Default 20240601; the same seed writes byte-identical files. */
  seed: number
  /** Chance that an amount is scaled by one of {@link AMOUNT_FACTORS}. 0–1, default 0.5. */
  amountRate: number
  /** Chance that an occurrence of a {@link SYNONYM_PAIRS} word is swapped. 0–1, default 0.3. */
  synonymRate: number
  /**
   * Chance that a paragraph's sentences after its first are shuffled. 0–1, default 0.5. The first
   * sentence stays: it carries the outline marker and the heading the parser reads.
   */
  shuffleRate: number
}

export const defaultSyntheticCorpusOptions: Omit<SyntheticCorpusOptions, 'clauses'> = {
  seed: 20240601,
  amountRate: 0.5,
  synonymRate: 0.3,
  shuffleRate: 0.5,
}

/** One seed file: its text, its manifest entries, the places its documents name and its units. */
export interface SeedFile {
  file: string
  text: string
  entries: ManifestEntry[]
  /** Sub-places the file's documents name (溧阳市, 武进区), replaced by invented ones. */
  places: string[]
  units: number
}

/** The seed corpus the synthetic one is made from. */
export interface SeedCorpus {
  files: SeedFile[]
  /** The cities of the seeds (扬州市…), replaced in every synthetic file. */
  cities: string[]
  units: number
}

/** A synthetic file and the manifest entries of the documents in it. */
export interface SyntheticFile {
  file: string
  text: string
  entries: ManifestEntry[]
  /** Units expected from it: those of its seed file (the outline is kept). */
  units: number
}

/** Reads a seeds folder (with its manifest.json) through the real document loader. */
export async function readSeedCorpus(dir: string): Promise<SeedCorpus> {
  const manifest = ManifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
  )
  const documents = await loadDocuments(dir)
  const files: SeedFile[] = []
  for (const file of [...new Set(documents.map((d) => d.info.file))]) {
    const inFile = documents.filter((d) => d.info.file === file)
    files.push({
      file,
      text: readText(await readFile(join(dir, file))),
      entries: manifest.filter((e) => e.file === file),
      places: [...new Set(inFile.flatMap((d) => d.info.places))].filter(
        (p) => !NOT_PLACES.includes(p)
      ),
      units: inFile.reduce((sum, d) => sum + d.clauses.length, 0),
    })
  }
  const cities = [...new Set(documents.map((d) => d.info.city))]
  return { files, cities, units: documents.reduce((sum, d) => sum + d.clauses.length, 0) }
}

/**
 * Invents `count` distinct city names (澄岚市, 邛栾县) from {@link CITY_SYLLABLES}, never a seed
 * city nor a city or province of the gazetteer, in an order fixed by the seed.
 */
export function inventCityNames(
  count: number,
  seed: number,
  forbidden: readonly string[] = []
): string[] {
  const random = seededRandom(mixSeed(seed, 0xc17e))
  const banned = new Set([...CITIES, ...PROVINCES, ...forbidden.map(stemOf)])
  const stems: string[] = []
  for (const first of CITY_SYLLABLES) {
    for (const second of CITY_SYLLABLES) {
      if (first !== second && !banned.has(first + second)) stems.push(first + second)
    }
  }
  if (count > stems.length) {
    throw new Error(
      `synthetic corpus: ${count} cities asked for, the syllables make ${stems.length}`
    )
  }
  return shuffled(random, stems)
    .slice(0, count)
    .map((stem) => `${stem}${random() < 0.8 ? '市' : '县'}`)
}

/**
 * The synthetic files for a corpus of `options.clauses` units (seeds included): city after city,
 * each gets a perturbed copy of every seed file, with its own name for the seed's city and
 * districts, scaled amounts, swapped synonyms and shuffled sentences. A generator, so a corpus
 * of a million units is written file by file. Deterministic: each file has its own PRNG stream
 * seeded by (seed, city, file), so the same options give the same files in the same order.
 */
export function* syntheticFiles(
  seeds: SeedCorpus,
  options: Partial<SyntheticCorpusOptions> & Pick<SyntheticCorpusOptions, 'clauses'>
): Generator<SyntheticFile> {
  const opts = { ...defaultSyntheticCorpusOptions, ...options }
  if (!(Number.isInteger(opts.clauses) && opts.clauses >= 0)) {
    throw new Error(`synthetic corpus: clauses must be an integer ≥ 0, got ${opts.clauses}`)
  }
  if (seeds.files.length === 0 || seeds.units === 0)
    throw new Error('synthetic corpus: the seed corpus is empty')
  const wanted = opts.clauses - seeds.units
  const cityCount = Math.max(0, Math.ceil(wanted / seeds.units))
  const names = inventCityNames(cityCount, opts.seed, seeds.cities)
  let units = 0
  for (let c = 0; c < cityCount; c++) {
    for (let f = 0; f < seeds.files.length && units < wanted; f++) {
      const seed = seeds.files[f]
      const random = seededRandom(mixSeed(opts.seed, c, f))
      const file = `c${String(c).padStart(5, '0')}-${f}.txt`
      const rename = renamer(seeds.cities, seed.places, names[c])
      const begins = new Set(seed.entries.flatMap((e) => (e.begin ? [rename(e.begin.trim())] : [])))
      const text = rename(seed.text)
        .split('\n')
        .map((line) => (begins.has(line.trim()) ? line : perturbLine(line, random, opts)))
        .join('\n')
      const entries = seed.entries.map((e) => ({
        ...e,
        docKey: `c${String(c).padStart(5, '0')}-${e.docKey}`,
        file,
        ...(e.city ? { city: names[c] } : {}),
        ...(e.title ? { title: rename(e.title) } : {}),
        ...(e.issuer ? { issuer: rename(e.issuer) } : {}),
        ...(e.begin ? { begin: rename(e.begin) } : {}),
      }))
      units += seed.units
      yield { file, text, entries, units: seed.units }
    }
  }
}

/** Writes the synthetic files and their manifest.json into `dir`; returns what was written. */
export async function writeSyntheticCorpus(
  seeds: SeedCorpus,
  options: Partial<SyntheticCorpusOptions> & Pick<SyntheticCorpusOptions, 'clauses'>,
  dir: string
): Promise<{ files: number; documents: number; units: number; bytes: number }> {
  await mkdir(dir, { recursive: true })
  const manifest: ManifestEntry[] = []
  let files = 0
  let units = 0
  let bytes = 0
  for (const synthetic of syntheticFiles(seeds, options)) {
    const data = Buffer.from(synthetic.text, 'utf8')
    await writeFile(join(dir, synthetic.file), data)
    manifest.push(...synthetic.entries)
    files++
    units += synthetic.units
    bytes += data.length
  }
  if (files > 0) await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
  return { files, documents: manifest.length, units, bytes }
}

/** Replaces the seed cities and districts with the new city's: full names first, then stems. */
function renamer(seedCities: readonly string[], seedPlaces: readonly string[], city: string) {
  const stem = stemOf(city)
  const pairs: Array<[string, string]> = []
  const districtStems: Array<[string, string]> = []
  seedPlaces.forEach((place, i) => {
    const placeStem = stemOf(place)
    const districtStem = `${stem}${DISTRICT_MARKS[i % DISTRICT_MARKS.length]}`
    pairs.push([place, `${districtStem}${place.slice(placeStem.length) || '区'}`])
    // A district is also written without its suffix: 江苏(武进)技能人才产业园.
    if (placeStem !== place) districtStems.push([placeStem, districtStem])
  })
  pairs.push(...districtStems)
  for (const seedCity of seedCities) pairs.push([seedCity, city])
  for (const seedCity of seedCities) pairs.push([stemOf(seedCity), stem])
  return function rename(text: string): string {
    let out = text
    for (const [from, to] of pairs) out = out.split(from).join(to)
    return out
  }
}

/** Scales amounts, swaps synonyms and shuffles the later sentences of one line of text. */
function perturbLine(line: string, random: Random, options: SyntheticCorpusOptions): string {
  if (line.trim() === '') return line
  let out = line.replace(
    AMOUNT,
    (number: string, _digits: string, offset: number, whole: string) => {
      if (random() >= options.amountRate) return number
      const isRate = /^\s*[%％]/.test(whole.slice(offset + number.length))
      const decimals = number.split('.')[1]?.length ?? 0
      const scaled = Number(number) * pick(random, AMOUNT_FACTORS)
      if (isRate && scaled > 100) return number
      return decimals ? scaled.toFixed(decimals) : String(Math.max(1, Math.round(scaled)))
    }
  )
  for (const [a, b] of SYNONYM_PAIRS) {
    out = out.replace(new RegExp(`${a}|${b}`, 'g'), (word) =>
      random() < options.synonymRate ? (word === a ? b : a) : word
    )
  }
  // Table cells are tab-separated on one line: moving a sentence would move a cell boundary.
  const indent = out.match(/^\s*/)![0]
  const body = out.slice(indent.length)
  if (body.includes('\t') || random() >= options.shuffleRate) return out
  const [first, ...rest] = body.split(SENTENCE_END)
  if (rest.length < 2) return out
  return indent + first + shuffled(random, rest).join('')
}

/** 连云港市 → 连云港, 泾源县 → 泾源; a two-character name keeps its suffix. */
function stemOf(name: string): string {
  const stem = name.replace(/(?:自治州|自治县|省|市|县|区|旗)$/, '')
  return stem.length >= 2 ? stem : name
}
