/** @module fs-documents: uploaded documents kept in a folder of the data directory, indexed with the rest. */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { detectFormat, type DocumentFormat } from '../../../ingest/read/detect-format.js'
import { createError, QaError } from '../../errors.js'
import type { AdminDocumentList, DocumentAdded, DocumentDeleted } from '../../schema/admin-documents.js'
import { IndexManifestSchema, ManifestSchema, type ManifestEntry } from '../../schema/clause.js'
import { INDEX_FILES } from '../../retrieval/index-format.js'
import type { DocumentLibrary, DocumentUploadInput } from '../../server/routes/admin-documents.js'

export type FsDocumentLibraryOptions = {
  /** Folder the uploads are kept in, with their manifest.json; made on the first upload. */
  uploadDir: string
  /** The index folder: its manifest lists the documents in service. */
  indexDir: string
  /**
   * Rebuilds the index from the configured folders and {@link FsDocumentLibrary.folders}, and
   * resolves once the new index answers. Rejects with QaError REINDEX_BUSY when a rebuild is
   * already running, or with the reason it failed; the library then undoes its change.
   */
  reindex: () => Promise<void>
}

/** File name ending of a stored upload, by the format its content was read as. */
const STORED_EXTENSION: Record<DocumentFormat, string> = {
  docx: '.docx',
  pdf: '.pdf',
  html: '.html',
  markdown: '.md',
  text: '.txt',
}
/** Hex digits of the content hash in a stored file's name: enough to tell versions apart. */
const HASH_CHARS = 12

/**
 * The uploaded documents: each stored as `<docKey>-<sha256 prefix>.<ext>` in `uploadDir`, listed
 * in the folder's manifest.json with the fields the upload gave, so the ingest reads the folder
 * like any other. One change at a time; each is checked before anything is written (the file
 * must parse into units), and undone when the re-index fails or is refused, so the folder and
 * the index never disagree.
 *
 * @example
 * ```ts
 * const library = new FsDocumentLibrary({ uploadDir: '.data/uploads', indexDir, reindex })
 * await ingestInChildProcess(await library.folders(config.DOCS_DIRS), indexDir)
 * ```
 */
export class FsDocumentLibrary implements DocumentLibrary {
  readonly #options: FsDocumentLibraryOptions
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: FsDocumentLibraryOptions) {
    if (!options.uploadDir || !options.indexDir) {
      throw new Error('FsDocumentLibrary needs uploadDir and indexDir, e.g. { uploadDir: ".data/uploads", indexDir: ".data/index" }')
    }
    this.#options = options
  }

  /** The folders to index: the configured ones, and the upload folder once it holds a document. */
  async folders(configured: string[]): Promise<string[]> {
    return (await this.#uploads()).length ? [...configured, this.#options.uploadDir] : configured
  }

  async list(): Promise<AdminDocumentList> {
    const [index, uploads] = await Promise.all([this.#index(), this.#uploads()])
    const uploaded = new Set(uploads.map((e) => e.docKey))
    return {
      indexVersion: index.indexVersion,
      documents: index.documents.map((d) => ({ ...d, source: uploaded.has(d.docKey) ? 'upload' : 'folder' })),
    }
  }

  add(upload: DocumentUploadInput): Promise<DocumentAdded> {
    return this.#exclusive(async () => {
      const { uploadDir } = this.#options
      const { fileName, bytes } = upload
      const { docKey: given, ...fields } = upload.entry
      // Imported on the first upload: the parsers of every format would slow the server's start.
      const { docKeyOf, loadFile } = await import('../../../ingest/load-documents.js')
      const docKey = given ?? docKeyOf(fileName)
      const uploads = await this.#uploads()
      const previous = uploads.find((e) => e.docKey === docKey)
      if (!previous) await this.#refuseFolderKey(docKey)
      const hash = createHash('sha256').update(bytes).digest('hex')
      const file = `${docKey}-${hash.slice(0, HASH_CHARS)}${STORED_EXTENSION[detectFormat(bytes, fileName)]}`
      const entry: ManifestEntry = { docKey, file, ...fields }
      // Parsed before anything is written: a file that yields no unit is refused here, with the reason.
      await loadFile(fileName, bytes, [entry])
      await mkdir(uploadDir, { recursive: true })
      await writeAtomically(join(uploadDir, file), bytes)
      await this.#change([...uploads.filter((e) => e.docKey !== docKey), entry], uploads, async () => {
        if (file !== previous?.file) await rm(join(uploadDir, file), { force: true })
      })
      if (previous && previous.file !== file) await rm(join(uploadDir, previous.file), { force: true })
      const list = await this.list()
      const document = list.documents.find((d) => d.docKey === docKey)
      if (!document) throw createError('DOC_NOT_FOUND', docKey)
      return { indexVersion: list.indexVersion, replaced: previous !== undefined, document }
    })
  }

  remove(docKey: string): Promise<DocumentDeleted> {
    return this.#exclusive(async () => {
      const uploads = await this.#uploads()
      const entry = uploads.find((e) => e.docKey === docKey)
      if (!entry) {
        await this.#refuseFolderKey(docKey)
        throw createError('DOC_NOT_FOUND', docKey)
      }
      await this.#change(
        uploads.filter((e) => e !== entry),
        uploads
      )
      await rm(join(this.#options.uploadDir, entry.file), { force: true })
      return { indexVersion: (await this.#index()).indexVersion, deleted: docKey }
    })
  }

  /** Writes the new manifest and re-indexes; on failure puts the old manifest back and undoes. */
  async #change(next: ManifestEntry[], before: ManifestEntry[], undo?: () => Promise<void>): Promise<void> {
    await this.#writeUploads(next)
    try {
      await this.#options.reindex()
    } catch (error) {
      await this.#writeUploads(before)
      await undo?.()
      throw error instanceof QaError ? error : createError('REINDEX_FAILED', (error as Error).message)
    }
  }

  /** A doc key of a configured folder cannot be taken by an upload, nor deleted through it. */
  async #refuseFolderKey(docKey: string): Promise<void> {
    const doc = (await this.#index()).documents.find((d) => d.docKey === docKey)
    if (doc) throw createError('DOCUMENT_NOT_UPLOADED', docKey, doc.file)
  }

  async #uploads(): Promise<ManifestEntry[]> {
    let raw: string
    try {
      raw = await readFile(join(this.#options.uploadDir, INDEX_FILES.manifest), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    return ManifestSchema.parse(JSON.parse(raw))
  }

  async #writeUploads(entries: ManifestEntry[]): Promise<void> {
    const path = join(this.#options.uploadDir, INDEX_FILES.manifest)
    await writeAtomically(path, `${JSON.stringify(entries, null, 2)}\n`)
  }

  async #index() {
    const path = join(this.#options.indexDir, INDEX_FILES.manifest)
    let raw: string
    try {
      raw = await readFile(path, 'utf8')
    } catch {
      throw createError('INDEX_MISSING', this.#options.indexDir)
    }
    return IndexManifestSchema.parse(JSON.parse(raw))
  }

  /** Runs changes one after another: two uploads never interleave their manifest writes. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }
}

/** Writes a file through a temporary name and a rename, so no reader sees half of it. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  // A dot name with .tmp is no document extension: an ingest running meanwhile skips it.
  const temp = join(path, '..', `.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, data)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
