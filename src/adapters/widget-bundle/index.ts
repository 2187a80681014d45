/** @module widget-bundle: the Node `widgetAssets` for createApp, bundling src/widget with esbuild. */
import { fileURLToPath } from 'node:url'
import type { WidgetAssets } from '../../server/routes/widget.js'
import { widgetCss } from '../../widget/styles.js'

export type WidgetBundleOptions = {
  /** The widget's entry file. Default src/widget/index.ts. */
  entry: string
  /** Minify the script. Default true (about 30 KB instead of 60 KB). */
  minify: boolean
  /**
   * esbuild target. Default es2018: 信创 desktops and older Chromium-based 双核 browsers lag behind,
   * and es2018 needs no regenerator runtime (whose fallback calls `Function()`, banned by CSP).
   */
  target: string
}

export const defaultWidgetBundleOptions: WidgetBundleOptions = {
  entry: fileURLToPath(new URL('../../widget/index.ts', import.meta.url)),
  minify: true,
  target: 'es2018',
}

/**
 * Builds the widget in memory on first request (about 0.1 s) and keeps the result; a failed build
 * is retried on the next request. esbuild is imported lazily, so nothing loads until /widget.js is
 * asked for.
 *
 * @example
 * ```ts
 * createApp({ qa, catalog, widgetAssets: widgetBundle() })
 * ```
 */
export function widgetBundle(options: Partial<WidgetBundleOptions> = {}): WidgetAssets {
  const { entry, minify, target } = { ...defaultWidgetBundleOptions, ...options } satisfies WidgetBundleOptions
  let built: Promise<string> | undefined

  async function build(): Promise<string> {
    const esbuild = await import('esbuild').catch((cause: unknown) => {
      throw new Error('Cannot load esbuild to build the widget: run `npm install` (esbuild is a dependency)', { cause })
    })
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target,
      minify,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    })
    const output = result.outputFiles[0]
    if (!output) throw new Error(`esbuild produced no output for ${entry}`)
    return output.text
  }

  return {
    script() {
      built ??= build().catch((err: unknown) => {
        built = undefined
        throw err
      })
      return built
    },
    stylesheet: async () => widgetCss,
  }
}
