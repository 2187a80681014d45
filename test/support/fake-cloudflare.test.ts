import { describe, expect, it } from 'vitest'
import {
  createFakeAi,
  createFakeDurableObjectNamespace,
  FakeRateLimit,
  FakeVectorize,
} from './fake-cloudflare'

const unit = (i: number, dimensions = 4) =>
  Array.from({ length: dimensions }, (_, j) => (j === i ? 1 : 0))

async function cities(): Promise<FakeVectorize> {
  const index = new FakeVectorize({
    dimensions: 4,
    metadataIndexes: [
      { propertyName: 'city', type: 'string' },
      { propertyName: 'year', type: 'number' },
    ],
  })
  await index.insert([
    { id: 'a', values: [1, 0, 0, 0], metadata: { city: '常州市', year: 2023 } },
    { id: 'b', values: [0.9, 0.1, 0, 0], metadata: { city: '宜春市', year: 2024 } },
    { id: 'c', values: [0.5, 0.5, 0, 0], metadata: { city: '扬州市', year: 2025 } },
  ])
  return index
}

describe('FakeVectorize', () => {
  describe('query', () => {
    it('should rank by cosine similarity, best first, with Vectorize’s default topK of 5', async () => {
      const { matches, count } = await (await cities()).query([1, 0, 0, 0])
      expect(matches.map((m) => m.id)).toEqual(['a', 'b', 'c'])
      expect(matches[0].score).toBeCloseTo(1, 6)
      expect(count).toBe(3)
    })

    it.each([
      [{ city: '宜春市' }, ['b']],
      [{ city: { $eq: '宜春市' } }, ['b']],
      [{ city: { $ne: '宜春市' } }, ['a', 'c']],
      [{ city: { $in: ['常州市', '扬州市'] } }, ['a', 'c']],
      [{ city: { $nin: ['常州市', '扬州市'] } }, ['b']],
      [{ year: { $gte: 2024 } }, ['b', 'c']],
      [{ year: { $lt: 2024 } }, ['a']],
      [{ year: { $gt: 2023, $lte: 2024 } }, ['b']],
      [{ city: { $in: ['常州市', '宜春市'] }, year: 2024 }, ['b']],
    ])('should apply the filter %j', async (filter, ids) => {
      const { matches } = await (await cities()).query([1, 0, 0, 0], { filter })
      expect(matches.map((m) => m.id)).toEqual(ids)
    })

    it('should cap topK at 100, and at 20 with values or all metadata', async () => {
      const index = await cities()
      await expect(index.query(unit(0), { topK: 101 })).rejects.toThrow(
        /topK must be an integer in 1–100/
      )
      await expect(index.query(unit(0), { topK: 21, returnValues: true })).rejects.toThrow(
        /1–20 when returnValues/
      )
      await expect(index.query(unit(0), { topK: 21, returnMetadata: 'all' })).rejects.toThrow(
        /1–20/
      )
      expect((await index.query(unit(0), { topK: 100, returnMetadata: 'indexed' })).count).toBe(3)
    })

    it('should refuse a filter on a property without a metadata index', async () => {
      await expect((await cities()).query(unit(0), { filter: { docKey: 'x' } })).rejects.toThrow(
        /no metadata index on "docKey"/
      )
    })

    it('should return indexed metadata only, strings cut to 64 bytes', async () => {
      const index = new FakeVectorize({
        dimensions: 4,
        metadataIndexes: [{ propertyName: 'title', type: 'string' }],
      })
      const title = '扬州市促进高质量充分就业二〇二三年度主要工作安排的通知全文'
      await index.insert([{ id: 'x', values: unit(0), metadata: { title, chunk: 'x#一#0' } }])
      const [match] = (await index.query(unit(0), { returnMetadata: 'indexed' })).matches
      expect(match.metadata).toEqual({ title: title.slice(0, 21) })
      const [all] = (await index.query(unit(0), { returnMetadata: 'all' })).matches
      expect(all.metadata).toEqual({ title, chunk: 'x#一#0' })
    })
  })

  describe('writes', () => {
    it('should skip existing ids on insert and replace them on upsert', async () => {
      const index = await cities()
      await index.insert([{ id: 'a', values: unit(3), metadata: { city: '泾源县' } }])
      expect((await index.getByIds(['a']))[0].metadata).toEqual({ city: '常州市', year: 2023 })
      await index.upsert([{ id: 'a', values: unit(3), metadata: { city: '泾源县' } }])
      expect((await index.getByIds(['a']))[0]).toMatchObject({
        values: unit(3),
        metadata: { city: '泾源县' },
      })
    })

    it('should not filter on a property indexed after the vector was written, until it is upserted', async () => {
      const index = new FakeVectorize({ dimensions: 4 })
      await index.insert([{ id: 'early', values: unit(0), metadata: { docKey: 'changzhou' } }])
      index.createMetadataIndex('docKey', 'string')
      expect((await index.query(unit(0), { filter: { docKey: 'changzhou' } })).count).toBe(0)
      await index.upsert([{ id: 'early', values: unit(0), metadata: { docKey: 'changzhou' } }])
      expect((await index.query(unit(0), { filter: { docKey: 'changzhou' } })).count).toBe(1)
    })

    it('should refuse ids over 64 bytes and vectors of the wrong size', async () => {
      const index = new FakeVectorize({ dimensions: 4 })
      await expect(index.insert([{ id: '常州'.repeat(11), values: unit(0) }])).rejects.toThrow(
        /1–64 bytes, got 66 bytes/
      )
      await expect(index.insert([{ id: 'ok', values: [1, 0] }])).rejects.toThrow(
        /has 2 dimensions, the index 4/
      )
    })

    it('should delete by id and describe the index', async () => {
      const index = await cities()
      await index.deleteByIds(['a', 'missing'])
      expect(await index.describe()).toMatchObject({ vectorCount: 2, dimensions: 4 })
      expect((await index.queryById('b', { topK: 1 })).matches[0].id).toBe('b')
    })
  })
})

describe('createFakeAi', () => {
  it('should answer bge-m3 with { shape, data } of 1024 dimensions', async () => {
    const output = (await createFakeAi().run('@cf/baai/bge-m3', {
      text: ['稳岗返还', '就业见习'],
    })) as { shape: number[]; data: number[][] }
    expect(output.shape).toEqual([2, 1024])
    expect(output.data[1]).toHaveLength(1024)
  })

  it('should refuse more than 100 texts and unknown models', async () => {
    const ai = createFakeAi()
    await expect(ai.run('@cf/baai/bge-m3', { text: new Array(101).fill('x') })).rejects.toThrow(
      /more than 100 items/
    )
    await expect(ai.run('gpt-4o' as never, { messages: [] } as never)).rejects.toThrow(
      /No such model/
    )
  })
})

describe('createFakeDurableObjectNamespace', () => {
  it('should give one instance per name and run its requests one at a time', async () => {
    let instances = 0
    const order: string[] = []
    const namespace = createFakeDurableObjectNamespace(() => {
      instances++
      return {
        async fetch(request: Request) {
          const tag = new URL(request.url).searchParams.get('tag')!
          order.push(`start ${tag}`)
          await new Promise((resolve) => setTimeout(resolve, tag === 'slow' ? 20 : 0))
          order.push(`end ${tag}`)
          return new Response(tag)
        },
      }
    })
    const stub = namespace.get(namespace.idFromName('conversation-x'))
    await Promise.all([
      stub.fetch('https://o/?tag=slow'),
      namespace.getByName('conversation-x').fetch('https://o/?tag=fast'),
    ])
    expect(instances).toBe(1)
    expect(order).toEqual(['start slow', 'end slow', 'start fast', 'end fast'])
    expect(namespace.idFromName('a').equals(namespace.idFromName('a'))).toBe(true)
    expect(namespace.idFromName('a').toString()).not.toBe(namespace.idFromName('b').toString())
  })
})

describe('FakeRateLimit', () => {
  it('should allow `limit` requests per key and period, then refuse until the next window', async () => {
    let now = 60_000
    const limiter = new FakeRateLimit({ limit: 2, period: 10, now: () => now })
    const outcomes = [] as boolean[]
    for (let i = 0; i < 3; i++) outcomes.push((await limiter.limit({ key: '203.0.113.7' })).success)
    expect(outcomes).toEqual([true, true, false])
    expect((await limiter.limit({ key: '198.51.100.1' })).success).toBe(true)
    now += 10_000
    expect((await limiter.limit({ key: '203.0.113.7' })).success).toBe(true)
  })

  it('should refuse a period the binding does not offer', () => {
    expect(() => new FakeRateLimit({ limit: 1, period: 30 as never })).toThrow(
      /period must be 10 or 60/
    )
  })
})
