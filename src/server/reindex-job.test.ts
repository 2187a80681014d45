import { describe, expect, it } from 'vitest'
import type { ReindexStatus } from '../schema/api.js'
import { EngineHolder, type Engine } from './engine-holder.js'
import { ReindexJob } from './reindex-job.js'

function engineOf(version: string): Engine {
  return {
    chat: async () => ({ answer: version, citations: [], abstained: true, conversationId: 'x' }),
    search: async () => [],
    documents: () => [],
    document: () => undefined,
    clause: () => undefined,
    health: () => ({ status: 'ok', indexVersion: version, documents: 0, clauses: 0 }),
  }
}

const fixedNow = () => new Date('2026-01-02T03:04:05Z')

describe('ReindexJob', () => {
  describe('reindex', () => {
    it('should rebuild in the background and swap the new engine in when it is whole', async () => {
      const holder = new EngineHolder(engineOf('v1'))
      let finish!: (engine: Engine) => void
      const job = new ReindexJob({
        holder,
        rebuild: () => new Promise<Engine>((resolve) => (finish = resolve)),
        now: fixedNow,
      })
      expect(job.reindex()).toBe(true)
      expect(job.status()).toEqual({
        state: 'running',
        startedAt: '2026-01-02T03:04:05.000Z',
        indexVersion: 'v1',
      })
      expect(holder.health().indexVersion).toBe('v1')
      finish(engineOf('v2'))
      await job.settled()
      expect(holder.health().indexVersion).toBe('v2')
      expect(job.status()).toMatchObject({ state: 'succeeded', indexVersion: 'v2' })
    })

    it('should refuse a second rebuild while one is running, and allow one after', async () => {
      let finish!: (engine: Engine) => void
      const job = new ReindexJob({
        holder: new EngineHolder(engineOf('v1')),
        rebuild: () => new Promise<Engine>((resolve) => (finish = resolve)),
      })
      expect(job.reindex()).toBe(true)
      expect(job.reindex()).toBe(false)
      finish(engineOf('v2'))
      await job.settled()
      expect(job.reindex()).toBe(true)
    })

    it('should keep the engine in service when the rebuild fails, and say why', async () => {
      const holder = new EngineHolder(engineOf('v1'))
      const settled: ReindexStatus[] = []
      const job = new ReindexJob({
        holder,
        rebuild: async () => {
          throw new Error('No documents found in /srv/docs')
        },
        onSettled: (status) => settled.push(status),
        now: fixedNow,
      })
      job.reindex()
      await job.settled()
      expect(holder.health().indexVersion).toBe('v1')
      const failed = {
        state: 'failed',
        startedAt: '2026-01-02T03:04:05.000Z',
        finishedAt: '2026-01-02T03:04:05.000Z',
        error: 'No documents found in /srv/docs',
        indexVersion: 'v1',
      }
      expect(job.status()).toEqual(failed)
      expect(settled).toEqual([failed])
    })
  })

  describe('status', () => {
    it('should be idle with the serving index before any rebuild', () => {
      const job = new ReindexJob({ holder: new EngineHolder(engineOf('v1')), rebuild: async () => engineOf('v2') })
      expect(job.status()).toEqual({ state: 'idle', indexVersion: 'v1' })
    })
  })
})
