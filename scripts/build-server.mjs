/**
 * @module `npm run build:server` (run by `npm start` first): bundles src/node.ts and our other
 * TypeScript into .build/ with esbuild, packages left as imports. The server then starts on plain
 * Node: compiling ~150 modules through tsx's loader took about a second of every cold start.
 *
 * `--entry FILE … --outdir DIR` bundles other entry points the same way (the bench's steps, so
 * they run as the server does, without tsx's loader thread in their memory).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({
  options: { entry: { type: 'string', multiple: true }, outdir: { type: 'string', default: '.build' } },
  strict: true,
})
const entryPoints = values.entry?.length ? values.entry : ['src/node.ts']
const entries = new Set(entryPoints.map((entry) => join(root, entry)))

await build({
  absWorkingDir: root,
  entryPoints,
  outdir: values.outdir,
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
      // keeps its own import.meta.url instead of the bundle's. An entry point keeps the bundle's:
      // its `import.meta.url === file://argv[1]` check must still see itself run.
      name: 'source-import-meta-url',
      setup(builder) {
        builder.onLoad({ filter: /\.ts$/ }, async ({ path }) =>
          entries.has(path)
            ? undefined
            : {
                contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
                loader: 'ts',
              }
        )
      },
    },
  ],
})
