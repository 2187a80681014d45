import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeWechatApi } from '../../../test/support/fake-wechat-api.js'
import { CustomerService, CustomerServiceError } from './customer-service.js'

const credentials = { appId: 'wx134c8103faa5a59e', appSecret: 'fake-app-secret-0001' }
let api: FakeWechatApi

beforeEach(async () => {
  api = await new FakeWechatApi(credentials).start()
})
afterEach(() => api.close())

describe('CustomerService.sendText', () => {
  it('sends the JSON WeChat expects, with a token fetched once and cached', async () => {
    const service = new CustomerService({ ...credentials, apiBase: api.base })
    await service.sendText('oUser1', '答复一')
    await service.sendText('oUser2', '答复二')
    expect(api.sends.map((s) => s.message)).toEqual([
      { touser: 'oUser1', msgtype: 'text', text: { content: '答复一' } },
      { touser: 'oUser2', msgtype: 'text', text: { content: '答复二' } },
    ])
    expect(api.tokenRequests).toHaveLength(1)
    expect(Object.fromEntries(api.tokenRequests[0])).toEqual({ grant_type: 'client_credential', appid: credentials.appId, secret: credentials.appSecret })
  })

  it('fetches one token for concurrent sends', async () => {
    const service = new CustomerService({ ...credentials, apiBase: api.base })
    await Promise.all([service.sendText('a', '1'), service.sendText('b', '2'), service.sendText('c', '3')])
    expect(api.tokenRequests).toHaveLength(1)
    expect(api.sends).toHaveLength(3)
  })

  it('refreshes the token once on 40001 and sends again', async () => {
    const service = new CustomerService({ ...credentials, apiBase: api.base })
    await service.sendText('oUser1', '第一条')
    api.revokeTokens()
    await service.sendText('oUser1', '第二条')
    expect(api.tokenRequests).toHaveLength(2)
    expect(api.sends.map((s) => s.accessToken)).toEqual(['TOKEN-1', 'TOKEN-2'])
  })

  it('renews the token before WeChat says it expires', async () => {
    let now = 0
    const service = new CustomerService({ ...credentials, apiBase: api.base, now: () => now })
    await service.sendText('oUser1', '一')
    now += (7200 - 4 * 60) * 1000
    await service.sendText('oUser1', '二')
    expect(api.tokenRequests).toHaveLength(2)
  })

  it('throws the errcode, never the secret, when WeChat refuses the credentials', async () => {
    const service = new CustomerService({ ...credentials, appSecret: 'wrong-secret-value', apiBase: api.base })
    const error = await service.sendText('oUser1', '答复').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CustomerServiceError)
    expect((error as CustomerServiceError).errcode).toBe(40125)
    expect(String((error as Error).message)).not.toContain('wrong-secret-value')
  })

  it('needs an AppID and AppSecret', () => {
    expect(() => new CustomerService({ appId: '', appSecret: 'x' })).toThrow(/WECHAT_APPID/)
  })
})
