/** @module ReplyWindow: one answer per message across WeChat's retries, inside its 5-second window. */
import { wechatMessages } from '../messages.js'

/**
 * Keeps the runtime working on `work` after the response is sent: Workers' `ctx.waitUntil`, without
 * which an isolate may stop once the response is out. Node runs it anyway and needs none.
 */
export type KeepAlive = (work: Promise<unknown>) => void

/** Sends a text outside the passive reply (WeChat's customer-service API). */
export interface TextSender {
  sendText(openId: string, content: string): Promise<void>
}

export type ReplyWindowOptions = {
  /**
   * How long one delivery waits for its answer before giving up on a passive reply, in ms. WeChat
   * drops the request after 5 s; default 4,000 leaves time for encryption and the network.
   */
  deadlineMs: number
  /**
   * Delivers answers that miss the deadline (the customer-service API). Without one, the deliveries
   * WeChat retries are held open so a late answer still goes out passively on a retry, and the last
   * expected one tells the user to send 「继续」.
   */
  sender: TextSender | undefined
  /** Deliveries WeChat makes of one message (the first and its retries). Default 3. */
  expectedDeliveries: number
  /** Without a sender, how long a delivery before the last stays open, in ms. Default 5,500 (past WeChat's 5 s). */
  holdMs: number
  /** How long a message's answer is kept for its retries, in ms. Default 2 minutes. */
  ttlMs: number
  /** How long an answer waits for 「继续」, in ms. Default 30 minutes. */
  pendingTtlMs: number
  /** Messages remembered at once; the oldest go first. Default 10,000. */
  maxEntries: number
  /** Receives failures of the sender (never the message text). */
  onError: (error: unknown) => void
  /** Now, in ms. */
  now: () => number
}

export const defaultReplyWindowOptions: ReplyWindowOptions = {
  deadlineMs: 4000,
  sender: undefined,
  expectedDeliveries: 3,
  holdMs: 5500,
  ttlMs: 2 * 60 * 1000,
  pendingTtlMs: 30 * 60 * 1000,
  maxEntries: 10_000,
  onError: (error) => console.error('[wechat] customer-service send failed:', error),
  now: () => Date.now(),
}

/** A message being answered: every delivery of it shares `reply`. */
type Entry = {
  /** The reply text; undefined means "no reply" (`success`). Never rejects. */
  reply: Promise<string | undefined>
  deliveries: number
  /** Set once the answer goes another way (the API, or 「继续」): later deliveries answer `success`. */
  handedOff: boolean
  expiresAt: number
}

/**
 * Dedupes WeChat's deliveries by message key and decides, per delivery, what the HTTP response is:
 * the passive reply when the answer is ready within the deadline, else `success` (undefined) with
 * the answer handed to the sender exactly once. A retry of an answered message gets the same reply;
 * the answer is computed once.
 *
 * @example
 * ```ts
 * const window = new ReplyWindow({ sender: new CustomerService({ appId, appSecret }) })
 * const text = await window.deliver(`msg:${m.MsgId}`, m.FromUserName, () => handler.handle(m))
 * ```
 */
export class ReplyWindow {
  readonly #options: ReplyWindowOptions
  readonly #entries = new Map<string, Entry>()
  readonly #pending = new Map<string, { reply: Promise<string | undefined>; expiresAt: number }>()

  constructor(options: Partial<ReplyWindowOptions> = {}) {
    this.#options = { ...defaultReplyWindowOptions, ...options }
    const { deadlineMs, holdMs } = this.#options
    if (!(deadlineMs > 0 && deadlineMs < 5000)) throw new Error(`ReplyWindow: deadlineMs must be within (0, 5000), WeChat's window; got ${deadlineMs}`)
    if (!(holdMs >= deadlineMs)) throw new Error(`ReplyWindow: holdMs (${holdMs}) must be at least deadlineMs (${deadlineMs})`)
  }

  /**
   * The text to reply passively to this delivery, or undefined for `success`. `answer` runs only for
   * the first delivery of `key` and must not reject; it, and the sending of an answer that missed
   * the deadline, are handed to `keepAlive`, since they outlive this delivery's response.
   */
  async deliver(key: string, openId: string, answer: () => Promise<string | undefined>, keepAlive: KeepAlive = () => {}): Promise<string | undefined> {
    const { deadlineMs, sender, expectedDeliveries, holdMs, pendingTtlMs, now } = this.#options
    const entry = this.#entry(key, answer, keepAlive)
    entry.deliveries += 1
    if (entry.handedOff) return undefined
    const ready = await settleWithin(entry.reply, deadlineMs)
    if (ready.done) return entry.handedOff ? undefined : ready.value
    if (entry.handedOff) return undefined
    if (sender) {
      entry.handedOff = true
      keepAlive(
        entry.reply
          .then((text) => (text === undefined ? undefined : sender.sendText(openId, text)))
          .catch(this.#options.onError)
      )
      return undefined
    }
    if (entry.deliveries < expectedDeliveries) {
      // Let WeChat retry: answer late on this connection if the answer comes, else on the next delivery.
      const held = await settleWithin(entry.reply, holdMs - deadlineMs)
      return held.done && !entry.handedOff ? held.value : undefined
    }
    entry.handedOff = true
    this.#pending.delete(openId)
    this.#pending.set(openId, { reply: entry.reply, expiresAt: now() + pendingTtlMs })
    this.#trim(this.#pending)
    return wechatMessages.stillWorking
  }

  /** The answer waiting for this user's 「继续」, taken once; undefined when there is none. */
  takePending(openId: string): Promise<string | undefined> | undefined {
    const pending = this.#pending.get(openId)
    this.#pending.delete(openId)
    return pending && pending.expiresAt > this.#options.now() ? pending.reply : undefined
  }

  #entry(key: string, answer: () => Promise<string | undefined>, keepAlive: KeepAlive): Entry {
    const existing = this.#entries.get(key)
    if (existing && existing.expiresAt > this.#options.now()) return existing
    const entry: Entry = { reply: answer(), deliveries: 0, handedOff: false, expiresAt: this.#options.now() + this.#options.ttlMs }
    // Retries of this message wait for the same answer, possibly after this delivery was answered.
    keepAlive(entry.reply)
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    this.#trim(this.#entries)
    return entry
  }

  /** Drops expired entries from the oldest end, and the oldest beyond `maxEntries`. */
  #trim(map: Map<string, { expiresAt: number }>): void {
    const at = this.#options.now()
    for (const [key, value] of map) {
      if (value.expiresAt > at && map.size <= this.#options.maxEntries) break
      map.delete(key)
    }
  }
}

/** Whether `promise` settled within `ms`, and its value if so. */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms)
  })
  try {
    return await Promise.race([promise.then((value) => ({ done: true as const, value })), timeout])
  } finally {
    clearTimeout(timer)
  }
}
