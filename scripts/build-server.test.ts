import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { seedIndexDir } from '../test/support/seed-engine.js'
import { startNodeServer, type NodeServer } from '../test/support/node-server.js'

describe('npm start: the bundled server (scripts/build-server.mjs)', () => {
  let server: NodeServer | undefined
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await server?.exited
  })

  it('should bundle src/node.ts and answer with citations on plain Node', async () => {
    await promisify(execFile)(process.execPath, ['scripts/build-server.mjs'])
    const { indexDir } = await seedIndexDir()
    // As package.json's start script runs it.
    server = startNodeServer({ INDEX_DIR: indexDir }, ['--expose-gc', '.build/node.js'])
    const port = await server.port
    const response = await fetch(`http://127.0.0.1:${port}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '连云港对企业招用重点群体的一次性扩岗补助是多少钱？' }),
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { answer: string; citations: Array<{ city: string }> }
    expect(body.answer).toContain('1500元')
    expect(body.citations[0].city).toBe('连云港市')
    // The widget's entry is found next to its source, not next to the bundle.
    const widget = await fetch(`http://127.0.0.1:${port}/widget.js`)
    expect(widget.status).toBe(200)
  }, 60_000)
})
