/**
 * @module The chat widget in real Chromium (playwright-core, Debian's /usr/bin/chromium) against the
 * real server on 127.0.0.1 over the seed index. Screenshots go to $WIDGET_SCREENSHOT_DIR (default
 * /tmp/policy-qa-widget).
 */
import { serve, type ServerType } from '@hono/node-server'
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { widgetBundle } from '../../src/adapters/widget-bundle/index.js'
import { createApp } from '../../src/server/app.js'
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js'
import { createSeedApp } from '../support/seed-app.js'

const SCREENSHOTS = process.env.WIDGET_SCREENSHOT_DIR ?? join(tmpdir(), 'policy-qa-widget')
/** How long to wait for something to show up in the page (an answer takes about a second). */
const POLL = { timeout: 20_000, interval: 50 }
/** Delay between SSE chunks, so that the answer visibly streams sentence by sentence. */
const CHUNK_DELAY_MS = 150
const EXAMPLE_DRAFT = '连云港对招用高校毕业生的企业有什么补贴？'
const EXAMPLE_RATE = '常州市城镇调查失业率要控制在多少？'
const FOLLOW_UP = '那宜春呢？'
const CONVERSATION_KEY = 'pqa:v1:demo:conversationId'
const BADGES = /现行|已到期|征求意见稿|效力待确认/
/** A portal stylesheet at its worst: rules that would wreck any widget not isolated by Shadow DOM. */
const HOSTILE_CSS = `
* { color: rgb(0, 255, 0) !important; font-size: 40px !important; font-family: serif !important;
    line-height: 5 !important; letter-spacing: 1em !important; }
button, textarea { display: none !important; }
div, section, article, p, ol, li { display: none !important; background: lime !important; }
`

const hasChromium = existsSync(CHROMIUM)
const skipReason = `skipped: ${CHROMIUM} not installed (apt-get install -y chromium fonts-wqy-zenhei)`
if (!hasChromium) console.warn(`test/e2e/widget.test.ts ${skipReason}`)

let server: ServerType
let base: string
let browser: Browser

/** The real app's fetch, with each SSE chunk held back a little, like a slow county network. */
function slowStreams(fetch: (request: Request) => Response | Promise<Response>) {
  return async (request: Request) => {
    const res = await fetch(request)
    if (!res.body || !res.headers.get('Content-Type')?.startsWith('text/event-stream')) return res
    const delayed = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS))
          controller.enqueue(chunk)
        },
      })
    )
    return new Response(delayed, { status: res.status, headers: res.headers })
  }
}

beforeAll(async () => {
  if (!hasChromium) return
  const { qa, catalog } = await createSeedApp()
  const app = createApp({ qa, catalog, widgetAssets: widgetBundle(), log: () => {} })
  await new Promise<void>((resolve) => {
    server = serve({ fetch: slowStreams(app.fetch), hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`
      resolve()
    })
  })
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  await mkdir(SCREENSHOTS, { recursive: true })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

/** Problems a page reported: uncaught errors, console errors and CSP violations. */
type PageProblems = { errors: string[]; csp: string[] }

async function newContext(options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 }, ...options })
  // Init scripts run through DevTools, not as page script, so the page's CSP does not block them.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return context
}

async function openPortal(context: BrowserContext): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage()
  const problems: PageProblems = { errors: [], csp: [] }
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`)
  })
  await page.goto(`${base}/`)
  await page.getByRole('button', { name: '政策咨询' }).waitFor()
  return { page, problems }
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)
}

/** The bodies the page POSTed to /api/chat/stream, in order. */
function chatRequests(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/chat/stream')) bodies.push(request.postDataJSON())
  })
  return bodies
}

function answers(page: Page) {
  return page.getByTestId('pc-answer')
}

async function waitForAnswers(page: Page, count: number) {
  const settled = () =>
    answers(page).evaluateAll((els) => els.filter((e) => e.getAttribute('data-state') !== 'streaming').length)
  await expect.poll(settled, POLL).toBe(count)
}

/** The element focused inside the widget's shadow root (document.activeElement is the host). */
function focusedInWidget(page: Page) {
  return page.evaluate(() => {
    const active = document.querySelector('#pqa-host')?.shadowRoot?.activeElement
    return active ? { tag: active.tagName.toLowerCase(), testid: active.getAttribute('data-testid'), text: active.textContent ?? '' } : null
  })
}

describe.skipIf(!hasChromium)(`chat widget in Chromium${hasChromium ? '' : ` (${skipReason})`}`, () => {
  it('boots from one script tag on a page with a strict CSP, without errors', async () => {
    const context = await newContext()
    const { page, problems } = await openPortal(context)
    const res = await page.request.get(`${base}/`)
    const csp = res.headers()['content-security-policy'] ?? ''
    expect(csp).toMatch(/script-src 'self'/)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(await page.locator('script').count()).toBe(1)
    const launcher = page.getByRole('button', { name: '政策咨询' })
    await expect.poll(() => launcher.getAttribute('aria-expanded'), POLL).toBe('false')
    // The launcher is big enough to hit, the panel stays closed until asked (适老化: no pop-ups).
    const box = await launcher.boundingBox()
    expect(box!.height).toBeGreaterThanOrEqual(44)
    expect(await page.getByRole('dialog').count()).toBe(0)
    // A portal menu item with data-pqa-open opens it.
    await page.getByRole('link', { name: '智能问答' }).click()
    await expect.poll(() => page.getByRole('dialog', { name: '人社政策智能咨询' }).isVisible(), POLL).toBe(true)
    expect(problems.errors).toEqual([])
    expect(await cspViolations(page)).toEqual([])
    await context.close()
  })

  it('streams an answer with footnotes, 来源 with badges, and opens the quoted clause', async () => {
    const context = await newContext()
    const { page, problems } = await openPortal(context)
    await page.getByTestId('pc-launcher').click()
    await expect.poll(() => focusedInWidget(page), POLL).toMatchObject({ testid: 'pc-input' })
    // Record the answer's length each time the shadow DOM changes, to see it grow while streaming.
    await page.evaluate(() => {
      const root = document.querySelector('#pqa-host')!.shadowRoot!
      const w = window as unknown as { __lengths: [string | null, number][] }
      w.__lengths = []
      new MutationObserver(() => {
        const answer = [...root.querySelectorAll('[data-testid=pc-answer]')].pop()
        if (answer) w.__lengths.push([answer.getAttribute('data-state'), answer.querySelector('.live')?.textContent?.length ?? 0])
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
    })
    await page.getByRole('button', { name: EXAMPLE_DRAFT }).click()
    // While streaming, the stop button replaces 发送.
    await expect.poll(() => page.getByRole('button', { name: '停止回答' }).isVisible(), POLL).toBe(true)
    await waitForAnswers(page, 1)
    const lengths = await page.evaluate(() => (window as unknown as { __lengths: [string | null, number][] }).__lengths)
    const streamed = new Set(lengths.filter(([state, n]) => state === 'streaming' && n > 0).map(([, n]) => n))
    expect(streamed.size, 'distinct answer lengths seen before done').toBeGreaterThanOrEqual(2)

    const answer = answers(page).first()
    expect(await answer.getAttribute('data-state')).toBe('done')
    expect(await answer.innerText()).toContain('连云港')
    const footnotes = answer.locator('sup [data-testid=pc-citation]')
    expect(await footnotes.count()).toBeGreaterThan(0)
    expect(await footnotes.first().innerText()).toBe('[1]')
    expect(await footnotes.first().getAttribute('aria-label')).toMatch(/^引用1：连云港市《/)
    const sources = answer.locator('.sources [data-testid=pc-citation]')
    expect(await answer.locator('.sources h3').innerText()).toBe('来源')
    expect(await sources.count()).toBeGreaterThan(0)
    const source = await sources.first().innerText()
    expect(source).toContain('连云港市')
    expect(source).toContain('关于进一步稳定和扩大就业的若干措施')
    expect(source).toMatch(BADGES)
    // The seed's 连云港 document is a draft for comment: said in words, not colour alone.
    expect(source).toContain('征求意见稿')

    // Keyboard: the footnote opens the clause viewer with focus on its heading, Esc goes back.
    await footnotes.first().focus()
    await page.keyboard.press('Enter')
    const quote = page.getByTestId('pc-quote')
    await expect.poll(() => quote.isVisible(), POLL).toBe(true)
    await expect.poll(() => focusedInWidget(page), POLL).toMatchObject({ tag: 'h3', text: '条款原文' })
    const quoteText = await quote.innerText()
    expect(quoteText).toContain('扩大社保补贴范围')
    expect(quoteText).toContain('连云港市《关于进一步稳定和扩大就业的若干措施（征求意见稿）》一3')
    // The breadcrumb from /api/clause arrives after the quote is shown.
    await expect.poll(() => quote.locator('.crumbs').innerText(), POLL).toContain('一、')
    const link = quote.getByRole('link', { name: /查看文件全文/ })
    const href = await link.getAttribute('href')
    expect(href).toBe(`${base}/doc/lianyungang#${encodeURI('一/3')}`)
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-quote.png') })
    await page.keyboard.press('Escape')
    await expect.poll(() => quote.isVisible(), POLL).toBe(false)
    await expect.poll(() => focusedInWidget(page), POLL).toMatchObject({ testid: 'pc-citation', text: '[1]' })

    // A source item opens the same viewer.
    await sources.first().click()
    await expect.poll(() => quote.isVisible(), POLL).toBe(true)
    await quote.getByRole('button', { name: '返回回答' }).click()
    await expect.poll(() => quote.isVisible(), POLL).toBe(false)
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop.png') })
    expect(problems.errors).toEqual([])
    expect(await cspViolations(page)).toEqual([])

    // The full-document view highlights the cited clause through the fragment alone.
    const doc = await context.newPage()
    const docRes = await doc.goto(href!)
    expect(docRes!.headers()['content-security-policy']).toMatch(/script-src 'none'/)
    const target = await doc.evaluate(() => {
      const el = document.querySelector(':target')
      return el ? { id: el.id, background: getComputedStyle(el).backgroundColor } : null
    })
    expect(target).toEqual({ id: '一/3', background: 'rgb(255, 243, 196)' })
    expect(await doc.locator('h1').innerText()).toBe('关于进一步稳定和扩大就业的若干措施（征求意见稿）')
    expect(await doc.locator('.doc-head .badge').innerText()).toBe('征求意见稿')
    await doc.screenshot({ path: join(SCREENSHOTS, 'doc-view.png') })
    await context.close()
  })

  it('keeps the conversation for a follow-up, across a reload, until 新对话', async () => {
    const context = await newContext()
    const { page } = await openPortal(context)
    const bodies = chatRequests(page)
    await page.getByTestId('pc-launcher').click()
    await page.getByRole('button', { name: EXAMPLE_RATE }).click()
    await waitForAnswers(page, 1)
    const conversationId = await page.evaluate((key) => sessionStorage.getItem(key), CONVERSATION_KEY)
    expect(conversationId).toBeTruthy()
    expect(bodies[0]).toEqual({ question: EXAMPLE_RATE })

    await page.getByTestId('pc-input').fill(FOLLOW_UP)
    await page.getByTestId('pc-send').click()
    await waitForAnswers(page, 2)
    expect(bodies[1]).toEqual({ question: FOLLOW_UP, conversationId })
    // The follow-up was understood in context: the rate question, now for 宜春.
    const followUp = await answers(page).nth(1).innerText()
    expect(followUp).toContain('宜春')
    expect(followUp).toContain('失业率')

    // A reload shows the same conversation and continues it.
    const reloaded = chatRequests(page)
    await page.reload()
    await page.getByTestId('pc-launcher').click()
    expect(await answers(page).count()).toBe(2)
    expect(await answers(page).nth(1).innerText()).toContain('宜春')
    await page.getByTestId('pc-input').fill('扬州呢？')
    await page.keyboard.press('Enter')
    await waitForAnswers(page, 3)
    expect(reloaded[0]).toMatchObject({ conversationId })

    // 新对话 forgets it: the next question starts a new conversation.
    await page.getByRole('button', { name: /开始新对话/ }).click()
    expect(await answers(page).count()).toBe(0)
    expect(await page.evaluate((key) => sessionStorage.getItem(key), CONVERSATION_KEY)).toBeNull()
    await page.getByRole('button', { name: EXAMPLE_RATE }).click()
    await waitForAnswers(page, 1)
    expect(reloaded.at(-1)).toEqual({ question: EXAMPLE_RATE })
    await context.close()
  })

  it('shows 429, network, 400 and stop politely in Chinese, each with a retry', async () => {
    const context = await newContext()
    const { page } = await openPortal(context)
    await page.getByTestId('pc-launcher').click()
    const alert = page.getByRole('alert')

    // 429 from the API: say so, and let the user send again.
    await page.route('**/api/chat/stream', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After': '30' },
        body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: '提问过于频繁，请稍后再试' } }),
      })
    )
    await page.getByRole('button', { name: EXAMPLE_RATE }).click()
    await expect.poll(() => alert.innerText(), POLL).toContain('提问过于频繁')
    await page.unroute('**/api/chat/stream')
    await page.getByRole('button', { name: '重新发送' }).click()
    await waitForAnswers(page, 1)
    expect(await answers(page).first().getAttribute('data-state')).toBe('done')
    expect(await alert.count()).toBe(0)

    // The network is down.
    await page.route('**/api/chat/stream', (route) => route.abort('internetdisconnected'))
    await page.getByTestId('pc-input').fill('创业担保贷款有什么规定？')
    await page.keyboard.press('Enter')
    await expect.poll(() => alert.innerText(), POLL).toContain('网络异常')
    await page.unroute('**/api/chat/stream')
    await page.getByRole('button', { name: '重新发送' }).click()
    await waitForAnswers(page, 2)
    expect(await alert.count()).toBe(0)

    // A question the real server refuses (400): its Chinese reason, and the text back to edit.
    const tooLong = '请问'.repeat(300)
    await page.evaluate((q) => (window as unknown as { PolicyQA: { ask(q: string): void } }).PolicyQA.ask(q), tooLong)
    await expect.poll(() => alert.innerText(), POLL).toContain('问题不能超过 500 个字符')
    expect(await page.getByTestId('pc-input').inputValue()).toBe(tooLong)
    await page.getByTestId('pc-input').fill(EXAMPLE_DRAFT)
    await page.getByRole('button', { name: '重新发送' }).click()
    await waitForAnswers(page, 3)
    expect(await answers(page).last().innerText()).toContain('连云港')

    // Stop while streaming.
    await page.getByTestId('pc-input').fill(EXAMPLE_RATE)
    await page.keyboard.press('Enter')
    await expect.poll(() => answers(page).last().locator('.live').count(), POLL).toBe(1)
    await page.getByRole('button', { name: '停止回答' }).click()
    await expect.poll(() => answers(page).last().getAttribute('data-state'), POLL).toBe('stopped')
    expect(await answers(page).last().innerText()).toContain('已停止回答')
    await expect.poll(() => page.getByTestId('pc-send').isVisible(), POLL).toBe(true)
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-errors.png') })
    await context.close()
  })

  it('works by keyboard alone: Tab to the launcher, Enter, IME, focus trap, Esc', async () => {
    const context = await newContext()
    const { page } = await openPortal(context)
    const bodies = chatRequests(page)
    // The launcher is the last thing in the tab order (the host is appended to <body>).
    for (let i = 0; i < 60 && (await focusedInWidget(page))?.testid !== 'pc-launcher'; i++) await page.keyboard.press('Tab')
    expect(await focusedInWidget(page)).toMatchObject({ testid: 'pc-launcher' })
    await page.keyboard.press('Enter')
    const launcher = page.getByTestId('pc-launcher')
    expect(await launcher.getAttribute('aria-expanded')).toBe('true')
    await expect.poll(() => focusedInWidget(page), POLL).toMatchObject({ testid: 'pc-input' })

    // Enter while an IME is composing pinyin picks a candidate: nothing is sent.
    await page.keyboard.type('chuangye')
    await page.getByTestId('pc-input').evaluate((el) => {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, composed: true, cancelable: true }))
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, composed: true, cancelable: true }))
    })
    await page.waitForTimeout(300)
    expect(bodies).toEqual([])
    // Shift+Enter is a new line; Enter sends.
    await page.getByTestId('pc-input').fill('')
    await page.keyboard.type('泾源县对返乡创业')
    await page.keyboard.press('Shift+Enter')
    await page.keyboard.type('有什么支持？')
    expect(await page.getByTestId('pc-input').inputValue()).toBe('泾源县对返乡创业\n有什么支持？')
    await page.keyboard.press('Enter')
    await waitForAnswers(page, 1)
    expect(bodies).toEqual([{ question: '泾源县对返乡创业\n有什么支持？' }])
    expect(await answers(page).first().innerText()).toContain('泾源县')

    // Focus stays in the panel however long one tabs, both ways.
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press(key)
        const inPanel = await page.evaluate(() => {
          const root = document.querySelector('#pqa-host')?.shadowRoot
          return document.activeElement?.id === 'pqa-host' && !!root?.querySelector('#pqa-panel')?.contains(root.activeElement)
        })
        expect(inPanel, `${key} #${i}`).toBe(true)
      }
    }
    await page.keyboard.press('Escape')
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(await focusedInWidget(page)).toMatchObject({ testid: 'pc-launcher' })
    await context.close()
  })

  it('大字模式 enlarges the text without overflowing the panel, and is remembered', async () => {
    const context = await newContext()
    const { page } = await openPortal(context)
    await page.getByTestId('pc-launcher').click()
    const input = page.getByTestId('pc-input')
    const fontSize = () => input.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await fontSize()).toBe(16)
    const toggle = page.getByRole('button', { name: '大字模式' })
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    expect(await fontSize()).toBe(20)
    await page.getByRole('button', { name: EXAMPLE_DRAFT }).click()
    await waitForAnswers(page, 1)
    const overflow = await page.evaluate(() => {
      const panel = document.querySelector('#pqa-host')!.shadowRoot!.querySelector('#pqa-panel')!
      return [...panel.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden').map((el) => el.className)
    })
    expect(overflow).toEqual([])
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-large-font.png') })
    await page.reload()
    await page.getByTestId('pc-launcher').click()
    expect(await fontSize()).toBe(20)
    await context.close()
  })

  it('fills a phone screen, with a 16 px input and the page behind it locked', async () => {
    const context = await newContext({ ...devices['iPhone 13'], locale: 'zh-CN' })
    const { page, problems } = await openPortal(context)
    await page.getByTestId('pc-launcher').tap()
    const viewport = page.viewportSize()!
    const panel = await page.getByRole('dialog').boundingBox()
    expect(panel).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height })
    expect(await page.getByTestId('pc-input').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16)
    expect(await page.evaluate(() => document.body.style.overflow)).toBe('hidden')
    await page.getByRole('button', { name: EXAMPLE_DRAFT }).tap()
    await waitForAnswers(page, 1)
    const sendBox = await page.getByTestId('pc-send').boundingBox()
    expect(sendBox!.y + sendBox!.height).toBeLessThanOrEqual(viewport.height)
    await page.screenshot({ path: join(SCREENSHOTS, 'phone.png') })
    await page.getByRole('button', { name: '关闭咨询窗口' }).tap()
    expect(await page.evaluate(() => document.body.style.overflow)).toBe('')
    expect(problems.errors).toEqual([])
    await context.close()
  })

  it('is not broken by the portal’s CSS (Shadow DOM)', async () => {
    const context = await newContext()
    // Serve the portal's own stylesheet with hostile rules appended (inline styles are CSP-blocked).
    await context.route('**/assets/portal.css', async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, body: (await response.text()) + HOSTILE_CSS })
    })
    const { page } = await openPortal(context)
    const launcher = page.getByTestId('pc-launcher')
    expect(await launcher.isVisible()).toBe(true)
    const style = await launcher.evaluate((el) => {
      const s = getComputedStyle(el)
      return { color: s.color, fontSize: s.fontSize, display: s.display }
    })
    expect(style).toEqual({ color: 'rgb(255, 255, 255)', fontSize: '17px', display: 'flex' })
    await launcher.click()
    await page.getByRole('button', { name: EXAMPLE_RATE }).click()
    await waitForAnswers(page, 1)
    expect(await answers(page).first().isVisible()).toBe(true)
    expect(await page.getByTestId('pc-input').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px')
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-hostile-css.png') })
    await context.close()
  })

  it('has no serious or critical axe-core violations, open and showing a quote', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    const context = await newContext()
    const { page } = await openPortal(context)
    await page.getByTestId('pc-launcher').click()
    await page.getByRole('button', { name: EXAMPLE_DRAFT }).click()
    await waitForAnswers(page, 1)
    // Evaluated through DevTools: the page's CSP (no inline or eval) does not apply to it.
    await page.evaluate(axeSource)
    const audit = () =>
      page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe
        const result = await axe.run({ include: [['#pqa-host']] }, { resultTypes: ['violations'] })
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)
      })
    expect(await audit()).toEqual([])
    await page.getByTestId('pc-citation').first().click()
    await page.getByTestId('pc-quote').waitFor()
    expect(await audit()).toEqual([])
    await page.getByRole('button', { name: '大字模式' }).click()
    expect(await audit()).toEqual([])
    await context.close()
  })
})
