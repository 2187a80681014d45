/** @module The real server, src/node.ts, in a child process: for tests of start-up, restarts and shutdown. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

export type NodeServer = {
  child: ChildProcess
  /** The port it listens on; rejects with stderr when it exits first. */
  port: Promise<number>
  exited: Promise<{ code: number | null; stderr: string }>
  output: () => string
}

/** Node's arguments for src/node.ts through tsx (what tests run unless they say otherwise). */
const TSX_ENTRY = ['--import', TSX, 'src/node.ts']

/**
 * Runs src/node.ts (or the entry `nodeArgs` name, e.g. the bundle `npm start` runs) on 127.0.0.1
 * with an ephemeral port and only `env` beyond PATH and HOME, so the developer's environment
 * cannot leak into the test.
 */
export function startNodeServer(env: Record<string, string>, nodeArgs: readonly string[] = TSX_ENTRY): NodeServer {
  const child = spawn(process.execPath, [...nodeArgs], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr }))
  )
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /listening on http:\/\/localhost:(\d+)/.exec(stdout)
      if (match) resolve(Number(match[1]))
    })
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}: ${stderr}`)))
  })
  // Tests that expect an exit never await the port.
  port.catch(() => {})
  return { child, port, exited, output: () => stdout }
}
