/** @module GET /: the demo portal page with the widget embedded by one script tag. */
import { Hono } from 'hono'
import type { AppEnv } from '../env.js'
import { pageCsp, pageSecurity } from '../middleware/page-security/index.js'
import { portalCss, STYLESHEET_HEADERS } from '../pages/page-styles.js'
import { PORTAL_CSS_PATH, renderPortalPage } from '../pages/portal-page.js'
import type { PolicyCatalog } from '../qa-service.js'


export type DemoPageOptions = {
  catalog: PolicyCatalog
  /** Where the widget script is served. Default `/widget.js`. */
  widgetPath: string
}

export const defaultDemoPageOptions: Omit<DemoPageOptions, 'catalog'> = { widgetPath: '/widget.js' }

/**
 * The demo page at `/`, served under a strict CSP (scripts and styles from this origin only, no
 * inline script), as a portal that passed a security review would be.
 */
export function demoPage(options: Partial<DemoPageOptions> & Pick<DemoPageOptions, 'catalog'>) {
  const { catalog, widgetPath } = { ...defaultDemoPageOptions, ...options } satisfies DemoPageOptions
  const app = new Hono<AppEnv>()
  app.get('/', pageSecurity(pageCsp.withScripts), function portal(c) {
    c.header('Cache-Control', 'no-cache')
    return c.html(renderPortalPage({ documents: catalog.documents(), widgetPath }))
  })
  app.get(PORTAL_CSS_PATH, function portalStylesheet(c) {
    return c.body(portalCss, 200, STYLESHEET_HEADERS)
  })
  return app
}
