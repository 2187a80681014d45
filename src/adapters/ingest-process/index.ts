/** @module ingest-process: the ingest command in a child process, to re-index a running server. */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** ingest/cli.ts, run as its own program; it calls `ingest(docsDirs, indexDir)`. */
const INGEST_CLI = fileURLToPath(new URL('../../../ingest/cli.ts', import.meta.url))
/** Prefix the CLI writes before the reason of a failure (see ingest/cli.ts). */
const FAILURE_PREFIX = 'ingest failed: '
/** Bytes of stderr kept for the failure message: the reason is on the last lines. */
const STDERR_TAIL_BYTES = 4096

export type IngestProcessOptions = {
  /** Longest a rebuild may take before the child is killed, in ms. Default 10 minutes. */
  timeoutMs: number
  /** Kills the child when aborted, e.g. on shutdown. Default: none. */
  signal?: AbortSignal
}

export const defaultIngestProcessOptions: IngestProcessOptions = { timeoutMs: 10 * 60_000 }

/**
 * Builds the index of `docsDirs` into `indexDir` by running `ingest/cli.ts` in a child process,
 * resolving when it is written. Not in-process: parsing and embedding are seconds of CPU that would
 * stall every request on the event loop, and a child contains a crash or memory blow-up on a bad
 * document. The CLI writes a temporary folder and renames it over the index, so a failed, timed-out
 * or killed (even `kill -9`) rebuild leaves the previous index as it was.
 *
 * Rejects with the CLI's own reason (`No documents found in …`, the file and line of a parse error).
 *
 * @example
 * ```ts
 * await ingestInChildProcess(config.DOCS_DIRS, config.INDEX_DIR)
 * const index = await loadIndexFolder(config.INDEX_DIR, embeddings)
 * ```
 */
export function ingestInChildProcess(
  docsDirs: string[],
  indexDir: string,
  options: Partial<IngestProcessOptions> = {}
): Promise<void> {
  const { timeoutMs, signal } = { ...defaultIngestProcessOptions, ...options }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  const args = ['--import', tsx, INGEST_CLI, ...docsDirs.flatMap((d) => ['--docs', d]), '--index', indexDir]

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      signal,
    })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES)
    })
    let failed: Error | undefined
    child.on('error', (err) => (failed = err))
    child.on('close', (code, killedBy) => {
      if (code === 0) return resolve()
      if (signal?.aborted) return reject(new Error('ingest stopped: the server is shutting down'))
      if (failed) return reject(new Error(`ingest could not run: ${failed.message}`))
      if (killedBy) return reject(new Error(`ingest killed by ${killedBy} (time limit ${timeoutMs} ms)`))
      reject(new Error(reasonOf(stderr) ?? `ingest exited with code ${code}`))
    })
  })
}

/** The CLI's reason, from its `ingest failed: …` line, or the last line written. */
function reasonOf(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean)
  const failure = lines.findLast((l) => l.startsWith(FAILURE_PREFIX))
  return failure ? failure.slice(FAILURE_PREFIX.length) : lines.at(-1)
}
