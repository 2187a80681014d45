/** @module MessageHandler: what the bot replies to one WeChat message or event. */
import { inputLimits, type DocumentSummary } from '../../schema/api.js'
import type { WechatMessage } from '../../schema/wechat.js'
import { wechatCommands, wechatMessages } from '../messages.js'
import type { PolicyCatalog, QaService } from '../qa-service.js'
import { formatReply } from './format-reply.js'
import type { RateLimiter } from '../middleware/rate-limit/index.js'

/** Example questions the welcome shows. */
const WELCOME_EXAMPLES = 3

export type MessageHandlerOptions = {
  qa: QaService
  catalog: PolicyCatalog
  /** The conversation id of an OpenID (see conversationKey). */
  conversationKeyOf: (openId: string) => Promise<string>
  /** Limits questions per OpenID (the key is the OpenID); commands and events are not counted. */
  rateLimiter: RateLimiter
  /** The answer waiting for a user's 「继续」 (see ReplyWindow.takePending). */
  pending: { takePending(openId: string): Promise<string | undefined> | undefined }
  /** Absolute URL of the full answer for a citation; none when undefined. */
  linkOf: (citation: { docKey: string; path: string }) => string | undefined
  /** Largest reply in UTF-8 bytes. Default 1,800 (see formatReply). */
  maxReplyBytes: number
  /** Longest question in characters. Default the API's limit, 500. */
  questionMaxChars: number
  /** The welcome's example questions. Default: those in messages.ts that name a city on file. */
  exampleQuestions: readonly string[] | undefined
  /** Receives failures of the core (never the question text). */
  onError: (error: unknown) => void
}

export const defaultMessageHandlerOptions = {
  maxReplyBytes: 1800,
  questionMaxChars: inputLimits.questionMaxChars,
  exampleQuestions: undefined,
  onError: (error: unknown) => console.error('[wechat] answering failed:', error),
} satisfies Partial<MessageHandlerOptions>

type NeededOptions = 'qa' | 'catalog' | 'conversationKeyOf' | 'rateLimiter' | 'pending' | 'linkOf'

/**
 * Replies to one message: a text question goes to the chat core under the sender's conversation
 * (so follow-ups work with nothing but the OpenID); 帮助, 城市列表 and 继续 are commands; `subscribe`
 * gets a welcome; other events get no reply; other message types get a polite "text only".
 * The returned promise never rejects: a failure of the core becomes an apology.
 *
 * @example
 * ```ts
 * const handler = new MessageHandler({ qa, catalog, conversationKeyOf, rateLimiter, pending, linkOf })
 * const text = await handler.handle(message) // undefined → reply `success`
 * ```
 */
export class MessageHandler {
  readonly #options: MessageHandlerOptions

  constructor(options: Pick<MessageHandlerOptions, NeededOptions> & Partial<MessageHandlerOptions>) {
    this.#options = { ...defaultMessageHandlerOptions, ...options }
  }

  /** The reply text, or undefined for no reply. */
  async handle(message: WechatMessage): Promise<string | undefined> {
    try {
      if (message.MsgType === 'event') return this.#event(message)
      if (message.MsgType !== 'text') return wechatMessages.textOnly
      return await this.#text(message.FromUserName, message.Content ?? '')
    } catch (error) {
      this.#options.onError(error)
      return wechatMessages.failed
    }
  }

  #event(message: WechatMessage): string | undefined {
    if (message.Event === 'subscribe') return this.#fit(wechatMessages.welcome(this.#examples(), this.#cities()))
    return undefined
  }

  async #text(openId: string, content: string): Promise<string | undefined> {
    const text = content.trim()
    const command = text.replace(/[\s。.!！]+$/u, '').toLowerCase()
    if ((wechatCommands.help as readonly string[]).includes(command)) return this.#fit(wechatMessages.help(this.#cities()))
    if ((wechatCommands.cityList as readonly string[]).includes(command)) return this.#fit(wechatMessages.cityList(this.#titlesByCity()))
    if ((wechatCommands.continue as readonly string[]).includes(command)) {
      return (await this.#options.pending.takePending(openId)) ?? wechatMessages.continueNone
    }
    if (!text) return wechatMessages.emptyQuestion
    if ([...text].length > this.#options.questionMaxChars) return wechatMessages.questionTooLong(this.#options.questionMaxChars)
    if (!(await this.#options.rateLimiter.limit({ key: openId })).success) return wechatMessages.rateLimited

    const conversationId = await this.#options.conversationKeyOf(openId)
    const response = await this.#options.qa.chat({ question: text, conversationId }, { pinConversationId: true })
    const first = response.citations[0]
    return formatReply(response, { maxBytes: this.#options.maxReplyBytes, link: first ? this.#options.linkOf(first) : undefined })
  }

  #cities(): string[] {
    return [...new Set(this.#options.catalog.documents().map((d) => d.city))]
  }

  #titlesByCity(): { city: string; titles: string[] }[] {
    const byCity = new Map<string, string[]>()
    for (const doc of this.#options.catalog.documents()) {
      const titles = byCity.get(doc.city) ?? []
      titles.push(titleOf(doc))
      byCity.set(doc.city, titles)
    }
    return [...byCity].map(([city, titles]) => ({ city, titles }))
  }

  /** Examples that name a city on file (a question about another city would only be declined). */
  #examples(): readonly string[] {
    if (this.#options.exampleQuestions) return this.#options.exampleQuestions
    const cities = this.#cities()
    const names = cities.map((city) => city.replace(/(?:市|县|区)$/, ''))
    const chosen: string[] = wechatMessages.exampleQuestions.filter((q) => names.some((name) => q.includes(name)))
    for (const city of cities) if (chosen.length < WELCOME_EXAMPLES) chosen.push(wechatMessages.exampleFor(city))
    return chosen.slice(0, WELCOME_EXAMPLES)
  }

  /** A fixed text cut to the reply budget at a line or sentence end. */
  #fit(text: string): string {
    return formatReply({ answer: text, citations: [] }, { maxBytes: this.#options.maxReplyBytes })
  }
}

/** A document title as the city list shows it, in 《》 once. */
function titleOf(doc: DocumentSummary): string {
  return doc.title.includes('《') ? doc.title : `《${doc.title}》`
}
