import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HashingEmbeddings } from '../hashing-embeddings/index.js'
import { startFakeOpenAi, type FakeOpenAi } from '../../../test/support/fake-openai.js'
import { createOpenAiCompatibleChatModel, OpenAiCompatibleEmbeddings } from './index.js'

let fake: FakeOpenAi
beforeAll(async () => {
  fake = await startFakeOpenAi()
})
afterAll(() => fake.close())

describe('createOpenAiCompatibleChatModel', () => {
  it('should post the messages to {baseURL}/chat/completions and return the text', async () => {
    fake.chat = { text: '每人1500元[1]。' }
    const model = createOpenAiCompatibleChatModel({
      baseURL: fake.baseURL,
      apiKey: 'sk-test',
      model: 'qwen-test',
      temperature: 0.2,
    })
    const before = fake.requests.length
    const message = await model.invoke([
      { role: 'system', content: '规则' },
      { role: 'user', content: '问题' },
    ])
    expect(message.content).toBe('每人1500元[1]。')
    const [request] = fake.requests.slice(before)
    expect(request).toMatchObject({ path: '/v1/chat/completions', authorization: 'Bearer sk-test' })
    expect(request!.body).toMatchObject({
      model: 'qwen-test',
      temperature: 0.2,
      messages: [{ role: 'system' }, { role: 'user' }],
    })
  })

  it('should stream the text chunk by chunk', async () => {
    fake.chat = {
      text: '对企业[12]给予补贴。',
      chunks: (t) => [t.slice(0, 4), t.slice(4, 6), t.slice(6)],
    }
    const model = createOpenAiCompatibleChatModel({ baseURL: fake.baseURL, model: 'qwen-test' })
    const pieces: string[] = []
    for await (const chunk of await model.stream('问题'))
      if (chunk.content) pieces.push(String(chunk.content))
    expect(pieces).toEqual(['对企业[', '12', ']给予补贴。'])
    expect(fake.requests.at(-1)!.body.stream).toBe(true)
  })

  it('should refuse a base URL that is not http(s), saying how to fix it', () => {
    expect(() =>
      createOpenAiCompatibleChatModel({ baseURL: 'localhost:8000', model: 'x' })
    ).toThrow(
      /baseURL must be an http\(s\) URL, got "localhost:8000", eg "http:\/\/127\.0\.0\.1:8000\/v1"/
    )
  })
})

describe('OpenAiCompatibleEmbeddings', () => {
  const create = (
    options: Partial<ConstructorParameters<typeof OpenAiCompatibleEmbeddings>[0]> = {}
  ) =>
    new OpenAiCompatibleEmbeddings({
      baseURL: fake.baseURL,
      model: 'bge-test',
      dimensions: 64,
      ...options,
    })

  it('should embed documents in batches of batchSize, in order', async () => {
    fake.embeddings = { dimensions: 64 }
    const texts = ['稳岗返还', '创业担保贷款', '一次性扩岗补助', '就业见习', '技能培训']
    const before = fake.requests.length
    const vectors = await create({ batchSize: 2 }).embedDocuments(texts)
    const requests = fake.requests.slice(before)
    // Batches go out in parallel, so in any order.
    expect(requests.map((r) => r.body.input.length).sort()).toEqual([1, 2, 2])
    const local = new HashingEmbeddings({ dimensions: 64 })
    // The fake sends base64 float32, as the OpenAI client asks: equal to float32 precision.
    vectors.forEach((vector, i) =>
      local.embed(texts[i]!).forEach((x, j) => expect(vector[j]).toBeCloseTo(x, 6))
    )
  })

  it('should retry a failed request', async () => {
    fake.embeddings = { dimensions: 64, failTimes: 1 }
    const vector = await create({ maxRetries: 2 }).embedQuery('稳岗返还')
    expect(vector).toHaveLength(64)
    expect(fake.embeddings.failTimes).toBe(0)
  })

  it('should fail with both sizes named when the model returns vectors of another size', async () => {
    fake.embeddings = { dimensions: 32 }
    await expect(create().embedQuery('稳岗返还')).rejects.toThrow(
      'bge-test returned vectors of 32 dimensions, but EMBEDDINGS_DIMENSIONS is 64'
    )
  })

  it('should record its model and size for the index manifest', () => {
    expect(create()).toMatchObject({ name: 'bge-test', dimensions: 64 })
    expect(() => create({ dimensions: 0 })).toThrow(/dimensions must be an integer ≥ 1, got 0/)
  })
})
