/** @module loadDocuments: a documents folder → documents with their units, ready to index. */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { ManifestSchema, type Clause, type DocumentInfo, type ManifestEntry } from '../src/schema/clause.js'
import { createError } from '../src/errors.js'
import { detectMeta, placesAfterCity, subPlacesIn } from './detect-meta.js'
import { parseOutline } from './parse-outline.js'
import { DOCUMENT_EXTENSIONS } from './read/detect-format.js'
import { readDocument } from './read/read-document.js'
import { toSourceLines } from './source-lines.js'

/** A parsed document: what is known of it and its units. */
export interface LoadedDocument {
  info: DocumentInfo
  clauses: Clause[]
}

/** File types read from a documents folder; the reader is chosen by content (see ingest/read/). */
const EXTENSIONS = new Set<string>(DOCUMENT_EXTENSIONS)

/** Loads every document of a folder, using its manifest.json where there is one. */
export async function loadDocuments(dir: string): Promise<LoadedDocument[]> {
  const manifest = await readManifest(dir)
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => EXTENSIONS.has(extname(n).toLowerCase())).sort()
  } catch (cause) {
    throw createError('DOCUMENT_UNREADABLE', dir, (cause as Error).message)
  }
  const documents: LoadedDocument[] = []
  for (const name of names) {
    const path = join(dir, name)
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (cause) {
      throw createError('DOCUMENT_UNREADABLE', path, (cause as Error).message)
    }
    const entries = manifest.filter((e) => e.file === name)
    documents.push(...await loadFile(path, bytes, entries.length ? entries : [{ docKey: docKeyOf(name), file: name }]))
  }
  const missing = manifest.filter((e) => !names.includes(e.file))
  if (missing.length) throw createError('DOCUMENT_UNREADABLE', join(dir, missing[0].file), 'listed in manifest.json but not found')
  if (documents.length === 0) throw createError('NO_DOCUMENTS', dir)
  return documents
}

/** Reads and parses one file of any supported format, which may hold several documents (manifest entries with `begin`). */
export async function loadFile(path: string, bytes: Uint8Array, entries: ManifestEntry[]): Promise<LoadedDocument[]> {
  const { format, text } = await readDocument(bytes, path)
  const sourceHash = createHash('sha256').update(bytes).digest('hex')
  return splitByBegin(path, text, entries).map(({ entry, start, end }) => {
    const lines = toSourceLines(text.slice(start, end), start)
    const outline = parseOutline(lines)
    if (outline.units.length === 0) {
      throw createError('DOCUMENT_EMPTY', path, entries.length > 1 ? ` (document ${entry.docKey})` : '')
    }
    const detected = detectMeta(outline.title, outline.head, outline.units.map((u) => u.text).join('\n'))
    const fromText: string[] = []
    const pick = <K extends keyof typeof detected>(key: K, given: ManifestEntry[K & keyof ManifestEntry]) => {
      if (given !== undefined) return given
      if (detected[key] !== undefined) fromText.push(key)
      return detected[key]
    }
    const title = entry.title ?? outline.title ?? basename(path, extname(path))
    if (!entry.title) fromText.push('title')
    const city = (pick('city', entry.city) as string | undefined) ?? '未知地区'
    const info: DocumentInfo = {
      docKey: entry.docKey,
      file: entry.file,
      city,
      title,
      issuer: pick('issuer', entry.issuer) as string | undefined,
      docNo: entry.docNo,
      date: pick('date', entry.date) as string | undefined,
      validFrom: pick('validFrom', entry.validFrom) as string | undefined,
      validTo: pick('validTo', entry.validTo) as string | undefined,
      draft: (pick('draft', entry.draft) as boolean | undefined) ?? false,
      detected: fromText,
      places: [
        ...new Set([
          ...placesAfterCity(`${title}\n${entry.issuer ?? detected.issuer ?? ''}`, city),
          ...subPlacesIn(outline.units.map((u) => u.text).join('\n')),
        ]),
      ].filter((p) => p !== city),
      sourceHash,
      format,
      units: outline.units.length,
    }
    const clauses: Clause[] = outline.units.map((u) => ({ docKey: info.docKey, city, docTitle: title, ...u }))
    return { info, clauses }
  })
}

/** A doc key from a file name: lower-case ASCII words, else a short hash of the name. */
export function docKeyOf(fileName: string): string {
  const stem = basename(fileName, extname(fileName))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (stem && /[a-z]/.test(stem)) return stem
  return `doc-${createHash('sha256').update(fileName).digest('hex').slice(0, 8)}${stem ? `-${stem}` : ''}`
}

async function readManifest(dir: string): Promise<ManifestEntry[]> {
  const path = join(dir, 'manifest.json')
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch {
    return [] // a folder without a manifest is ingested with detected metadata
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (cause) {
    throw createError('MANIFEST_INVALID', path, (cause as Error).message)
  }
  const parsed = ManifestSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw createError('MANIFEST_INVALID', path, `${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  const seen = new Map<string, string>()
  for (const entry of parsed.data) {
    const other = seen.get(entry.docKey)
    if (other) throw createError('DUPLICATE_DOC_KEY', entry.docKey, other, entry.file)
    seen.set(entry.docKey, entry.file)
  }
  return parsed.data
}

/** Cuts a file's text where each entry's `begin` line starts; the first entry starts at 0. */
function splitByBegin(path: string, text: string, entries: ManifestEntry[]) {
  const starts = entries.map((entry, i) => {
    if (i === 0 && !entry.begin) return 0
    const begin = entry.begin?.trim()
    if (!begin) throw createError('DOCUMENT_BEGIN_NOT_FOUND', entry.docKey, '', path)
    const at = findLine(text, begin)
    if (at === -1) throw createError('DOCUMENT_BEGIN_NOT_FOUND', entry.docKey, begin, path)
    return at
  })
  const order = entries.map((entry, i) => ({ entry, start: starts[i] })).sort((a, b) => a.start - b.start)
  return order.map((o, i) => ({ ...o, end: order[i + 1]?.start ?? text.length }))
}

function findLine(text: string, line: string): number {
  let from = 0
  for (;;) {
    const at = text.indexOf(line, from)
    if (at === -1) return -1
    const lineStart = text.lastIndexOf('\n', at - 1) + 1
    const lineEnd = text.indexOf('\n', at)
    const whole = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).trim()
    if (whole === line) return lineStart
    from = at + line.length
  }
}
