/**
 * @module `npm run build:server` (run by `npm start` first): bundles src/node.ts and our other
 * TypeScript into .build/ with esbuild, packages left as imports. The server then starts on plain
 * Node: compiling ~150 modules through tsx's loader took about a second of every cold start.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))

await build({
  absWorkingDir: root,
  entryPoints: ['src/node.ts'],
  outdir: '.build',
  bundle: true,
  // Code imported lazily (the ingest parsers, the OpenAI client) stays in chunks of its own.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      // Modules find files next to their source (the widget's entry, the ingest command), so each
      // keeps its own import.meta.url instead of the bundle's.
      name: 'source-import-meta-url',
      setup(builder) {
        builder.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
          contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
          loader: 'ts',
        }))
      },
    },
  ],
})
