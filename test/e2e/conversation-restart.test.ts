/** Conversations across a restart of the real server: kept by the SQLite store, lost by the in-memory one. */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ChatResponseSchema, type ChatResponse } from '../../src/schema/api.js'
import { seedIndexDir } from '../support/seed-engine.js'
import { startNodeServer, type NodeServer } from '../support/node-server.js'

const FIRST = '连云港对招大学生的企业有补贴吗？'
const FOLLOW_UP = '那常州呢？'

let root: string
let indexDir: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'policy-qa-restart-'))
  indexDir = (await seedIndexDir()).indexDir
}, 120_000)

async function ask(server: NodeServer, question: string, conversationId?: string): Promise<ChatResponse> {
  const res = await fetch(`http://127.0.0.1:${await server.port}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ question, conversationId }),
  })
  expect(res.status).toBe(200)
  return ChatResponseSchema.parse(await res.json())
}

/** Stops the server the way a deployment does (SIGTERM) and waits for it to exit. */
async function stop(server: NodeServer): Promise<void> {
  server.child.kill('SIGTERM')
  expect((await server.exited).code).toBe(0)
}

/** Asks the first question, restarts the server with the same settings, asks the follow-up by id. */
async function acrossRestart(env: Record<string, string>) {
  const settings = { INDEX_DIR: indexDir, UPLOAD_DIR: join(root, 'uploads'), ...env }
  const before = startNodeServer(settings)
  const first = await ask(before, FIRST)
  await stop(before)
  const after = startNodeServer(settings)
  try {
    return { first, followUp: await ask(after, FOLLOW_UP, first.conversationId) }
  } finally {
    await stop(after)
  }
}

describe('conversations across a restart', () => {
  it('should resolve a follow-up by conversationId after a restart with the SQLite store', async () => {
    const { first, followUp } = await acrossRestart({
      CONVERSATION_STORE: 'sqlite',
      CONVERSATION_DB: join(root, 'conversations.sqlite'),
    })
    expect(first.citations.every((c) => c.city === '连云港市')).toBe(true)
    expect(followUp.conversationId).toBe(first.conversationId)
    // The topic of the first turn carried over to the new city.
    expect(followUp.rewrittenQuery).toMatch(/常州/)
    expect(followUp.rewrittenQuery).toMatch(/高校毕业生|大学生/)
    expect(followUp.citations.length).toBeGreaterThan(0)
    expect(followUp.citations.every((c) => c.city === '常州市')).toBe(true)
  }, 120_000)

  it('should start a new conversation after a restart with the in-memory store', async () => {
    const { first, followUp } = await acrossRestart({ CONVERSATION_STORE: 'memory' })
    expect(followUp.conversationId).not.toBe(first.conversationId)
    expect(followUp.rewrittenQuery ?? FOLLOW_UP).not.toMatch(/高校毕业生|大学生/)
  }, 120_000)
})
