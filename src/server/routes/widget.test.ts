import { beforeAll, describe, expect, it } from 'vitest'
import { createSeedApp } from '../../../test/support/seed-app.js'
import { createApp } from '../app.js'
import type { PolicyCatalog, QaService } from '../qa-service.js'
import type { WidgetAssets } from './widget.js'

const SCRIPT = '"use strict";(()=>{window.__pqa=true})();'
const CSS = ':host{all:initial}'
const assets: WidgetAssets = { script: async () => SCRIPT, stylesheet: async () => CSS }

let qa: QaService
let catalog: PolicyCatalog

beforeAll(async () => {
  ;({ qa, catalog } = await createSeedApp())
}, 180_000)

describe('widget', () => {
  it('should serve /widget.js as a script any portal may load, with an ETag', async () => {
    const app = createApp({ qa, catalog, widgetAssets: assets })
    const res = await app.request('/widget.js')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(SCRIPT)
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    const etag = res.headers.get('ETag')
    expect(etag).toBeTruthy()
    const again = await app.request('/widget.js', { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
  })

  it('should serve /widget.css for browsers without constructable stylesheets', async () => {
    const res = await createApp({ qa, catalog, widgetAssets: assets }).request('/widget.css')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/css; charset=utf-8')
    expect(await res.text()).toBe(CSS)
  })

  it('should answer 404 for the widget and the demo page without widget assets', async () => {
    const app = createApp({ qa, catalog })
    expect((await app.request('/widget.js')).status).toBe(404)
    expect((await app.request('/')).status).toBe(404)
  })

  it('should answer 500 JSON when the bundle cannot be built, and log it', async () => {
    const logged: unknown[] = []
    const broken: WidgetAssets = { script: async () => Promise.reject(new Error('esbuild failed')), stylesheet: async () => CSS }
    const res = await createApp({ qa, catalog, widgetAssets: broken, log: (e) => logged.push(e.error) }).request('/widget.js')
    expect(res.status).toBe(500)
    expect(await res.text()).not.toContain('esbuild')
    expect(logged).toHaveLength(1)
  })
})

describe('demoPage', () => {
  it('should embed the widget with one script tag under a CSP without inline script', async () => {
    const res = await createApp({ qa, catalog, widgetAssets: assets }).request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
    const html = await res.text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts).toHaveLength(1)
    expect(scripts[0]).toMatch(/src="\/widget\.js" defer data-title="人社政策智能咨询"/)
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/<style|style="/)
  })

  it('should list the documents on file with links to their full text', async () => {
    const html = await (await createApp({ qa, catalog, widgetAssets: assets }).request('/')).text()
    for (const doc of catalog.documents()) expect(html).toContain(`href="/doc/${encodeURIComponent(doc.docKey)}"`)
    expect(html).toContain('征求意见稿')
  })

  it('should serve its stylesheet', async () => {
    const res = await createApp({ qa, catalog, widgetAssets: assets }).request('/assets/portal.css')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/css; charset=utf-8')
  })
})
