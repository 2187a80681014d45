/**
 * @module prebuilt-widget: the Worker's `widgetAssets` for createApp, over the script that
 * `npm run build:widget` bundled ahead of time (wrangler runs it as the [build] command).
 *
 * Import this file only from the Worker entry: Node cannot import a `.txt` file, and bundles the
 * widget itself (src/adapters/widget-bundle).
 */
import widgetScript from '../../../.build/widget-script.txt'
import type { WidgetAssets } from '../../server/routes/widget.js'
import { widgetCss } from '../../widget/styles.js'

/**
 * The widget's script and stylesheet as strings held in the bundle: nothing is built or read at
 * run time.
 *
 * @example
 * ```ts
 * createApp({ qa, catalog, widgetAssets: prebuiltWidget })
 * ```
 */
export const prebuiltWidget: WidgetAssets = {
  script: async () => widgetScript,
  stylesheet: async () => widgetCss,
}
