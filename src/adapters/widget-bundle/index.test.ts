import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { widgetCss } from '../../widget/styles.js'
import { widgetBundle } from './index.js'

/** The loader budget of shared/reference/widget.md §10: the launcher must appear fast on county networks. */
const MAX_GZIP_BYTES = 30 * 1024
/** What a strict-CSP, Trusted-Types-compatible bundle must never contain. */
const FORBIDDEN = ['eval(', 'Function(', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'javascript:', 'setAttribute("on']

describe('widgetBundle', () => {
  it('should build src/widget into one classic script within the size budget', async () => {
    const script = await widgetBundle().script()
    expect(script).toMatch(/^"use strict";\(\(\)=>\{/)
    expect(script).not.toMatch(/^\s*(import|export)\s/m)
    expect(gzipSync(script).length).toBeLessThan(MAX_GZIP_BYTES)
    // The Chinese UI text is kept as UTF-8, not \u escapes.
    expect(script).toContain('政策咨询')
  })

  it('should contain no eval, Function, innerHTML or other CSP-unsafe construct', async () => {
    const script = await widgetBundle().script()
    for (const pattern of FORBIDDEN) expect(script.includes(pattern), pattern).toBe(false)
  })

  it('should build once and serve the stylesheet for the <link> fallback', async () => {
    const assets = widgetBundle()
    const [a, b] = await Promise.all([assets.script(), assets.script()])
    expect(a).toBe(b)
    expect(await assets.stylesheet()).toBe(widgetCss)
  })

  it('should reject with esbuild’s message when the entry is missing, and retry next time', async () => {
    const assets = widgetBundle({ entry: '/nonexistent/widget.ts' })
    await expect(assets.script()).rejects.toThrow(/nonexistent/)
    await expect(assets.script()).rejects.toThrow(/nonexistent/)
  })
})
