/**
 * @module Widget entry (bundled to /widget.js as a classic script): reads its own script tag, then
 * mounts the chat widget. Embed with one tag:
 *
 * ```html
 * <script src="https://zxzx.rsj.example.gov.cn/widget.js" defer data-title="人社政策智能咨询"
 *         data-city="常州市" data-position="right" data-theme-color="#b3261e"></script>
 * ```
 */
import { ChatWidget } from './chat-widget.js'
import { readWidgetConfig } from './config.js'

/** What the portal may call, e.g. from its own 智能问答 menu item. */
export type PolicyQaApi = { open(): void; close(): void; ask(question: string): void }

type WidgetWindow = Window & { __pqa?: boolean; PolicyQA?: PolicyQaApi }

/** Host element name: a custom tag, so portal rules for div or section never match it. */
const HOST_TAG = 'pqa-widget'
/** Elements with this attribute open the panel when clicked (a CSP-safe hook for portal menus). */
const OPEN_ATTRIBUTE = 'data-pqa-open'

boot()

function boot() {
  const w = window as WidgetWindow
  // document.currentScript is only set now, while this classic script runs: never read it later.
  const script = document.currentScript
  if (w.__pqa || !(script instanceof HTMLScriptElement) || !supported()) return
  w.__pqa = true
  const config = readWidgetConfig({ ...script.dataset }, script.src)
  const start = () => {
    const host = document.createElement(HOST_TAG)
    host.id = 'pqa-host'
    document.body.appendChild(host)
    const widget = new ChatWidget(host, config, { storage: () => window.sessionStorage })
    w.PolicyQA = {
      open: () => widget.open(),
      close: () => widget.close(),
      ask: (question) => widget.ask(String(question)),
    }
    document.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest(`[${OPEN_ATTRIBUTE}]`) : null
      if (!target) return
      event.preventDefault()
      widget.open()
    })
  }
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start, { once: true })
}

/** Shadow DOM, streamed fetch and TextDecoder: an old engine (e.g. a 兼容模式 browser) gets no widget. */
function supported(): boolean {
  return (
    typeof Element.prototype.attachShadow === 'function' &&
    typeof ReadableStream === 'function' &&
    typeof TextDecoder === 'function' &&
    typeof fetch === 'function' &&
    typeof AbortController === 'function'
  )
}
