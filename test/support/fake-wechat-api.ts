/** @module A fake WeChat API on 127.0.0.1: /cgi-bin/token and /cgi-bin/message/custom/send, recording every call. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type SentMessage = { touser: string; msgtype: string; text: { content: string } }

/**
 * Speaks the real protocol: tokens are `TOKEN-1`, `TOKEN-2`… (7,200 s), a send with a revoked or
 * unknown token gets errcode 40001, a wrong AppSecret gets 40125 from /cgi-bin/token.
 */
export class FakeWechatApi {
  readonly tokenRequests: URLSearchParams[] = []
  readonly sends: { accessToken: string; message: SentMessage }[] = []
  readonly #valid = new Set<string>()
  #issued = 0
  #server: Server | undefined
  base = ''

  constructor(readonly credentials: { appId: string; appSecret: string }) {}

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const reply = (body: object) => {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        this.tokenRequests.push(url.searchParams)
        const ok =
          url.searchParams.get('grant_type') === 'client_credential' &&
          url.searchParams.get('appid') === this.credentials.appId &&
          url.searchParams.get('secret') === this.credentials.appSecret
        if (!ok) return reply({ errcode: 40125, errmsg: 'invalid appsecret' })
        this.#issued += 1
        const token = `TOKEN-${this.#issued}`
        this.#valid.add(token)
        return reply({ access_token: token, expires_in: 7200 })
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
        let raw = ''
        req.setEncoding('utf8')
        req.on('data', (chunk: string) => (raw += chunk))
        req.on('end', () => {
          const accessToken = url.searchParams.get('access_token') ?? ''
          if (!this.#valid.has(accessToken)) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
          this.sends.push({ accessToken, message: JSON.parse(raw) as SentMessage })
          reply({ errcode: 0, errmsg: 'ok' })
        })
        return
      }
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  /** Makes every token issued so far invalid, as when the token was renewed elsewhere. */
  revokeTokens(): void {
    this.#valid.clear()
  }

  /** Resolves once `count` messages have been sent, or throws after `timeoutMs`. */
  async waitForSends(count: number, timeoutMs = 10_000): Promise<SentMessage[]> {
    const start = Date.now()
    while (this.sends.length < count) {
      if (Date.now() - start > timeoutMs) throw new Error(`expected ${count} customer-service messages, got ${this.sends.length}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return this.sends.map((s) => s.message)
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }
}
