/** @module The <head> every HTML page shares: encoding, phone viewport, no favicon request, one stylesheet. */
import { html } from 'hono/html'

/**
 * The page head. `renderer=webkit` asks dual-engine Chinese browsers (360, QQ) for their modern
 * engine; the empty icon saves a request that would 404. Values are escaped by hono's `html`.
 */
export function pageHead(title: string, stylesheetPath: string) {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="renderer" content="webkit" />
    <link rel="icon" href="data:," />
    <title>${title}</title>
    <link rel="stylesheet" href="${stylesheetPath}" />
  </head>`
}
