/**
 * @module The Worker bundle run in workerd (Miniflare, as `wrangler dev --local` runs it) with the
 * bindings of wrangler.toml: local D1, SQLite-backed Durable Objects and the rate limiter, all
 * simulated by Miniflare. Workers AI and Vectorize have no local simulation, so AI and VECTORIZE
 * are wrapped bindings (how wrangler itself provides AI locally): a small module inside workerd
 * whose objects have the bindings' methods and forward each call over a service binding to
 * the fakes of fake-cloudflare.ts in this process.
 */
import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { D1Database } from '@cloudflare/workers-types'
import { Miniflare, Response as MiniflareResponse, type Request as MiniflareRequest } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import type { FakeAi, FakeVectorize } from './fake-cloudflare.js'

/** Builds the Worker as a deploy would (`wrangler deploy --dry-run`); returns the folder and wrangler's output. */
export async function buildWorkerBundle(): Promise<{ dir: string; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'worker-bundle-'))
  const { stdout, stderr } = await promisify(execFile)('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', dir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    maxBuffer: 16 * 1024 * 1024,
  })
  return { dir, output: stdout + stderr }
}

/** The module behind the wrapped AI and VECTORIZE bindings; runs inside workerd. */
const FAKE_BINDINGS_MODULE = `
export default function (env) {
  const call = async (method, args) => {
    const response = await env.NODE.fetch('http://fakes/' + env.KIND + '/' + method, {
      method: 'POST',
      body: JSON.stringify(args),
    })
    const body = await response.json()
    if (!response.ok) throw new Error(body.error)
    return body.result
  }
  if (env.KIND === 'ai') return { run: (model, inputs) => call('run', [model, inputs]) }
  return {
    query: (vector, options) => call('query', [Array.from(vector), options]),
    insert: (vectors) => call('insert', [vectors]),
    upsert: (vectors) => call('upsert', [vectors]),
    getByIds: (ids) => call('getByIds', [ids]),
    deleteByIds: (ids) => call('deleteByIds', [ids]),
    describe: () => call('describe', []),
  }
}
`

export type WorkerInWorkerd = {
  /** Sends a request to the Worker's fetch handler. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** The Worker over real HTTP on 127.0.0.1 (Miniflare's entry socket), for clients that fetch a URL. */
  readonly url: URL
  /** Miniflare's local D1 behind `env.DB`, to load an export into. */
  db(): Promise<D1Database>
  /** Calls the Worker made to the fake bindings so far, by `ai.run`, `vectorize.query`…. */
  readonly bindingCalls: Map<string, number>
  dispose(): Promise<void>
}

/**
 * Starts the bundle in `bundleDir` with wrangler.toml's bindings, `vars` over its `[vars]`, and the
 * rate limit replaced by `limit` requests per minute when given.
 */
export async function startWorkerInWorkerd(options: {
  bundleDir: string
  ai: FakeAi
  vectorize: FakeVectorize
  vars?: Record<string, string>
  limitPerMinute?: number
}): Promise<WorkerInWorkerd> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions('wrangler.toml')
  // Remote-only bindings: replaced by the wrapped fakes below.
  const { ai: _ai, vectorize: _vectorize, ...local } = workerOptions as typeof workerOptions & {
    ai?: unknown
    vectorize?: unknown
  }
  const fakes: Record<string, Record<string, (...args: never[]) => unknown>> = {
    ai: { run: options.ai.run.bind(options.ai) },
    vectorize: {
      query: (vector: number[], query: never) => options.vectorize.query(vector, query),
      insert: (vectors: never) => options.vectorize.insert(vectors),
      upsert: (vectors: never) => options.vectorize.upsert(vectors),
      getByIds: (ids: never) => options.vectorize.getByIds(ids),
      deleteByIds: (ids: never) => options.vectorize.deleteByIds(ids),
      describe: () => options.vectorize.describe(),
    },
  }
  const bindingCalls = new Map<string, number>()
  const dispatch = async (request: MiniflareRequest) => {
    const [, kind, method] = new URL(request.url).pathname.split('/')
    bindingCalls.set(`${kind}.${method}`, (bindingCalls.get(`${kind}.${method}`) ?? 0) + 1)
    try {
      const args = (await request.json()) as never[]
      const result = await fakes[kind]![method]!(...args)
      return MiniflareResponse.json({ result: result ?? null })
    } catch (error) {
      return MiniflareResponse.json({ error: (error as Error).message }, { status: 500 })
    }
  }
  const ratelimits = options.limitPerMinute
    ? { LIMITER: { simple: { limit: options.limitPerMinute, period: 60 as const } } }
    : (local as { ratelimits?: unknown }).ratelimits
  const mf = new Miniflare({
    workers: [
      {
        ...local,
        name: 'policy-qa',
        modules: true,
        modulesRoot: options.bundleDir,
        scriptPath: join(options.bundleDir, 'worker.js'),
        bindings: { ...(local.bindings ?? {}), ...(options.vars ?? {}) },
        ratelimits,
        wrappedBindings: {
          AI: { scriptName: 'fake-bindings', bindings: { KIND: 'ai' } },
          VECTORIZE: { scriptName: 'fake-bindings', bindings: { KIND: 'vectorize' } },
        },
      } as never,
      {
        name: 'fake-bindings',
        modules: true,
        script: FAKE_BINDINGS_MODULE,
        serviceBindings: { NODE: dispatch },
      },
    ],
  })
  const url = await mf.ready
  return {
    url,
    fetch: async (path, init) => (await mf.dispatchFetch(`http://localhost${path}`, init as never)) as unknown as Response,
    db: async () => (await mf.getD1Database('DB')) as unknown as D1Database,
    bindingCalls,
    dispose: () => mf.dispose(),
  }
}
