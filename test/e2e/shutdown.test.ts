/** Graceful shutdown: the real server (src/node.ts) in a child process, stopped with SIGTERM. */
import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedIndexDir } from '../support/seed-engine.js'

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const STARTUP_LIMIT_MS = 60_000

let child: ChildProcess
let port: number
let stderr = ''
let exited: Promise<number | null>

beforeAll(async () => {
  const { indexDir } = await seedIndexDir()
  child = spawn(process.execPath, ['--import', TSX, 'src/node.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', INDEX_DIR: indexDir, SHUTDOWN_TIMEOUT_MS: '20000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  port = await new Promise<number>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), STARTUP_LIMIT_MS)
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /listening on http:\/\/localhost:(\d+)/.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
  })
}, 120_000)

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL')
})

async function until(condition: () => boolean, limitMs = 10_000) {
  for (const deadline = Date.now() + limitMs; !condition() && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return condition()
}

describe('graceful shutdown', () => {
  it('should finish a request in progress on SIGTERM, refuse new connections, and exit 0', async () => {
    const body = JSON.stringify({ question: '常州对创业担保贷款有什么规定？' })
    const half = Buffer.byteLength(body) >> 1
    const bytes = Buffer.from(body)
    // A request whose body is still arriving is in progress when the signal comes.
    const inFlight = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/chat',
      headers: { 'Content-Type': 'application/json', 'Content-Length': bytes.length },
    })
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      inFlight.on('response', (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      })
      inFlight.on('error', reject)
    })
    inFlight.write(bytes.subarray(0, half))
    await new Promise((resolve) => setTimeout(resolve, 300))

    child.kill('SIGTERM')
    expect(await until(() => stderr.includes('SIGTERM'))).toBe(true)
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()

    inFlight.end(bytes.subarray(half))
    const { status, text } = await answered
    expect(status).toBe(200)
    expect(JSON.parse(text).citations.length).toBeGreaterThan(0)
    expect(await exited).toBe(0)
    expect(stderr).toContain('stopped')
  })
})
