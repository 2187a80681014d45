/** @module Places in a question: which covered cities it names, and which places it names that are not covered. */
import { CITIES, NOT_PLACES, PROVINCES } from './gazetteer.js'

/** The places of the corpus: each document's city, with the places its text names inside it. */
export interface PlaceSource {
  city: string
  /** Counties, districts and towns a document of this city names (溧阳市, 武进区…). */
  subPlaces?: readonly string[]
}

/** What a question says about places. */
export interface PlaceMention {
  /** Cities on file the question names (canonical names, e.g. 连云港市). */
  cities: string[]
  /** Places named that no document on file belongs to (南京, 苏州市…). */
  outside: string[]
  /** The question with every place name removed, for term matching. */
  rest: string
}

// A place written with its administrative suffix.
// 市场, 县域, 区域 and the like are words, not a place and its suffix.
const SUFFIXED_PLACE = /([\u4e00-\u9fa5]{2,5}?)(?:省|市(?![场值])|县(?![域城])|区(?![域别])|自治州|自治县|旗)/g
// Characters that cannot end a place-name stem (「开了个小饭馆的市」 is no place).
const NOT_IN_NAME = /[的了个在和与及对给为是我你他她们这那里哪些什么怎么多少要想能会去来到从把被让向跟]/

/** Recognises places in questions, knowing which cities the corpus covers. */
export class PlaceCatalog {
  /** alias → canonical city, longest aliases first when matching. */
  readonly #aliases: Array<[string, string]>
  readonly #known: Set<string>

  constructor(sources: readonly PlaceSource[]) {
    const aliases = new Map<string, string>()
    const cities = new Set(sources.map((s) => s.city))
    for (const { city, subPlaces = [] } of sources) {
      aliases.set(city, city)
      const stem = stemOf(city)
      if (stem.length >= 2) aliases.set(stem, city)
      for (const sub of subPlaces) {
        const subStem = stemOf(sub)
        // A document may name another city (学习南京经验): a gazetteer city is never a sub-place.
        if (cities.has(sub) || aliases.has(sub) || NOT_PLACES.includes(sub)) continue
        if (CITIES.includes(subStem) || PROVINCES.includes(subStem)) continue
        aliases.set(sub, city)
        if (subStem.length >= 2) aliases.set(subStem, city)
      }
    }
    this.#aliases = [...aliases].sort((a, b) => b[0].length - a[0].length)
    this.#known = new Set(aliases.keys())
  }

  /** The cities on file, canonical names. */
  get cities(): string[] {
    return [...new Set(this.#aliases.map(([, city]) => city))]
  }

  /** Finds the covered cities and the uncovered places a text names. */
  mentions(text: string): PlaceMention {
    const cities: string[] = []
    const outside: string[] = []
    let rest = text
    for (const [alias, city] of this.#aliases) {
      if (!rest.includes(alias)) continue
      if (!cities.includes(city)) cities.push(city)
      rest = rest.split(alias).join(' ')
    }
    for (const name of [...PROVINCES, ...CITIES]) {
      if (!rest.includes(name)) continue
      // 江苏 names the province of several cities on file: not a place outside the corpus.
      if (PROVINCES.includes(name) && cities.length > 0) {
        rest = rest.split(name).join(' ')
        continue
      }
      outside.push(name)
      rest = rest.split(name).join(' ')
    }
    for (const m of rest.matchAll(SUFFIXED_PLACE)) {
      const whole = m[0]
      const stem = m[1]
      if (NOT_PLACES.some((w) => whole.endsWith(w) || w === whole) || NOT_IN_NAME.test(stem)) continue
      if (/^(?:本|全|我|各|该|城|市|县|省|区|地|每|个|两|多|一|此)/.test(stem)) continue
      if (!this.#known.has(whole)) outside.push(whole)
    }
    return { cities, outside, rest: rest.replace(/\s+/g, ' ').trim() }
  }
}

/** 连云港市 → 连云港, 泾源县 → 泾源; two-character names keep their suffix (泾县 stays). */
function stemOf(name: string): string {
  const stem = name.replace(/(?:自治州|自治县|省|市|县|区|旗)$/, '')
  return stem.length >= 2 ? stem : name
}
