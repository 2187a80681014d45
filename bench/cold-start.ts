/** @module Cold start: the Node entry (src/node.ts) from process start to its first answer. */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { defaultEvaluateOptions } from '../evals/evaluate.js'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { REPO_ROOT, START_NODE_FLAGS, residentMB } from './child.js'
import { round } from './percentile.js'

/** What src/node.ts prints once it listens; PORT=0 makes the OS choose the port. */
const LISTENING = /listening on http:\/\/localhost:(\d+)/

/** Ms to wait for the first answer before giving up. */
const COLD_START_TIMEOUT_MS = 60_000

export interface ColdStart {
  /** Process start to the first successful /api/chat answer, ms. */
  firstAnswerMs: number
  /** Process start to "listening", ms. */
  listeningMs: number
  /** Resident memory right after the first answer, MB; null where /proc is missing. */
  rssMB: number | null
}

/** The server as `npm start` runs it: bundled by scripts/build-server.mjs (its `prestart`). */
const BUILT_SERVER = join(REPO_ROOT, '.build', 'node.js')

/** Bundles the server as `npm start` does before starting it; once per bench run. */
export async function buildServer(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'build-server.mjs')], { cwd: REPO_ROOT })
}

/**
 * Spawns `node --expose-gc .build/node.js` (what `npm start` runs after its build step; call {@link buildServer} first)
 * with INDEX_DIR at an existing index, PORT=0 and HOST=127.0.0.1, waits for it to listen, asks
 * one question and stops it. Each call is a fresh process.
 * `nodeArgs` go to node (e.g. `--cpu-prof`).
 */
export async function measureColdStart(
  indexDir: string,
  question: string,
  nodeArgs: readonly string[] = []
): Promise<ColdStart> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [...START_NODE_FLAGS, ...nodeArgs, BUILT_SERVER],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        INDEX_DIR: indexDir,
        PORT: '0',
        HOST: '127.0.0.1',
        TODAY: defaultEvaluateOptions.today,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('bench: the server did not listen in time')),
        COLD_START_TIMEOUT_MS
      )
      child.once('exit', (code) => reject(new Error(`bench: the server exited with code ${code}`)))
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = line.match(LISTENING)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      })
    })
    const listeningMs = performance.now() - started
    const response = await fetch(`http://127.0.0.1:${port}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    })
    if (!response.ok) throw new Error(`bench: the first /api/chat answered ${response.status}`)
    await response.json()
    const firstAnswerMs = performance.now() - started
    const rss = child.pid ? await residentMB(child.pid) : undefined
    return {
      firstAnswerMs: round(firstAnswerMs, 0),
      listeningMs: round(listeningMs, 0),
      rssMB: rss === undefined ? null : round(rss, 0),
    }
  } finally {
    // Waiting for the exit lets a profiled process write its profile before it is read.
    const gone = new Promise((resolve) => child.once('exit', resolve))
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await gone
    }
  }
}
