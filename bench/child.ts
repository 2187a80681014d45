/** @module Runs a bench step in its own Node process, so its time and memory are its own. */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The repository root: children run there, so relative paths (seeds/) mean the same. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * The node flags of `npm start` (package.json's start script, e.g. --expose-gc): every step and
 * server the bench starts runs with them, as the deployed server does.
 */
export const START_NODE_FLAGS: readonly string[] = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'))

/**
 * Where {@link buildSteps} bundles the steps' scripts: they run on plain Node as the server does
 * after `npm start`'s bundle step, so a step's memory holds no tsx loader thread (~30 MB).
 */
const STEPS_DIR = join(REPO_ROOT, '.build', 'bench')

/** Bundles the scripts children run (bench/scale-point.ts, bench/http-server.ts); once per bench run. */
export async function buildSteps(): Promise<void> {
  const entries = ['scale-point.ts', 'http-server.ts'].flatMap((script) => ['--entry', join('bench', script)])
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'build-server.mjs'), ...entries, '--outdir', STEPS_DIR], {
    cwd: REPO_ROOT,
  })
}

/** The bundled form of `bench/<script>` (see {@link buildSteps}). */
export function stepPath(script: string): string {
  return join(STEPS_DIR, script.replace(/\.ts$/, '.js'))
}

export interface ChildOptions {
  /** Kills the child after this many ms. Default 20 minutes: no step of the full run takes longer. */
  timeoutMs: number
  /** Extra flags for node (e.g. `--cpu-prof`). Default none. */
  nodeArgs: string[]
  env: NodeJS.ProcessEnv
}

export const defaultChildOptions: ChildOptions = {
  timeoutMs: 20 * 60_000,
  nodeArgs: [],
  env: process.env,
}

/**
 * Runs `bench/<script>`, bundled by {@link buildSteps}, with `args` plus `--out FILE` in a child Node process and returns the
 * JSON it wrote to FILE. Its stderr goes to ours (progress lines); a non-zero exit, a signal or
 * the timeout is an error naming the script.
 */
export async function runChild<T>(
  script: string,
  args: string[],
  options: Partial<ChildOptions> = {}
): Promise<T> {
  const { timeoutMs, nodeArgs, env } = { ...defaultChildOptions, ...options }
  const dir = await mkdtemp(join(tmpdir(), 'bench-child-'))
  const out = join(dir, 'result.json')
  try {
    const child = spawn(
      process.execPath,
      [...START_NODE_FLAGS, ...nodeArgs, stepPath(script), ...args, '--out', out],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] }
    )
    await exited(child, script, timeoutMs)
    return JSON.parse(await readFile(out, 'utf8')) as T
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Resolves when the child exits with 0; rejects on another code, a signal or the timeout. */
export function exited(child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`bench: ${name} did not finish within ${timeoutMs / 1000} s`))
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`bench: ${name} exited with ${signal ?? `code ${code}`}`))
    })
  })
}

/** Resident set size of a process in MB, from /proc (Linux); undefined where there is none. */
export async function residentMB(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1])
    return Number.isFinite(kb) ? kb / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Peak resident set size of this process so far, in MB. */
export function peakResidentMB(): number {
  return process.resourceUsage().maxRSS / 1024
}
