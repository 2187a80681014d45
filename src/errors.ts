/** @module One table of error codes for the core; the server maps each to a status and a Chinese message. */

/** Every error the core raises, with an English template naming the values (`{0}`, `{1}`…). */
export const errorTemplates = {
  MANIFEST_INVALID: 'Manifest {0} is invalid: {1}',
  DOCUMENT_UNREADABLE: 'Cannot read document {0}: {1}',
  DOCUMENT_EMPTY: 'No citable unit was found in {0}{1}',
  DOCUMENT_UNSUPPORTED: 'Document {0} is not in a format that can be read: {1}',
  DOCUMENT_NO_TEXT: 'Document {0} has no text to read: {1}',
  DOCUMENT_NOT_UPLOADED: 'Document {0} comes from the configured folder {1}; only uploaded documents can be replaced or deleted',
  REINDEX_BUSY: 'An index rebuild is already running',
  REINDEX_FAILED: 'Index rebuild failed, the previous index is kept: {0}',
  DOCUMENT_BEGIN_NOT_FOUND: 'Manifest entry {0}: the begin line "{1}" does not occur in {2}',
  DUPLICATE_DOC_KEY: 'Document key {0} is used twice ({1} and {2})',
  NO_DOCUMENTS: 'No documents found in {0}',
  INDEX_MISSING: 'No index at {0}: run `npm run ingest` first',
  INDEX_INVALID: 'Index at {0} is invalid: {1}',
  INDEX_VERSION: 'Index at {0} has format version {1}; this build reads version {2}. Re-run `npm run ingest`',
  INDEX_EMBEDDINGS:
    'Index at {0} was built with embeddings {1} ({2} dimensions), but the configuration gives {3} ({4} dimensions). Re-run `npm run ingest` with the EMBEDDINGS_* settings the server uses, or set them to match the index',
  DOC_NOT_FOUND: 'Document {0} is not in the index',
  CLAUSE_NOT_FOUND: 'Clause {1} of document {0} is not in the index',
  CONFIG_INVALID: 'Configuration is invalid: {0}',
} as const

export type QaErrorCode = keyof typeof errorTemplates

/** An error of the core: branch on `code`, never on the message. */
export class QaError extends Error {
  constructor(
    readonly code: QaErrorCode,
    readonly args: readonly unknown[] = [],
    options?: { cause?: unknown }
  ) {
    super(format(errorTemplates[code], args), options)
    this.name = 'QaError'
  }
}

/** Creates a QaError, as Orama's createError does. */
export function createError(code: QaErrorCode, ...args: unknown[]): QaError {
  return new QaError(code, args)
}

function format(template: string, args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''))
}
