/** @module Schemas of the admin documents API: upload fields, the document as listed, the answers. */
import { z } from '@hono/zod-openapi'
import { DocumentInfoSchema, ManifestEntrySchema } from './clause.js'

/** Largest document an upload may carry: a long policy PDF is 1–3 MB, a Word file far less. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** Manifest fields an upload may set; anything not given is detected from the text. */
const manifestFields = ManifestEntrySchema.pick({
  docKey: true,
  city: true,
  title: true,
  issuer: true,
  docNo: true,
  date: true,
  validFrom: true,
  validTo: true,
}).shape

/** The multipart form of POST /api/admin/documents: one file, optional manifest fields. */
export const DocumentUploadSchema = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, { message: '请在 file 字段上传一个文件' })
      .openapi({ type: 'string', format: 'binary', description: '.docx, .pdf, .html, .txt (UTF-8/GBK) or .md; at most 10 MB' }),
    docKey: manifestFields.docKey
      .optional()
      .describe('Document key; default: from the file name. An existing uploaded key is replaced'),
    city: manifestFields.city,
    title: manifestFields.title,
    issuer: manifestFields.issuer,
    docNo: manifestFields.docNo,
    date: manifestFields.date,
    validFrom: manifestFields.validFrom,
    validTo: manifestFields.validTo,
    draft: z
      .enum(['true', 'false'], { message: 'draft 只能是 true 或 false' })
      .optional()
      .describe('A draft for comment (征求意见稿); default: detected'),
  })
  .openapi('DocumentUpload')
export type DocumentUpload = z.infer<typeof DocumentUploadSchema>

/** A document as the admin API lists it: what the index knows of it, and where its file is. */
export const AdminDocumentSchema = DocumentInfoSchema.extend({
  source: z
    .enum(['upload', 'folder'])
    .describe('upload: added through this API (can be replaced or deleted); folder: from DOCS_DIRS'),
}).openapi('AdminDocument')
export type AdminDocument = z.infer<typeof AdminDocumentSchema>

export const AdminDocumentListSchema = z
  .object({ indexVersion: z.string(), documents: z.array(AdminDocumentSchema) })
  .openapi('AdminDocumentList')
export type AdminDocumentList = z.infer<typeof AdminDocumentListSchema>

export const DocumentAddedSchema = z
  .object({
    indexVersion: z.string().describe('The index answering now, with the document'),
    replaced: z.boolean().describe('An uploaded document of the same key was replaced'),
    document: AdminDocumentSchema,
  })
  .openapi('DocumentAdded')
export type DocumentAdded = z.infer<typeof DocumentAddedSchema>

export const DocumentDeletedSchema = z
  .object({ indexVersion: z.string(), deleted: z.string().describe('The doc key removed') })
  .openapi('DocumentDeleted')
export type DocumentDeleted = z.infer<typeof DocumentDeletedSchema>
