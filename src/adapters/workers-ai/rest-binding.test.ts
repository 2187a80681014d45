import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeWorkersAiRest } from '../../../test/support/fake-cloudflare'
import { createWorkersAiRestBinding, WorkersAiEmbeddings } from './index'

const accountId = '0123456789abcdef0123456789abcdef'
const apiToken = 'test-token-not-secret'

describe('createWorkersAiRestBinding', () => {
  let server: Awaited<ReturnType<typeof startFakeWorkersAiRest>>
  beforeAll(async () => {
    server = await startFakeWorkersAiRest({ accountId, apiToken })
  })
  afterAll(() => server.close())

  it('should post to /accounts/:id/ai/run/:model with the token and return the result', async () => {
    const binding = createWorkersAiRestBinding({
      accountId,
      apiToken,
      baseUrl: `${server.base}/client/v4`,
    })
    const vectors = await new WorkersAiEmbeddings({ binding }).embedDocuments([
      '稳岗返还',
      '创业担保贷款',
    ])
    expect(vectors.map((v) => v.length)).toEqual([1024, 1024])
    expect(server.requests.at(-1)).toEqual({
      path: `/client/v4/accounts/${accountId}/ai/run/@cf/baai/bge-m3`,
      authorization: `Bearer ${apiToken}`,
    })
  })

  it('should report the status and Cloudflare error codes, never the token', async () => {
    const wrongToken = createWorkersAiRestBinding({
      accountId,
      apiToken: 'wrong',
      baseUrl: `${server.base}/client/v4`,
    })
    const error = await wrongToken
      .run('@cf/baai/bge-m3' as never, { text: ['x'] } as never)
      .catch((e: Error) => e)
    expect(String(error)).toMatch(/HTTP 401: 10000 Authentication error/)
    expect(String(error)).not.toContain('wrong')
    const binding = createWorkersAiRestBinding({
      accountId,
      apiToken,
      baseUrl: `${server.base}/client/v4`,
    })
    await expect(binding.run('@cf/baai/bge-m3' as never, { text: 42 } as never)).rejects.toThrow(
      /HTTP 400: 5006 AiError/
    )
  })

  it('should refuse a malformed account id or a missing token with a fix-it message', () => {
    expect(() => createWorkersAiRestBinding({ accountId: 'acme', apiToken })).toThrow(
      /wrangler whoami/
    )
    expect(() => createWorkersAiRestBinding({ accountId, apiToken: '' })).toThrow(
      /CLOUDFLARE_API_TOKEN/
    )
  })
})
