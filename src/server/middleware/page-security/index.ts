/** @module Page Security Middleware: strict CSP and hardening headers for the HTML pages we serve. */
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/** CSP directives, as hono's secureHeaders takes them. */
export type PageCsp = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy']>

/**
 * Policies for our pages. None allows inline script, `eval` or other origins. The widget's styles
 * are a constructable stylesheet, which `style-src` does not govern; its <link> fallback is 'self'.
 */
export const pageCsp = {
  /** A page that runs our own scripts (the demo portal with the widget). */
  withScripts: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    connectSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
  /** A page with no script at all (the document view). */
  noScripts: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'self'"],
  },
} as const satisfies Record<string, PageCsp>

/**
 * Page Security Middleware: hono's secureHeaders (nosniff, X-Frame-Options SAMEORIGIN,
 * Referrer-Policy no-referrer, COOP/CORP same-origin, …) with the given Content-Security-Policy.
 *
 * @example
 * ```ts
 * app.get('/doc/:docKey', pageSecurity(pageCsp.noScripts), (c) => c.html(page))
 * ```
 */
export function pageSecurity(csp: PageCsp): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: csp,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  })
}
