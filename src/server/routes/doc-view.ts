/** @module GET /doc/:docKey: a document's full text as an HTML page; `#path` marks the cited unit. */
import { Hono } from 'hono'
import type { AppEnv } from '../env.js'
import { pageCsp, pageSecurity } from '../middleware/page-security/index.js'
import { DOC_CSS_PATH, renderDocNotFoundPage, renderDocPage } from '../pages/doc-page.js'
import { docCss, STYLESHEET_HEADERS } from '../pages/page-styles.js'
import type { PolicyCatalog } from '../qa-service.js'

/** Pages change with the index; a short cache keeps WeChat's in-app browser snappy on back/forward. */
const PAGE_CACHE_CONTROL = 'public, max-age=300'

export type DocViewOptions = { catalog: PolicyCatalog }

/**
 * The document view, where the widget's 查看文件全文 and WeChat answers link to
 * (`/doc/{docKey}#{path}`, see wechat/format-reply.ts documentLink). It runs no script: the cited
 * unit is highlighted by CSS `:target`. An unknown key gets a readable HTML 404 rather than the
 * API's JSON error, because people reach it by following a link.
 */
export function docView({ catalog }: DocViewOptions) {
  const app = new Hono<AppEnv>()
  app.get('/doc/:docKey', pageSecurity(pageCsp.noScripts), async function documentPage(c) {
    const docKey = c.req.param('docKey')
    const detail = await catalog.document(docKey)
    if (!detail) return c.html(renderDocNotFoundPage(docKey), 404)
    c.header('Cache-Control', PAGE_CACHE_CONTROL)
    return c.html(renderDocPage(detail))
  })
  app.get(DOC_CSS_PATH, function documentCss(c) {
    return c.body(docCss, 200, STYLESHEET_HEADERS)
  })
  return app
}
