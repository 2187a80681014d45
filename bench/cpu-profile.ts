/**
 * @module Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions that take the
 * most time, by self time and by total time. `tsx bench/cpu-profile.ts FILE [--top N]`.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

/** Rows printed per table by default. */
const DEFAULT_TOP = 20

/** The parts of the `.cpuprofile` JSON format that the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }>
  samples: number[]
  timeDeltas: number[]
}

/** One function's share of the profile. */
export interface HotSpot {
  /** `name (file:line)`, file relative to the repository. */
  name: string
  selfMs: number
  totalMs: number
  /** Self time as a share of all sampled time, 0–1. */
  selfShare: number
}

/**
 * Folds the sampled call tree into one row per function (name, file and line): self time is
 * where samples landed, total time counts a function once per sample however deep it recurses.
 */
export function summariseProfile(profile: CpuProfile, root = ''): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const label = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    const file = url.replace(/^file:\/\//, '').replace(root, '')
    return `${functionName || '(anonymous)'} (${file || 'native'}:${lineNumber + 1})`
  }
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let all = 0
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    all += ms
    self.set(label(id), (self.get(label(id)) ?? 0) + ms)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(at)
      if (seen.has(name)) continue
      seen.add(name)
      total.set(name, (total.get(name) ?? 0) + ms)
    }
  })
  return [...total].map(([name, totalMs]) => ({
    name,
    selfMs: self.get(name) ?? 0,
    totalMs,
    selfShare: all > 0 ? (self.get(name) ?? 0) / all : 0,
  }))
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string' } },
    allowPositionals: true,
  })
  const file = positionals[0]
  if (!file) throw new Error('usage: tsx bench/cpu-profile.ts FILE.cpuprofile [--top N]')
  const top = Number(values.top ?? DEFAULT_TOP)
  const root = fileURLToPath(new URL('..', import.meta.url))
  const spots = summariseProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, root)
  const row = (s: HotSpot) =>
    `${s.selfMs.toFixed(0).padStart(8)} ${(s.selfShare * 100).toFixed(1).padStart(5)}% ${s.totalMs.toFixed(0).padStart(8)}  ${s.name}`
  console.log('  self ms  self%  total ms  function — by self time')
  for (const s of [...spots].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(row(s))
  console.log('\n  self ms  self%  total ms  function — by total time')
  for (const s of [...spots].sort((a, b) => b.totalMs - a.totalMs).slice(0, top))
    console.log(row(s))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
}
