/** @module swagger-ui: the Node `staticAssets` for createApp, read from the installed swagger-ui-dist package. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { StaticAssets } from '../../server/routes/swagger-ui.js'

/** Plain file names only: the server asks for listed names, but the adapter does not rely on it. */
const FILE_NAME = /^[\w.-]+$/

/** Reads `name` from the swagger-ui-dist folder; undefined when the name is odd or the file absent. */
export function swaggerUiAssets(): StaticAssets {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  return async (name) => {
    if (!FILE_NAME.test(name) || name.startsWith('.')) return undefined
    try {
      return new Uint8Array(await readFile(join(dir, name)))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
  }
}
