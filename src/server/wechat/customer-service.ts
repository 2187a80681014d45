/** @module CustomerService: WeChat's 客服消息 API, for answers that miss the 5-second reply window. */

/** errcodes that mean the access token is invalid or expired: fetch a new one and retry once. */
const TOKEN_ERRORS = new Set([40001, 42001])

export type CustomerServiceOptions = {
  /** The account's AppID. */
  appId: string
  /** The account's AppSecret. Never logged, and never part of an error message. */
  appSecret: string
  /** API root. Default `https://api.weixin.qq.com`; tests point it at a fake on 127.0.0.1. */
  apiBase: string
  /** Renew the cached token this long before WeChat says it expires, in ms. Default 5 minutes. */
  renewBeforeMs: number
  /** Give up on one API call after this long, in ms. Default 10,000. */
  timeoutMs: number
  /** The fetch to call; injected by tests or runtimes. Default: the global fetch. */
  fetch: typeof fetch
  /** Now, in ms. */
  now: () => number
}

export const defaultCustomerServiceOptions = {
  apiBase: 'https://api.weixin.qq.com',
  renewBeforeMs: 5 * 60 * 1000,
  timeoutMs: 10_000,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  now: () => Date.now(),
} satisfies Partial<CustomerServiceOptions>

/** A failed API call: the errcode WeChat returned, or the HTTP status. No token or secret in it. */
export class CustomerServiceError extends Error {
  constructor(
    readonly operation: 'token' | 'send',
    readonly errcode: number,
    detail: string
  ) {
    super(`WeChat ${operation} failed: errcode ${errcode} (${detail})`)
    this.name = 'CustomerServiceError'
  }
}

/**
 * Sends text through `/cgi-bin/message/custom/send`. The access token comes from `/cgi-bin/token`,
 * is cached until shortly before it expires and fetched by one request at a time (WeChat counts
 * token requests per day, and a new token voids the old one after a grace period). On 40001/42001
 * the token is fetched again and the message sent once more.
 *
 * @example
 * ```ts
 * const api = new CustomerService({ appId, appSecret })
 * await api.sendText(openId, '答复……')
 * ```
 */
export class CustomerService {
  readonly #options: CustomerServiceOptions
  #token: { value: string; renewAt: number } | undefined
  #fetching: Promise<string> | undefined

  constructor(options: Pick<CustomerServiceOptions, 'appId' | 'appSecret'> & Partial<CustomerServiceOptions>) {
    this.#options = { ...defaultCustomerServiceOptions, ...options }
    if (!this.#options.appId || !this.#options.appSecret) {
      throw new Error('CustomerService: appId and appSecret are required (WECHAT_APPID, WECHAT_APPSECRET)')
    }
  }

  /** Sends `content` to `openId`; throws {@link CustomerServiceError} when WeChat refuses it. */
  async sendText(openId: string, content: string): Promise<void> {
    const body = JSON.stringify({ touser: openId, msgtype: 'text', text: { content } })
    for (let attempt = 0; ; attempt++) {
      const token = await this.#accessToken(attempt > 0)
      const url = `${this.#options.apiBase}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`
      const result = await this.#call('send', url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      if (result.errcode === 0 || result.errcode === undefined) return
      if (TOKEN_ERRORS.has(result.errcode) && attempt === 0) {
        this.#token = undefined
        continue
      }
      throw new CustomerServiceError('send', result.errcode, String(result.errmsg ?? ''))
    }
  }

  /** The cached token, or a new one (one request at a time) when missing, due, or `refresh`. */
  async #accessToken(refresh: boolean): Promise<string> {
    if (!refresh && this.#token && this.#options.now() < this.#token.renewAt) return this.#token.value
    this.#fetching ??= this.#fetchToken().finally(() => {
      this.#fetching = undefined
    })
    return this.#fetching
  }

  async #fetchToken(): Promise<string> {
    const { apiBase, appId, appSecret, renewBeforeMs, now } = this.#options
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret })
    const result = await this.#call('token', `${apiBase}/cgi-bin/token?${query}`, { method: 'GET' })
    if (typeof result.access_token !== 'string' || !result.access_token) {
      throw new CustomerServiceError('token', result.errcode ?? -1, String(result.errmsg ?? 'no access_token'))
    }
    const lifetimeMs = (typeof result.expires_in === 'number' ? result.expires_in : 7200) * 1000
    this.#token = { value: result.access_token, renewAt: now() + Math.max(0, lifetimeMs - renewBeforeMs) }
    return result.access_token
  }

  async #call(operation: 'token' | 'send', url: string, init: RequestInit): Promise<ApiResult> {
    const response = await this.#options.fetch(url, { ...init, signal: AbortSignal.timeout(this.#options.timeoutMs) })
    if (!response.ok) throw new CustomerServiceError(operation, -1, `HTTP ${response.status}`)
    try {
      return (await response.json()) as ApiResult
    } catch {
      throw new CustomerServiceError(operation, -1, 'response is not JSON')
    }
  }
}

type ApiResult = { errcode?: number; errmsg?: unknown; access_token?: unknown; expires_in?: unknown }
