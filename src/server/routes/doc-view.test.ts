import { beforeAll, describe, expect, it } from 'vitest'
import { createSeedApp } from '../../../test/support/seed-app.js'
import type { DocumentDetail } from '../../schema/api.js'
import { createApp } from '../app.js'
import type { PolicyCatalog, QaService } from '../qa-service.js'

let qa: QaService
let catalog: PolicyCatalog
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  ;({ qa, catalog } = await createSeedApp())
  app = createApp({ qa, catalog })
}, 180_000)

/** A catalogue with one document whose every text tries to break out of the page. */
function hostileCatalog(): PolicyCatalog {
  const evil = '<script>alert(1)</script>"\'&'
  const detail: DocumentDetail = {
    document: {
      docKey: 'evil',
      city: evil,
      title: `标题${evil}`,
      draft: false,
      validity: evil,
      status: 'current',
      units: 1,
      unitsByKind: { item: 1 },
    },
    units: [{ path: `一"><img src=x onerror=alert(1)>`, kind: 'item', label: evil, heading: '', text: `正文${evil}` }],
  }
  return { ...catalog, documents: () => [detail.document], document: (k) => (k === 'evil' ? detail : undefined) }
}

describe('docView', () => {
  it('should render every unit with its path as the anchor, and the document’s validity badge', async () => {
    const res = await app.request(`/doc/changzhou`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html; charset=UTF-8/i)
    const html = await res.text()
    const detail = (await catalog.document('changzhou'))!
    for (const unit of detail.units) expect(html).toContain(`id="${unit.path}"`)
    expect(html).toContain('<h1>关于进一步推进就业创业工作高质量发展的实施意见</h1>')
    expect(html).toMatch(/<span class="badge expired"[^>]*>已到期<\/span>/)
    expect(html).toContain('城镇调查失业率控制在5%左右')
    expect(html).toContain('href="/assets/doc.css"')
  })

  it('should run no script at all and say so in its CSP', async () => {
    const res = await app.request('/doc/lianyungang')
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("script-src 'none'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(await res.text()).not.toContain('<script')
    expect((await app.request('/assets/doc.css')).headers.get('Content-Type')).toBe('text/css; charset=utf-8')
  })

  it('should escape every text from the index', async () => {
    const res = await createApp({ qa, catalog: hostileCatalog() }).request('/doc/evil')
    const html = await res.text()
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;')
  })

  it('should answer an unknown document with a readable 404 page', async () => {
    const res = await app.request('/doc/nope')
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('未找到该政策文件')
  })
})
