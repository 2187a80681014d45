/** @module The ingest command: `npm run ingest -- --docs DIR [--docs DIR …] [--index DIR]`. */
import { parseArgs } from 'node:util'
import { SingleBar, Presets } from 'cli-progress'
import { buildIndex } from './build-index.js'
import { createJiebaSegmenter } from '../src/adapters/jieba-node/index.js'
import { HashingEmbeddings } from '../src/adapters/hashing-embeddings/index.js'
import { buildHnswStore, saveHnswStore } from '../src/adapters/hnswlib/index.js'
import { parseConfig } from '../src/schema/config.js'
import { configuredEmbeddings } from '../src/configured-embeddings.js'
import type { IndexEmbeddings } from '../src/retrieval/index-format.js'
import type { LoadedDocument } from './load-documents.js'

export const defaultIngestArgs = { docs: ['seeds'], index: '.data/index' }

/**
 * Builds the index with the Node adapters: nodejieba, hnswlib, and `embeddings` (default the local
 * hashing embedding; see configuredEmbeddings), whose name and size the manifest records.
 */
export async function ingest(
  docsDirs: string[],
  indexDir: string,
  onDocument?: (doc: LoadedDocument, chunks: number) => void,
  embeddings: IndexEmbeddings = new HashingEmbeddings()
) {
  const segmenter = createJiebaSegmenter()
  return buildIndex(
    { docsDirs, indexDir },
    {
      segmenter,
      embeddings: { name: embeddings.name, dimensions: embeddings.dimensions },
      writeVectors: async (records, dir) => saveHnswStore(await buildHnswStore(records, embeddings), dir),
      onDocument,
    }
  )
}

function summary(doc: LoadedDocument, chunks: number): string {
  const kinds = new Map<string, number>()
  for (const c of doc.clauses) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1)
  const byKind = [...kinds].map(([k, n]) => `${k} ${n}`).join(', ')
  const detected = doc.info.detected.length ? `; detected from text: ${doc.info.detected.join(', ')}` : ''
  const format = doc.info.format ? `; read as ${doc.info.format}` : ''
  const superseded = doc.info.supersededBy ? `; superseded by ${doc.info.supersededBy.docKey}` : ''
  return `${doc.info.docKey} (${doc.info.city}《${doc.info.title}》): ${doc.clauses.length} units (${byKind}), ${chunks} chunks${format}${detected}${superseded}`
}

async function main() {
  const { values } = parseArgs({
    options: { docs: { type: 'string', multiple: true }, index: { type: 'string' } },
    strict: true,
  })
  const docs = values.docs?.length ? values.docs : defaultIngestArgs.docs
  const index = values.index ?? defaultIngestArgs.index
  const lines: string[] = []
  const bar = process.stdout.isTTY ? new SingleBar({ format: '解析文件 {bar} {value} 份 | {doc}' }, Presets.shades_classic) : null
  bar?.start(0, 0, { doc: '' })
  let count = 0
  const started = Date.now()
  const embeddings = await configuredEmbeddings(parseConfig(process.env), 'ingest')
  const manifest = await ingest(
    docs,
    index,
    (doc, chunks) => {
      count++
      const line = summary(doc, chunks)
      if (bar) {
        bar.setTotal(count)
        bar.update(count, { doc: doc.info.docKey })
        lines.push(line)
      } else {
        console.log(line)
      }
    },
    embeddings
  )
  bar?.stop()
  for (const line of lines) console.log(line)
  console.log(
    `index ${manifest.indexVersion} written to ${index}: ${manifest.documents.length} documents, ${manifest.clauses} units, ${manifest.chunks} chunks in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(`ingest failed: ${error.message}`)
    process.exit(1)
  })
}
