/** @module GET /metrics: counters for Prometheus. */
import { Hono } from 'hono'
import type { AppEnv } from '../env.js'
import type { Metrics } from '../metrics.js'
import type { PolicyCatalog } from '../qa-service.js'

/** The Prometheus text exposition format. */
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

export type MetricsRouteOptions = { metrics: Metrics; catalog: PolicyCatalog }

/**
 * The /metrics route, to mount with `app.route('/', metricsRoute(options))`. Outside /api: it is
 * scraped by Prometheus, not called by citizens, so it is neither rate limited nor in the OpenAPI
 * document. It holds counts by route only; a public deployment should still not forward it.
 */
export function metricsRoute({ metrics, catalog }: MetricsRouteOptions) {
  const app = new Hono<AppEnv>()
  return app.get('/metrics', function metricsText(c) {
    c.header('Cache-Control', 'no-store')
    return c.body(metrics.render({ indexVersion: catalog.health().indexVersion }), 200, {
      'Content-Type': CONTENT_TYPE,
    })
  })
}
