/** @module Clause, chunk and document schemas: what ingest writes and retrieval reads. */
import { z } from '@hono/zod-openapi'

/**
 * Kinds of citable units, after CITATIONS.md: the policy's own opening (`preamble`), the outline
 * levels (`chapter` 一、, `section` （一）, `item` 1.), `article` 第X条, boxes 专栏N and their lines
 * (`box`, `boxitem`), an appended table (`annex`), table rows (`row`, path 第N项) and their year
 * columns (`yearcell`), and unnumbered closing text (`closing`).
 */
export const UnitKindSchema = z.enum([
  'preamble',
  'chapter',
  'section',
  'item',
  'subitem',
  'article',
  'box',
  'boxitem',
  'annex',
  'row',
  'yearcell',
  'closing',
])
export type UnitKind = z.infer<typeof UnitKindSchema>

/** One citable unit of a document, addressed by doc key + item path. */
export const ClauseSchema = z
  .object({
    docKey: z.string().min(1).describe('Document key, e.g. changzhou'),
    city: z.string().describe('City, county or district the document belongs to, e.g. 常州市'),
    docTitle: z.string(),
    path: z.string().min(1).describe('Item path per CITATIONS.md, e.g. 二/（三）/1'),
    kind: UnitKindSchema,
    heading: z.string().describe('Short title of the unit (section heading, lead phrase), may be empty'),
    text: z.string().describe('The unit’s own text without its marker and without its children'),
    start: z.number().int().nonnegative().describe('Offset of the unit’s first character in the source file'),
    end: z.number().int().nonnegative().describe('Offset just past the unit’s last character'),
    lead: z.string().optional().describe('Lead department of a table row (牵头部门)'),
  })
  .openapi('Clause')
export type Clause = z.infer<typeof ClauseSchema>

/** A retrievable piece of a clause: the whole clause when it fits the token budget. */
export const ChunkSchema = z.object({
  id: z.string().describe('docKey#path#n, unique in an index'),
  docKey: z.string(),
  city: z.string(),
  docTitle: z.string(),
  path: z.string(),
  kind: UnitKindSchema,
  breadcrumb: z.string().describe('Ancestors’ headings, e.g. 二、主要任务 › （三）进一步健全…'),
  heading: z.string().describe('The unit’s own marker and heading, e.g. 1. 加大扶持力度'),
  text: z.string(),
})
export type Chunk = z.infer<typeof ChunkSchema>

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date must be YYYY, YYYY-MM or YYYY-MM-DD')

/** One entry of a documents folder's manifest.json (CITATIONS.md § Manifest). */
export const ManifestEntrySchema = z
  .object({
    docKey: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'docKey: lower-case letters, digits and -'),
    file: z.string().min(1),
    city: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    issuer: z.string().optional(),
    docNo: z.string().optional(),
    date: isoDate.optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    draft: z.boolean().optional(),
    begin: z.string().optional().describe('Text of the line where this document starts in a shared file'),
  })
  .strict()
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>
export const ManifestSchema = z.array(ManifestEntrySchema)

/** A document as stored in the index: manifest fields, resolved, plus where each came from. */
export const DocumentInfoSchema = z
  .object({
    docKey: z.string(),
    file: z.string(),
    city: z.string(),
    title: z.string(),
    issuer: z.string().optional(),
    docNo: z.string().optional(),
    date: z.string().optional(),
    validFrom: z.string().optional(),
    validTo: z.string().optional(),
    draft: z.boolean(),
    detected: z.array(z.string()).describe('Fields detected from the text rather than given'),
    places: z.array(z.string()).describe('Counties, districts and towns the text names (武进区…)'),
    sourceHash: z.string().describe('sha256 of the source file'),
    format: z
      .enum(['docx', 'pdf', 'html', 'markdown', 'text'])
      .optional()
      .describe('Format the source was read as, from its content (absent in indexes built before readers)'),
    supersededBy: z
      .object({ docKey: z.string(), title: z.string(), date: z.string().optional() })
      .optional()
      .describe('The later document of the same city and title that replaces this one'),
    units: z.number().int().nonnegative(),
  })
  .openapi('DocumentInfo')
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>

/** manifest.json of an index folder. */
export const IndexManifestSchema = z.object({
  formatVersion: z.literal(2), // INDEX_FORMAT_VERSION (retrieval/index-format.ts)
  indexVersion: z.string(),
  createdAt: z.string(),
  segmenter: z.string(),
  embeddings: z.object({ name: z.string(), dimensions: z.number().int().positive() }),
  documents: z.array(DocumentInfoSchema),
  clauses: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
})
export type IndexManifest = z.infer<typeof IndexManifestSchema>
