/** @module /api/admin/documents: staff add, replace, list and delete documents while the service answers. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { bodyLimit } from 'hono/body-limit'
import {
  AdminDocumentListSchema,
  DocumentAddedSchema,
  DocumentDeletedSchema,
  DocumentUploadSchema,
  MAX_UPLOAD_BYTES,
  type AdminDocumentList,
  type DocumentAdded,
  type DocumentDeleted,
} from '../../schema/admin-documents.js'
import type { ManifestEntry } from '../../schema/clause.js'
import { QaError } from '../../errors.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { documentMessages } from '../messages.js'
import { validationHook } from '../validation-hook.js'
import { errorResponses } from './error-responses.js'

/** An upload as the library receives it: the file as sent, and the manifest fields given. */
export type DocumentUploadInput = {
  fileName: string
  bytes: Uint8Array
  /** Manifest fields; `docKey` defaults to one made from the file name. */
  entry: Omit<ManifestEntry, 'file' | 'begin' | 'docKey'> & { docKey?: string }
}

/**
 * Where uploaded documents are kept and how they get into the index (on Node: a folder under the
 * data directory and a re-index). Every change is whole or not at all: a refused file, a failed
 * or refused re-index leave the documents and the index as they were.
 */
export interface DocumentLibrary {
  /** Every document of the index in service, uploaded or from the configured folders. */
  list(): Promise<AdminDocumentList>
  /**
   * Reads and parses the file (refusing it with a QaError DOCUMENT_* code when it cannot be read
   * or yields no unit), stores it, re-indexes, and resolves once the new index answers.
   */
  add(upload: DocumentUploadInput): Promise<DocumentAdded>
  /** Removes an uploaded document and re-indexes. DOC_NOT_FOUND, or DOCUMENT_NOT_UPLOADED for a folder's. */
  remove(docKey: string): Promise<DocumentDeleted>
}

/**
 * Room for the multipart framing and the manifest fields around the file: the body limit is the
 * file limit plus this, and the file itself is checked against MAX_UPLOAD_BYTES exactly.
 */
const FORM_OVERHEAD_BYTES = 64 * 1024

const security = [{ adminToken: [] }]
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })

export const listDocumentsRoute = createRoute({
  method: 'get',
  path: '/api/admin/documents',
  tags: ['admin'],
  summary: 'Documents in the index, with detected fields, unit counts and where each comes from',
  security,
  responses: {
    200: { description: 'The documents', content: json(AdminDocumentListSchema) },
    401: errorResponses[401],
  },
})

export const addDocumentRoute = createRoute({
  method: 'post',
  path: '/api/admin/documents',
  tags: ['admin'],
  summary: 'Add or replace a document (multipart upload) and re-index',
  description:
    'The file (at most 10 MB) is read by its content, not its name: .docx, PDF with a text layer, a saved web page, text in UTF-8 or GBK, Markdown. City, title, issuer, date and validity are detected from the text unless given. A file that cannot be read or yields no citable unit is refused with the reason and nothing changes. Otherwise it is stored under the data folder with its content hash, the index is rebuilt, and the answer comes once the new index is answering. An uploaded document of the same docKey is replaced.',
  security,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: DocumentUploadSchema } } } },
  responses: {
    201: { description: 'Stored and indexed', content: json(DocumentAddedSchema) },
    400: errorResponses[400],
    401: errorResponses[401],
    409: { ...errorResponses[409], description: 'A rebuild is running (REINDEX_RUNNING), or docKey belongs to a configured folder (DOC_KEY_TAKEN)' },
    413: { ...errorResponses[413], description: 'File over 10 MB (PAYLOAD_TOO_LARGE)' },
    415: { ...errorResponses[415], description: 'Not a format that can be read (UNSUPPORTED_DOCUMENT)' },
    422: { ...errorResponses[400], description: 'Empty, corrupt, without text, or without citable units (DOCUMENT_REFUSED)' },
    500: errorResponses[500],
  },
})

export const deleteDocumentRoute = createRoute({
  method: 'delete',
  path: '/api/admin/documents/{docKey}',
  tags: ['admin'],
  summary: 'Delete an uploaded document and re-index',
  security,
  request: { params: z.object({ docKey: z.string().min(1).max(100) }) },
  responses: {
    200: { description: 'Deleted; the new index is answering', content: json(DocumentDeletedSchema) },
    401: errorResponses[401],
    404: errorResponses[404],
    409: { ...errorResponses[409], description: 'A rebuild is running, or the document is from a configured folder' },
    500: errorResponses[500],
  },
})

export type AdminDocumentsOptions = {
  /** The admin bearer token (ADMIN_TOKEN). */
  token: string
  library: DocumentLibrary
}

/**
 * The admin documents routes, to mount before the app's JSON body limit and request timeout: an
 * upload is up to 10 MB and waits for the re-index. Without a token they are not mounted (404).
 *
 * @example
 * ```ts
 * app.route('/', adminDocuments({ token: config.ADMIN_TOKEN, library }))
 * ```
 */
export function adminDocuments({ token, library }: AdminDocumentsOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use('/api/admin/documents', bearerAuth({ token }))
  app.use('/api/admin/documents/*', bearerAuth({ token }))
  app.on('POST', '/api/admin/documents', bodyLimit({ maxSize: MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES, onError: refuseLargeUpload }))
  return app
    .openapi(listDocumentsRoute, async function listDocuments(c) {
      c.header('Cache-Control', 'no-store')
      return c.json(await library.list(), 200)
    })
    .openapi(addDocumentRoute, async function addDocument(c) {
      const { file, draft, ...fields } = c.req.valid('form')
      const fileName = file.name || 'upload'
      if (file.size === 0) throw new ApiError('DOCUMENT_REFUSED', { message: documentMessages.empty(fileName) })
      if (file.size > MAX_UPLOAD_BYTES) refuseLargeUpload(c)
      const bytes = new Uint8Array(await file.arrayBuffer())
      const entry = { ...fields, ...(draft ? { draft: draft === 'true' } : {}) }
      try {
        return c.json(await library.add({ fileName, bytes, entry }), 201)
      } catch (error) {
        throw refusal(error, fileName, fields.docKey)
      }
    })
    .openapi(deleteDocumentRoute, async function deleteDocument(c) {
      return c.json(await library.remove(c.req.valid('param').docKey), 200)
    })
}

/** A core error about the uploaded file → the HTTP refusal that names the file as the user sent it. */
function refusal(error: unknown, fileName: string, docKey: string | undefined): unknown {
  if (!(error instanceof QaError)) return error
  const refuse = (message: string) => new ApiError('DOCUMENT_REFUSED', { message, cause: error })
  switch (error.code) {
    case 'DOCUMENT_UNSUPPORTED':
      return new ApiError('UNSUPPORTED_DOCUMENT', { message: documentMessages.unsupported(fileName), cause: error })
    case 'DOCUMENT_UNREADABLE':
      return refuse(documentMessages.unreadable(fileName))
    case 'DOCUMENT_NO_TEXT':
      return refuse(documentMessages.noText(fileName))
    case 'DOCUMENT_EMPTY':
      return refuse(documentMessages.noUnits(fileName))
    case 'DUPLICATE_DOC_KEY':
    case 'DOCUMENT_NOT_UPLOADED':
      return new ApiError('DOC_KEY_TAKEN', { message: documentMessages.docKeyTaken(String(error.args[0] ?? docKey)), cause: error })
    default:
      return error
  }
}

function refuseLargeUpload(c: Context): never {
  // The rest of the body is not read, so the connection cannot carry another request.
  c.header('Connection', 'close')
  throw new ApiError('PAYLOAD_TOO_LARGE', { message: documentMessages.tooLarge(MAX_UPLOAD_BYTES / 1024 / 1024) })
}
