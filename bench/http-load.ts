/** @module Load test of POST /api/chat: autocannon on loopback against a server in a child process. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'
import type { EvalQuestion } from '../evals/questions.js'
import { REPO_ROOT, START_NODE_FLAGS, buildSteps, residentMB, stepPath } from './child.js'
import { round } from './percentile.js'

export interface HttpLoadOptions {
  /** Concurrent connections of each run. Default [16, 64], the two loads. */
  connections: number[]
  /** Seconds each run lasts. Default 5: a few thousand requests at the target rate. */
  durationSeconds: number
  /** Seconds of untimed load first, so the server's code is compiled and caches are warm. Default 1. */
  warmupSeconds: number
  /** Ms to wait for the server to load its index and listen. Default 60 s. */
  startTimeoutMs: number
  /** Extra flags for the server's node (e.g. `--cpu-prof`). Default none. */
  nodeArgs: string[]
}

export const defaultHttpLoadOptions: HttpLoadOptions = {
  connections: [16, 64],
  durationSeconds: 5,
  warmupSeconds: 1,
  startTimeoutMs: 60_000,
  nodeArgs: [],
}

/** One autocannon run. */
export interface HttpRun {
  connections: number
  reqPerSec: number
  p50ms: number
  p99ms: number
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number
  requests: number
}

/**
 * Starts bench/http-server.ts (bundled by buildSteps) on the index, runs autocannon at each connection count (cycling
 * through the questions as request bodies, so no answer is served from a single hot path), then
 * reads the server's resident memory and stops it.
 */
export async function loadTestChat(
  indexDir: string,
  questions: readonly EvalQuestion[],
  options: Partial<HttpLoadOptions> = {}
): Promise<{ runs: HttpRun[]; serverRssMB: number | null }> {
  const opts = { ...defaultHttpLoadOptions, ...options }
  const server = spawn(
    process.execPath,
    [
      ...START_NODE_FLAGS,
      ...opts.nodeArgs,
      stepPath('http-server.ts'),
      '--index',
      indexDir,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  try {
    const port = await listeningPort(server, opts.startTimeoutMs)
    const url = `http://127.0.0.1:${port}`
    const requests = questions.map((q) => ({
      method: 'POST',
      path: '/api/chat',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: q.question, ...(q.history ? { history: q.history } : {}) }),
    }))
    await autocannon({
      url,
      connections: opts.connections[0],
      duration: opts.warmupSeconds,
      requests,
    })
    const runs: HttpRun[] = []
    for (const connections of opts.connections) {
      const result = await autocannon({
        url,
        connections,
        duration: opts.durationSeconds,
        requests,
      })
      runs.push({
        connections,
        reqPerSec: round(result.requests.average, 0),
        p50ms: result.latency.p50,
        p99ms: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        requests: result.requests.total,
      })
    }
    const rss = server.pid ? await residentMB(server.pid) : undefined
    return { runs, serverRssMB: rss === undefined ? null : round(rss, 0) }
  } finally {
    // Waiting for the exit lets a profiled server write its profile before it is read.
    const gone = new Promise((resolve) => server.once('exit', resolve))
    if (server.exitCode === null) {
      server.kill('SIGTERM')
      await gone
    }
  }
}

/** The port the server prints as `{"port":N}`; rejects if it exits or takes too long. */
export function listeningPort(server: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bench: the server did not listen within ${timeoutMs / 1000} s`)),
      timeoutMs
    )
    server.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`bench: the server exited with code ${code} before listening`))
    })
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const port = Number(line.match(/^\{"port":(\d+)\}$/)?.[1])
      if (Number.isInteger(port)) {
        clearTimeout(timer)
        resolve(port)
      }
    })
  })
}

/** `tsx bench/http-load.ts --index DIR [--seconds N] [--cpu-prof-dir DIR]`: the load test alone. */
async function main() {
  const { parseArgs } = await import('node:util')
  const { loadQuestions } = await import('../evals/questions.js')
  const { values } = parseArgs({
    options: {
      index: { type: 'string' },
      seconds: { type: 'string', default: String(defaultHttpLoadOptions.durationSeconds) },
      'cpu-prof-dir': { type: 'string' },
    },
    strict: true,
  })
  if (!values.index)
    throw new Error('usage: tsx bench/http-load.ts --index DIR [--seconds N] [--cpu-prof-dir DIR]')
  const profileDir = values['cpu-prof-dir']
  await buildSteps()
  const result = await loadTestChat(values.index, await loadQuestions('evals/questions.jsonl'), {
    durationSeconds: Number(values.seconds),
    nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  })
  console.log(JSON.stringify(result, null, 2))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
}
