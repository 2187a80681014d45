/** @module GET /widget.js and /widget.css: the embeddable chat widget, as one self-contained script. */
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import type { AppEnv } from '../env.js'

/**
 * The widget's files, supplied by the runtime: Node bundles src/widget with esbuild
 * (src/adapters/widget-bundle), the Worker returns the script bundled ahead of time
 * (src/adapters/prebuilt-widget).
 */
export type WidgetAssets = {
  /** The bundled script (a classic script, no imports). */
  script(): Promise<string>
  /** The stylesheet, for browsers without constructable stylesheets (they get a <link>). */
  stylesheet(): Promise<string>
}

export type WidgetRouteOptions = {
  assets: WidgetAssets
  /**
   * Cache-Control of both files. Default five minutes: the path is not hashed, so a new release
   * must reach portals soon; the ETag makes revalidation cheap.
   */
  cacheControl: string
}

export const defaultWidgetRouteOptions: Omit<WidgetRouteOptions, 'assets'> = {
  cacheControl: 'public, max-age=300',
}

/**
 * The widget routes, to mount with `app.route('/', widget({ assets }))`. A portal on another origin
 * loads them with a script tag: `Cross-Origin-Resource-Policy: cross-origin` lets that work even
 * when the portal sets COEP; `nosniff` stops the file being taken for anything but a script.
 */
export function widget(options: Partial<WidgetRouteOptions> & Pick<WidgetRouteOptions, 'assets'>) {
  const { assets, cacheControl } = { ...defaultWidgetRouteOptions, ...options } satisfies WidgetRouteOptions
  const headers = {
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  }
  const app = new Hono<AppEnv>()
  app.use('/widget.js', etag())
  app.use('/widget.css', etag())
  app.get('/widget.js', async function widgetScript(c) {
    return c.body(await assets.script(), 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' })
  })
  app.get('/widget.css', async function widgetStylesheet(c) {
    return c.body(await assets.stylesheet(), 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' })
  })
  return app
}
