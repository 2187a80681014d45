/**
 * @module `npm run build:widget` (wrangler's [build] command): writes the widget's script, bundled
 * exactly as the Node server bundles it at run time (src/adapters/widget-bundle), to
 * .build/widget-script.txt. workerd cannot run esbuild, so the Worker imports this file as a Text
 * module (src/adapters/prebuilt-widget); the file is generated, never committed.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { widgetBundle } from '../src/adapters/widget-bundle/index.js'

/** Where the Worker’s import (src/adapters/prebuilt-widget) finds the script. */
const OUTPUT = fileURLToPath(new URL('../.build/widget-script.txt', import.meta.url))

const script = await widgetBundle().script()
await mkdir(dirname(OUTPUT), { recursive: true })
await writeFile(OUTPUT, script)
console.log(`widget: ${OUTPUT} (${(Buffer.byteLength(script) / 1024).toFixed(1)} KiB)`)
