/** @module ChatWidget: the launcher and chat panel inside an open shadow root. */
import type { Citation } from '../schema/api.js'
import { ChatError, fetchBreadcrumb, streamChat, type AnswerMeta, type ChatFailure } from './chat-client.js'
import { clauseOf, documentUrl, quotedTitle } from './citation-text.js'
import type { WidgetConfig } from './config.js'
import { readableTextOn } from './contrast.js'
import { append, h, icon, icons } from './dom.js'
import { splitFootnotes } from './footnotes.js'
import { widgetMessages as m } from './messages.js'
import { SessionStore, type KeyValueStorage, type TranscriptEntry } from './session-store.js'
import { PHONE_MAX_WIDTH_PX, widgetCss } from './styles.js'
import { validityBadges } from './validity-badge.js'

export type ChatWidgetDeps = {
  /** sessionStorage, or undefined where there is none; may throw. */
  storage: () => KeyValueStorage | undefined
  /** Default the global fetch. */
  fetch?: typeof fetch
}

/** Pixels from the bottom within which the log keeps following new text. */
const STICK_TO_BOTTOM_PX = 80
/** Space left above a finished answer scrolled to its start, px. */
const ANSWER_TOP_MARGIN_PX = 8
/** Separator of breadcrumb levels, as the server writes them. */
const CRUMB = ' › '
const FOCUSABLE = 'button, a[href], textarea, input, select, [tabindex]:not([tabindex="-1"])'

type AssistantAnswer = Extract<TranscriptEntry, { role: 'assistant' }>

/**
 * The widget: a launcher button and a non-modal chat panel (role=dialog) in an open shadow root,
 * so portal CSS cannot reach in and ours cannot leak out. Every text from the model or a document
 * is inserted as a text node.
 *
 * @example
 * ```ts
 * const widget = new ChatWidget(host, readWidgetConfig(script.dataset, script.src), { storage: () => sessionStorage })
 * widget.open()
 * ```
 */
export class ChatWidget {
  readonly #config: WidgetConfig
  readonly #store: SessionStore
  readonly #fetch: typeof fetch
  readonly #shadow: ShadowRoot
  readonly #root: HTMLDivElement
  readonly #launcher: HTMLButtonElement
  readonly #panel: HTMLElement
  readonly #fontToggle: HTMLButtonElement
  readonly #log: HTMLDivElement
  readonly #quote: HTMLElement
  readonly #input: HTMLTextAreaElement
  readonly #send: HTMLButtonElement
  readonly #stop: HTMLButtonElement
  readonly #status: HTMLDivElement
  readonly #phone: MediaQueryList | undefined
  #transcript: TranscriptEntry[]
  #abort: AbortController | undefined
  #answerSeq = 0
  #quoteOpener: HTMLElement | undefined
  #quoteToken = 0
  #logScroll = 0
  /** Whether the log is scrolled to (near) its end, so that new text should stay in view. */
  #pinned = true
  #bodyOverflow: string | undefined

  constructor(host: HTMLElement, config: WidgetConfig, deps: ChatWidgetDeps) {
    this.#config = config
    this.#store = new SessionStore(config.site, deps.storage)
    this.#fetch = deps.fetch ?? ((input, init) => fetch(input, init))
    this.#shadow = host.attachShadow({ mode: 'open' })
    adoptStyles(this.#shadow, config.api)
    this.#phone = typeof matchMedia === 'function' ? matchMedia(`(max-width: ${PHONE_MAX_WIDTH_PX}px)`) : undefined

    this.#launcher = h(
      'button',
      {
        class: 'launcher',
        attrs: { type: 'button', 'aria-controls': 'pqa-panel', 'aria-expanded': 'false', 'data-testid': 'pc-launcher' },
        on: { click: () => (this.#panel.hidden ? this.open() : this.close()) },
      },
      icon(icons.chat, 22),
      h('span', {}, m.launcher)
    )
    this.#fontToggle = h(
      'button',
      { attrs: { type: 'button', 'aria-pressed': 'false' }, on: { click: () => this.#setLargeFont(!this.#root.classList.contains('large')) } },
      m.largeFont
    )
    this.#log = h('div', {
      class: 'log',
      attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': m.logLabel, tabindex: 0 },
      on: { scroll: () => (this.#pinned = this.#distanceToEnd() < STICK_TO_BOTTOM_PX) },
    })
    this.#quote = h('section', {
      class: 'quote',
      attrs: { 'aria-labelledby': 'pqa-quote-title', 'data-testid': 'pc-quote', hidden: true },
    })
    this.#input = h('textarea', {
      attrs: { id: 'pqa-input', rows: 2, maxlength: 500, placeholder: m.inputPlaceholder, 'data-testid': 'pc-input', enterkeyhint: 'send' },
      on: { keydown: (e) => this.#onInputKey(e) },
    })
    this.#send = h(
      'button',
      { class: 'send', attrs: { type: 'submit', 'data-testid': 'pc-send' } },
      icon(icons.send, 18),
      h('span', {}, m.send)
    )
    this.#stop = h(
      'button',
      { class: 'stop', attrs: { type: 'button', hidden: true }, on: { click: () => this.#abort?.abort() } },
      icon(icons.stop, 18),
      h('span', {}, m.stop)
    )
    this.#panel = h(
      'section',
      {
        class: 'panel',
        attrs: { id: 'pqa-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'pqa-title', lang: 'zh-CN', hidden: true },
        on: { keydown: (e) => this.#onPanelKey(e) },
      },
      h(
        'div',
        { class: 'header' },
        h('h2', { class: 'title', attrs: { id: 'pqa-title' } }, config.title),
        this.#fontToggle,
        h('button', { attrs: { type: 'button', 'aria-label': m.newChatLabel }, on: { click: () => this.newChat() } }, m.newChat),
        h(
          'button',
          { attrs: { type: 'button', 'aria-label': m.closeLabel }, on: { click: () => this.close() } },
          icon(icons.close, 18),
          h('span', { attrs: { 'aria-hidden': 'true' } }, m.close)
        )
      ),
      h('div', { class: 'main' }, this.#log, this.#quote),
      h(
        'form',
        {
          class: 'composer',
          on: {
            submit: (e) => {
              e.preventDefault()
              this.#submitInput()
            },
          },
        },
        h('label', { class: 'sr-only', attrs: { for: 'pqa-input' } }, m.inputLabel),
        this.#input,
        this.#send,
        this.#stop
      ),
      h('p', { class: 'disclaimer' }, m.disclaimer)
    )
    this.#status = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite' } })
    this.#root = h(
      'div',
      { class: `root ${config.position === 'left' ? 'left' : 'right'}`, attrs: { lang: 'zh-CN' } },
      this.#launcher,
      this.#panel,
      this.#status
    )
    // CSSOM, not style attributes: allowed under a CSP without 'unsafe-inline'.
    this.#root.style.setProperty('--pqa-accent', config.themeColor)
    this.#root.style.setProperty('--pqa-on-accent', readableTextOn(config.themeColor))
    this.#root.style.setProperty('--pqa-bottom', `${config.offsetBottom}px`)
    this.#shadow.appendChild(this.#root)

    this.#setLargeFont(this.#store.largeFont || config.fontSize === 'large', false)
    this.#transcript = this.#store.transcript
    this.#renderLog()
    if (typeof visualViewport !== 'undefined' && visualViewport) {
      visualViewport.addEventListener('resize', () => this.#fitToViewport())
    }
  }

  /** Opens the panel and puts the focus in the question box. */
  open() {
    if (!this.#panel.hidden) return
    this.#panel.hidden = false
    this.#root.classList.add('open')
    this.#launcher.setAttribute('aria-expanded', 'true')
    if (this.#phone?.matches) {
      this.#bodyOverflow = document.body.style.overflow
      document.body.style.overflow = 'hidden'
    }
    this.#fitToViewport()
    this.#scrollToEnd()
    this.#input.focus()
  }

  /** Closes the panel (an answer being written goes on) and returns the focus to the launcher. */
  close() {
    if (this.#panel.hidden) return
    this.#closeQuote(false)
    this.#panel.hidden = true
    this.#root.classList.remove('open')
    this.#launcher.setAttribute('aria-expanded', 'false')
    if (this.#bodyOverflow !== undefined) {
      document.body.style.overflow = this.#bodyOverflow
      this.#bodyOverflow = undefined
    }
    this.#launcher.focus()
  }

  /** Opens the panel and asks `question`; a question still being answered is stopped first. */
  ask(question: string) {
    this.open()
    void this.#ask(question)
  }

  /** 新对话: stops any answer, forgets the conversation id and transcript, shows the welcome. */
  newChat() {
    this.#abort?.abort()
    this.#abort = undefined
    this.#setStreaming(false)
    this.#store.clear()
    this.#transcript = []
    this.#closeQuote(false)
    this.#renderLog()
    this.#announce(m.newChat)
    this.#input.focus()
  }

  async #ask(rawQuestion: string) {
    const question = rawQuestion.trim()
    if (!question) {
      this.#input.focus()
      return
    }
    this.#abort?.abort()
    this.#closeQuote(false)
    const abort = new AbortController()
    this.#abort = abort
    const userEntry: TranscriptEntry = { role: 'user', text: question }
    const userArticle = this.#renderUser(question)
    const answerId = `a${++this.#answerSeq}`
    const article = h('article', {
      class: 'msg bot',
      attrs: { 'data-testid': 'pc-answer', 'aria-busy': 'true', 'data-state': 'streaming', id: `pqa-${answerId}` },
    })
    const content = h('div', { class: 'content' }, h('p', { class: 'pending' }, m.thinking))
    append(article, [h('span', { class: 'sr-only' }, m.assistant), content])
    this.#log.appendChild(article)
    this.#scrollToEnd()
    this.#setStreaming(true)
    this.#announce(m.thinking)

    let text = ''
    let meta: AnswerMeta | undefined
    const live = new StreamingText()
    try {
      await streamChat({
        api: this.#config.api,
        body: {
          question,
          ...(this.#store.conversationId ? { conversationId: this.#store.conversationId } : {}),
          ...(this.#config.city ? { city: this.#config.city } : {}),
        },
        signal: abort.signal,
        fetch: this.#fetch,
        onDelta: (delta) => {
          if (!text) content.replaceChildren(live.element)
          text += delta
          live.append(delta, () => this.#followEnd())
        },
        onReplace: (replacement) => {
          if (!text) content.replaceChildren(live.element)
          text = replacement
          live.replace(replacement, () => this.#followEnd())
        },
        onMeta: (received) => {
          meta = received
          this.#store.conversationId = received.conversationId
        },
      })
      if (!meta) throw new ChatError('server', undefined, text.length > 0)
      live.flush()
      const answer: AssistantAnswer = { role: 'assistant', text, citations: meta.citations, abstained: meta.abstained }
      this.#renderAnswer(content, answer, answerId)
      this.#showStart(article)
      this.#transcript = [...this.#transcript, userEntry, answer]
      this.#store.transcript = this.#transcript
      article.setAttribute('data-state', 'done')
      this.#announce(meta.abstained ? m.abstained : m.answered(meta.citations.length))
    } catch (err) {
      live.flush()
      const kind: ChatFailure = err instanceof ChatError ? err.kind : 'server'
      const serverMessage = err instanceof ChatError ? err.serverMessage : undefined
      if (!text) content.replaceChildren()
      article.setAttribute('data-state', kind === 'aborted' ? 'stopped' : 'error')
      // A newer question replaced this one: leave no error box behind it.
      if (this.#abort !== abort && kind === 'aborted') {
        article.remove()
        userArticle.remove()
      } else {
        this.#renderFailure(article, { kind, serverMessage, partial: text.length > 0 }, question, [userArticle, article])
      }
    } finally {
      article.setAttribute('aria-busy', 'false')
      if (this.#abort === abort) {
        this.#abort = undefined
        this.#setStreaming(false)
      }
      if (article.getAttribute('data-state') !== 'done') this.#followEnd()
    }
  }

  #renderFailure(
    article: HTMLElement,
    failure: { kind: ChatFailure; serverMessage: string | undefined; partial: boolean },
    question: string,
    remove: HTMLElement[]
  ) {
    const { kind, serverMessage, partial } = failure
    if (kind === 'aborted') {
      const note = h('p', { class: 'note' }, m.stopped)
      append(article, [note, this.#retryButton(question, remove)])
      this.#announce(m.stopped)
      return
    }
    const message = errorMessage(kind, serverMessage, partial)
    if (kind === 'bad_request') {
      this.#input.value = question
    }
    const box = h('div', { class: 'error', attrs: { role: 'alert' } }, h('p', {}, message), this.#retryButton(question, remove, kind === 'bad_request'))
    article.appendChild(box)
  }

  #retryButton(question: string, remove: HTMLElement[], fromInput = false) {
    return h(
      'button',
      {
        class: 'retry',
        attrs: { type: 'button' },
        on: {
          click: () => {
            const next = fromInput ? this.#input.value : question
            for (const el of remove) el.remove()
            if (fromInput) this.#input.value = ''
            this.#input.focus()
            void this.#ask(next || question)
          },
        },
      },
      m.retry
    )
  }

  #submitInput() {
    if (this.#abort) return
    const question = this.#input.value
    if (!question.trim()) {
      this.#input.focus()
      return
    }
    this.#input.value = ''
    void this.#ask(question)
  }

  #onInputKey(e: KeyboardEvent) {
    if (e.key !== 'Enter' || e.shiftKey) return
    // Enter that picks a pinyin candidate must not send a half-typed question.
    if (e.isComposing || e.keyCode === 229) return
    e.preventDefault()
    this.#submitInput()
  }

  #onPanelKey(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault()
      if (!this.#quote.hidden) this.#closeQuote(true)
      else this.close()
      return
    }
    if (e.key !== 'Tab') return
    // Focus trap: Tab and Shift+Tab cycle through the panel while it is open.
    const items = [...this.#panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0
    )
    if (items.length === 0) return
    const first = items[0]
    const last = items[items.length - 1]
    const active = this.#shadow.activeElement
    if (e.shiftKey && (active === first || !this.#panel.contains(active))) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (active === last || !this.#panel.contains(active))) {
      e.preventDefault()
      first.focus()
    }
  }

  #setStreaming(streaming: boolean) {
    const hadFocus = this.#shadow.activeElement
    this.#send.hidden = streaming
    this.#stop.hidden = !streaming
    if (hadFocus === this.#send && streaming) this.#stop.focus()
    else if (hadFocus === this.#stop && !streaming) this.#input.focus()
  }

  #setLargeFont(large: boolean, remember = true) {
    this.#root.classList.toggle('large', large)
    this.#fontToggle.setAttribute('aria-pressed', String(large))
    if (remember) this.#store.largeFont = large
  }

  #renderLog() {
    this.#log.replaceChildren(this.#renderWelcome())
    for (const entry of this.#transcript) {
      if (entry.role === 'user') {
        this.#renderUser(entry.text)
      } else {
        const answerId = `a${++this.#answerSeq}`
        const content = h('div', { class: 'content' })
        this.#log.appendChild(
          h(
            'article',
            { class: 'msg bot', attrs: { 'data-testid': 'pc-answer', 'data-state': 'done', id: `pqa-${answerId}` } },
            h('span', { class: 'sr-only' }, m.assistant),
            content
          )
        )
        this.#renderAnswer(content, entry, answerId)
      }
    }
  }

  #renderWelcome() {
    return h(
      'article',
      { class: 'msg welcome' },
      h('span', { class: 'sr-only' }, m.assistant),
      h('p', {}, m.welcome(this.#config.title)),
      h('p', { class: 'examples-heading', attrs: { id: 'pqa-examples' } }, m.examplesHeading),
      h(
        'ul',
        { class: 'examples', attrs: { 'aria-labelledby': 'pqa-examples' } },
        ...this.#config.examples.map((q) =>
          h('li', {}, h('button', { class: 'chip', attrs: { type: 'button' }, on: { click: () => void this.#ask(q) } }, q))
        )
      )
    )
  }

  #renderUser(text: string) {
    const article = h('article', { class: 'msg user' }, h('span', { class: 'sr-only' }, m.you), text)
    this.#log.appendChild(article)
    return article
  }

  /** The finished answer: paragraphs with footnote buttons, then the 来源 list. */
  #renderAnswer(content: HTMLElement, answer: AssistantAnswer, answerId: string) {
    const { citations } = answer
    const paragraphs = answer.text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const p = h('p')
        for (const segment of splitFootnotes(line, citations.length)) {
          if (segment.type === 'text') {
            p.appendChild(document.createTextNode(segment.text))
            continue
          }
          const citation = citations[segment.n - 1]
          const button = h(
            'button',
            {
              class: 'fn',
              attrs: { type: 'button', 'data-testid': 'pc-citation', 'aria-label': m.citationLabel(segment.n, citation.label) },
              on: { click: () => this.#openQuote(citation, button) },
            },
            `[${segment.n}]`
          )
          p.appendChild(h('sup', {}, button))
        }
        return p
      })
    content.replaceChildren(...paragraphs)
    if (citations.length > 0) content.appendChild(this.#renderSources(citations, answerId))
  }

  #renderSources(citations: Citation[], answerId: string) {
    const headingId = `pqa-${answerId}-sources`
    return h(
      'section',
      { class: 'sources', attrs: { 'aria-labelledby': headingId } },
      h('h3', { attrs: { id: headingId } }, m.sources),
      h(
        'ol',
        {},
        ...citations.map((citation, i) => {
          const badges = validityBadges(citation)
          const button = h(
            'button',
            {
              class: 'source',
              attrs: { type: 'button', 'data-testid': 'pc-citation' },
              on: { click: () => this.#openQuote(citation, button) },
            },
            h('span', { class: 'num' }, `[${i + 1}]`),
            h('span', { class: 'doc' }, `${citation.city} ${quotedTitle(citation.docTitle)}`),
            h('span', { class: 'where' }, clauseOf(citation), renderBadges(badges)),
            h('span', { class: 'sr-only' }, m.viewSource)
          )
          return h('li', {}, button)
        })
      )
    )
  }

  /** The clause viewer: the quote, where it sits in its document, validity, link to the full text. */
  #openQuote(citation: Citation, opener: HTMLElement) {
    if (this.#quote.hidden) this.#logScroll = this.#log.scrollTop
    this.#quoteOpener = opener
    const token = ++this.#quoteToken
    const crumbs = h('p', { class: 'crumbs' }, [citation.city, quotedTitle(citation.docTitle)].join(CRUMB))
    const heading = h('h3', { attrs: { id: 'pqa-quote-title', tabindex: -1 } }, m.quoteHeading)
    this.#quote.replaceChildren(
      heading,
      crumbs,
      h('p', { class: 'quote-label' }, citation.label, renderBadges(validityBadges(citation))),
      h('blockquote', {}, citation.quote),
      h('p', { class: 'validity' }, m.quoteValidity, citation.validity),
      h(
        'div',
        { class: 'quote-actions' },
        h(
          'a',
          { class: 'full', attrs: { href: documentUrl(this.#config.api, citation), target: '_blank', rel: 'noopener' } },
          m.quoteFullText,
          h('span', { class: 'sr-only' }, m.newWindow)
        ),
        h('button', { class: 'back', attrs: { type: 'button' }, on: { click: () => this.#closeQuote(true) } }, m.quoteBack)
      )
    )
    this.#log.hidden = true
    this.#quote.hidden = false
    this.#quote.scrollTop = 0
    heading.focus()
    void fetchBreadcrumb(this.#config.api, citation, this.#fetch).then((breadcrumb) => {
      if (!breadcrumb || token !== this.#quoteToken) return
      crumbs.textContent = [citation.city, quotedTitle(citation.docTitle), breadcrumb].join(CRUMB)
    })
  }

  #closeQuote(restoreFocus: boolean) {
    if (this.#quote.hidden) return
    this.#quoteToken++
    this.#quote.hidden = true
    this.#quote.replaceChildren()
    this.#log.hidden = false
    this.#log.scrollTop = this.#logScroll
    const opener = this.#quoteOpener
    this.#quoteOpener = undefined
    if (restoreFocus) (opener?.isConnected ? opener : this.#input).focus()
  }

  #announce(text: string) {
    // Clear first so that the same sentence twice is read twice.
    this.#status.textContent = ''
    setTimeout(() => (this.#status.textContent = text), 50)
  }

  #scrollToEnd() {
    this.#log.scrollTop = this.#log.scrollHeight
    this.#pinned = true
  }

  /** Scrolls a finished answer's first line into view (not the page: only the log scrolls). */
  #showStart(article: HTMLElement) {
    const top = article.offsetTop - ANSWER_TOP_MARGIN_PX
    if (this.#log.scrollTop > top || article.offsetHeight > this.#log.clientHeight) this.#log.scrollTop = top
    else this.#followEnd()
  }

  /** Keeps the newest text in view unless the user scrolled up to read. */
  #followEnd() {
    if (this.#pinned) this.#scrollToEnd()
  }

  #distanceToEnd() {
    return this.#log.scrollHeight - this.#log.scrollTop - this.#log.clientHeight
  }

  /** On phones the full-screen panel follows the visual viewport, so the keyboard does not hide the input. */
  #fitToViewport() {
    const viewport = typeof visualViewport !== 'undefined' ? visualViewport : null
    if (this.#phone?.matches && viewport && !this.#panel.hidden) {
      this.#panel.style.height = `${viewport.height}px`
    } else {
      this.#panel.style.removeProperty('height')
    }
  }
}

/**
 * Answer text as it streams: one text node, written at most once per animation frame so that a
 * fast stream does not re-layout the page for every sentence.
 */
class StreamingText {
  readonly element = h('p', { class: 'live' })
  readonly #node = document.createTextNode('')
  #pending = ''
  #frame = 0
  #after: (() => void) | undefined

  constructor() {
    this.element.appendChild(this.#node)
  }

  append(text: string, after: () => void) {
    this.#pending += text
    this.#after = after
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.flush())
  }

  /** Discards the text so far (written or pending) and shows `text` instead. */
  replace(text: string, after: () => void) {
    if (this.#frame) cancelAnimationFrame(this.#frame)
    this.#frame = 0
    this.#pending = ''
    this.#node.data = text
    after()
  }

  flush() {
    if (this.#frame) cancelAnimationFrame(this.#frame)
    this.#frame = 0
    if (!this.#pending) return
    this.#node.appendData(this.#pending)
    this.#pending = ''
    this.#after?.()
  }
}

function renderBadges(badges: ReturnType<typeof validityBadges>) {
  return h('span', { class: 'badges' }, ...badges.map((b) => h('span', { class: `badge ${b.tone}` }, b.text)))
}

function errorMessage(kind: ChatFailure, serverMessage: string | undefined, partial: boolean): string {
  switch (kind) {
    case 'network':
      return partial ? m.errors.interrupted : m.errors.network
    case 'rate_limited':
      return m.errors.rateLimited
    case 'bad_request':
      return m.errors.badRequest((serverMessage ?? m.errors.badRequestFallback).replace(/[。.]+$/, ''))
    default:
      return m.errors.server
  }
}

/**
 * Constructable stylesheet where supported (no CSP `style-src` check applies); otherwise a <link>
 * to `${api}/widget.css`, which needs our origin in the portal's `style-src`.
 */
function adoptStyles(shadow: ShadowRoot, api: string) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(widgetCss)
    shadow.adoptedStyleSheets = [sheet]
    return
  }
  shadow.appendChild(h('link', { attrs: { rel: 'stylesheet', href: `${api}/widget.css` } }))
}
