/** @module Metadata a document states about itself: city, title, issuer, date, period, draft. */
import type { SourceLine } from './source-lines.js'
import { CITIES } from '../src/retrieval/gazetteer.js'

/** What could be read from a document's text; each field may be missing. */
export interface DetectedMeta {
  city?: string
  issuer?: string
  date?: string
  validFrom?: string
  validTo?: string
  draft?: boolean
}

// A place name ending in 市/县/区/旗 that starts a line, a title, or follows a quote or 《.
const PLACE = /(?:^|[《“"「（(\s:：,，、。；;]|关于印发|印发)([\u4e00-\u9fa5]{2,6}?(?:自治州|自治县|市|县|区|旗))/gm
// Words that end in 市/县/区 but name no place (本市, 城区, 县域 are caught by the prefix list).
const NOT_A_PLACE = /^(?:本|全|我|各|该|城|市|县|区|地|省|州|社|园|小|街|城市|开发|功能|示范|试验|经济|高新|重点|新|老|山|库|景|辖|郊|市场|湾)/
const INSTITUTION_PREFIX = /^(?:人行|中共|中国人民银行|国家税务总局|国网|团)/
// Words a sentence or title puts before a place at the start of a line (「关于印发永新县…」,
// 「支持连云港市企业…」): the match runs from the line start, so they are cut off again.
const LEADING_WORDS = /^(?:关于印发|关于|印发|转发|支持|鼓励|推动|推进|促进|加快|加强|落实|实施|对|在|由|将|向|从|按|经)/
const DATE_CN = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/
const DATE_ISO = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/
const WEB_SOURCE = /(?:^|[\s\u3000])(?:信息|文章)?来源\s*[:：]\s*([^\s\u3000]+)/
const ISSUER_LINE = /^[\u4e00-\u9fa5（）()、]{2,40}(?:人民政府|政府|办公室|办公厅|委员会|局|委|厅|部|管委会)$/

/** The first place name in the text that is a city, county or district, or undefined. */
export function findPlace(text: string): string | undefined {
  return placesIn(text)[0]
}

/** Place names in order of first appearance. */
function placesIn(text: string): string[] {
  const names: string[] = []
  for (const m of text.matchAll(PLACE)) {
    // Bodies named after their place (人行连云港市分行, 中共泾源县委) name the place too.
    const name = placeName(m[1])
    if (name.length >= 3 && !NOT_A_PLACE.test(name) && !/[的和与及在对为是了我本全该各此进]/.test(name)) names.push(name)
  }
  return names
}

function placeName(match: string): string {
  const name = match.replace(INSTITUTION_PREFIX, '')
  // A city the gazetteer knows is taken whole, whatever runs before it.
  const known = CITIES.find((city) => name.endsWith(`${city}市`))
  if (known) return `${known}市`
  return name.replace(LEADING_WORDS, '')
}

// A county or district in a list or before 人民政府: 「新北区、天宁区、钟楼区」, 「丰城市、上高县」.
const LISTED_PLACE =
  /(?<=^|[、，,（(：:；\s])([\u4e00-\u9fa5]{2,3}(?:市|县|区))(?=[、，,。；;）)\s]|$|人民政府|政府|管委会)/gm
const NOT_A_PLACE_STEM = /[城园社场业地域镇级体强省市县区内外中上下新老全本我各该每两多一此的了和与及对在为是早晚夜]$|^[城园社市县区省]/

/** Counties, districts and county-level cities a text lists: the places inside its city. */
export function subPlacesIn(text: string): string[] {
  const names = new Set<string>()
  for (const m of text.matchAll(LISTED_PLACE)) {
    const stem = m[1].slice(0, -1)
    if (!NOT_A_PLACE_STEM.test(stem)) names.add(m[1])
  }
  return [...names]
}

/**
 * Counties and districts named right after their city (南京市江宁区人力资源和社会保障局): a
 * district's own policy, filed under its city, must answer questions that name the district.
 */
export function placesAfterCity(text: string, city: string): string[] {
  const escaped = city.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const names = new Set<string>()
  for (const m of text.matchAll(new RegExp(`${escaped}([\\u4e00-\\u9fa5]{2,4}?(?:自治县|区|县|市|旗))`, 'g'))) {
    const stem = m[1].replace(/(?:自治县|区|县|市|旗)$/, '')
    if (!NOT_A_PLACE_STEM.test(stem) && !NOT_A_PLACE.test(m[1])) names.add(m[1])
  }
  return [...names]
}

/** The place a body of text names most often: a policy names its own city again and again. */
export function mainPlace(text: string): string | undefined {
  const counts = new Map<string, number>()
  for (const name of placesIn(text)) counts.set(name, (counts.get(name) ?? 0) + 1)
  let best: string | undefined
  for (const [name, n] of counts) if (best === undefined || n > counts.get(best)!) best = name
  return best
}

/**
 * Reads metadata from a document's head (title block, cover notice, web metadata) and body.
 * The city comes from the title, then the issuer lines, then the body, as CITATIONS.md says.
 */
export function detectMeta(title: string | undefined, head: SourceLine[], bodyText: string): DetectedMeta {
  const headTexts = head.map((l) => l.text).filter(Boolean)
  const meta: DetectedMeta = {}
  const issuerLine =
    headTexts.map((t) => t.match(/^发文(?:部门|机关|单位)\s*[:：]\s*(.+)$/)?.[1]).find(Boolean) ??
    headTexts.find((t) => ISSUER_LINE.test(t) && !/关于|印发/.test(t)) ??
    // The red header of an official document: 「镇江市人力资源和社会保障局文件」.
    headTexts.map((t) => t.match(/^(.+)文件$/)?.[1]).find((s) => s && ISSUER_LINE.test(s)) ??
    // A web page names the body that published it in its info bar: 「来源：常州市人社局　浏览次数：…」.
    headTexts.map((t) => t.match(WEB_SOURCE)?.[1]).find((s) => s && ISSUER_LINE.test(s))
  if (issuerLine) meta.issuer = issuerLine.trim()
  meta.city =
    (title && findPlace(title)) ??
    (meta.issuer && findPlace(meta.issuer)) ??
    headTexts.map(findPlace).find(Boolean) ??
    mainPlace(bodyText)
  meta.date = findDate(headTexts) ?? yearOf(title)
  // The text's own 施行/有效期 clause (附则) wins over what the title suggests.
  Object.assign(meta, periodOf(title ?? '', meta.date), termOf(bodyText, meta.date))
  if (/征求意见稿|草案|试行稿|送审稿/.test(title ?? '') || headTexts.some((t) => /征求意见稿/.test(t))) {
    meta.draft = true
  }
  return meta
}

function findDate(lines: string[]): string | undefined {
  const published = lines.map((t) => t.match(/^(?:发布|印发|成文)(?:时间|日期)\s*[:：]\s*(.+)$/)?.[1]).find(Boolean)
  // The signature date of the policy comes before the publication date of a web page.
  for (const text of [...lines.filter((t) => !/发布|印发/.test(t) && t.length <= 40), published ?? '']) {
    const m = text.match(DATE_CN) ?? text.match(DATE_ISO)
    if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  }
  return undefined
}

function yearOf(title: string | undefined): string | undefined {
  return title?.match(/(20\d{2})\s*(?:年|[—–\-－~～至到])/)?.[1]
}

/** The period a plan covers, from its title: （2023—2025年）, “十四五”, 2023年度. */
export function periodOf(title: string, date?: string): Pick<DetectedMeta, 'validFrom' | 'validTo'> {
  const range = title.match(/(20\d{2})\s*[—–\-－~～至到]+\s*(20\d{2})\s*年/)
  if (range) return { validFrom: `${range[1]}-01-01`, validTo: `${range[2]}-12-31` }
  const fiveYear = title.match(/[“"]?十([一二三四五六七八九])五[”"]?/)
  if (fiveYear) {
    // Since the 11th (2006–2010) the plans run back to back: 十四五 = 2021–2025.
    const n = 10 + '一二三四五六七八九'.indexOf(fiveYear[1]) + 1
    const from = 2006 + 5 * (n - 11)
    return { validFrom: `${from}-01-01`, validTo: `${from + 4}-12-31` }
  }
  const year = title.match(/(20\d{2})\s*年度/)
  if (year) return { validFrom: `${year[1]}-01-01`, validTo: `${year[1]}-12-31` }
  return date ? { validFrom: date } : {}
}

const DAY = '(20\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日'
const IN_FORCE_FROM = new RegExp(`自\\s*${DAY}\\s*起(?:施行|执行|实施|生效)`)
const IN_FORCE_TO = new RegExp(`(?:有效期)[^。；]{0,12}?(?:至|到|截至)\\s*${DAY}`)
const IN_FORCE_YEARS = /有效期(?:为|暂定)?\s*([1-9一二三四五])\s*年/
const FROM_ISSUE = /自(?:印发|发布|公布)之日起(?:施行|执行|实施|生效)/

/** The term a document sets itself: 「自2026年1月1日起施行，有效期至2028年12月31日」, 「有效期3年」. */
export function termOf(bodyText: string, date?: string): Pick<DetectedMeta, 'validFrom' | 'validTo'> {
  const iso = (m: RegExpMatchArray, at: number) =>
    `${m[at]}-${m[at + 1].padStart(2, '0')}-${m[at + 2].padStart(2, '0')}`
  const term: Pick<DetectedMeta, 'validFrom' | 'validTo'> = {}
  const from = bodyText.match(IN_FORCE_FROM)
  if (from) term.validFrom = iso(from, 1)
  else if (FROM_ISSUE.test(bodyText) && date) term.validFrom = date
  const to = bodyText.match(IN_FORCE_TO)
  if (to) term.validTo = iso(to, 1)
  const years = bodyText.match(IN_FORCE_YEARS)
  if (!to && years && term.validFrom) {
    const n = /\d/.test(years[1]) ? Number(years[1]) : '一二三四五'.indexOf(years[1]) + 1
    const end = new Date(`${term.validFrom}T00:00:00Z`)
    end.setUTCFullYear(end.getUTCFullYear() + n)
    end.setUTCDate(end.getUTCDate() - 1)
    term.validTo = end.toISOString().slice(0, 10)
  }
  return term
}
