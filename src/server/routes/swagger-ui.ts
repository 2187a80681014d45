/** @module GET /docs: Swagger UI over /openapi.json, its files served from here, never a CDN. */
import { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { docsMessages } from '../messages.js'

/**
 * Reads one file of the `swagger-ui-dist` package by its file name (e.g. `swagger-ui.css`), or
 * resolves undefined when there is none. The runtime supplies it: Node reads the package folder,
 * a Worker would return bundled bytes. Only names in {@link SWAGGER_UI_FILES} are ever asked for.
 *
 * @example Node (in the composition root, not in src/server)
 * ```ts
 * const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
 * const staticAssets = (name: string) =>
 *   readFile(join(dir, name)).then((b) => new Uint8Array(b), () => undefined)
 * ```
 */
export type StaticAssets = (name: string) => Promise<Uint8Array | undefined>

/** The package files the page uses, with their content types; anything else is 404. */
export const SWAGGER_UI_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
}

/** Our own start-up script, served as a file so that the page has no inline script. */
const INITIALIZER = 'swagger-initializer.js'

/** Assets change only with the package version; a day keeps reloads cheap. */
const ASSET_CACHE_CONTROL = 'public, max-age=86400'

export type SwaggerUiOptions = {
  /** Reads the package's files. Required. */
  staticAssets: StaticAssets
  /** URL of the OpenAPI document the UI loads. Default `/openapi.json`. */
  specUrl: string
  /** Path of the page; its files are under `${path}/assets/`. Default `/docs`. */
  path: string
}

export const defaultSwaggerUiOptions: Omit<SwaggerUiOptions, 'staticAssets'> = {
  specUrl: '/openapi.json',
  path: '/docs',
}

/**
 * Swagger UI routes: the page at `path`, the package's files and our initializer under
 * `${path}/assets/`. Not part of the OpenAPI document.
 *
 * @param options.staticAssets - required
 * @param options.specUrl - default `/openapi.json`
 * @param options.path - default `/docs`
 *
 * @example
 * ```ts
 * app.route('/', swaggerUi({ staticAssets }))
 * ```
 */
export function swaggerUi(
  options: Partial<SwaggerUiOptions> & Pick<SwaggerUiOptions, 'staticAssets'>
) {
  const { staticAssets, specUrl, path } = {
    ...defaultSwaggerUiOptions,
    ...options,
  } satisfies SwaggerUiOptions
  const assets = `${path}/assets`
  const initializer = `window.ui = SwaggerUIBundle(${JSON.stringify({
    url: specUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
  })})\n`

  const app = new Hono<AppEnv>()
  app.get(path, function swaggerUiPage(c) {
    return c.html(
      html`<!doctype html>
        <html lang="zh-CN">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${docsMessages.swaggerPageTitle}</title>
            <link rel="stylesheet" href="${assets}/swagger-ui.css" />
            <link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32" />
          </head>
          <body>
            <div id="swagger-ui"></div>
            <noscript>${docsMessages.noScript}</noscript>
            <script src="${assets}/swagger-ui-bundle.js"></script>
            <script src="${assets}/${INITIALIZER}"></script>
          </body>
        </html>`
    )
  })
  app.get(`${assets}/:name`, async function swaggerUiAsset(c) {
    const name = c.req.param('name')
    if (name === INITIALIZER) {
      return c.body(initializer, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
    }
    const contentType = Object.hasOwn(SWAGGER_UI_FILES, name) ? SWAGGER_UI_FILES[name] : undefined
    const bytes = contentType ? await staticAssets(name) : undefined
    if (!contentType || !bytes) throw new ApiError('NOT_FOUND')
    return c.body(ownBuffer(bytes), 200, {
      'Content-Type': contentType,
      'Cache-Control': ASSET_CACHE_CONTROL,
    })
  })
  return app
}

/** A Response body cannot be a view over a SharedArrayBuffer; copy only in that unusual case. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes)
}
