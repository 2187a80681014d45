/**
 * @module An index built in memory by the ingest's own functions, for the 1M point: `buildIndex`
 * writes indexes of that size since format 2, but its peak memory there is unmeasured (~18 GB
 * extrapolated), and writing and reading back gigabytes of files would lengthen the full run.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings'
import type { Chunk, Clause, IndexManifest } from '../src/schema/clause.js'
import type { PolicyIndex } from '../src/retrieval/policy-index.js'
import type { Segmenter } from '../src/retrieval/segmenter.js'
import { ClauseIndex } from '../src/retrieval/clause-index.js'
import { INDEX_FORMAT_VERSION, lexicalFields } from '../src/retrieval/index-format.js'
import { buildHnswStore, HnswVectorIndex } from '../src/adapters/hnswlib/index.js'
import { chunkClauses } from '../ingest/chunk.js'
import { loadDocuments } from '../ingest/load-documents.js'
import type { IngestStep } from './scale-point.js'
import { peakResidentMB } from './child.js'
import { round } from './percentile.js'

/**
 * Parses, chunks and indexes the folders exactly as `buildIndex` does (loadDocuments,
 * chunkClauses, lexicalFields into a ClauseIndex, buildHnswStore over breadcrumb + text), but
 * keeps the result in memory instead of writing and re-reading it. Returns the index and the
 * build's numbers, with `indexMB: null` (nothing was written).
 */
export async function buildInMemoryIndex(
  docsDirs: readonly string[],
  embeddings: EmbeddingsInterface & { name: string; dimensions: number },
  segmenter: Segmenter
): Promise<{ index: PolicyIndex; step: IngestStep }> {
  const started = performance.now()
  const clauses: Clause[] = []
  const chunks: Chunk[] = []
  const documents: IndexManifest['documents'] = []
  for (const dir of docsDirs) {
    for (const doc of await loadDocuments(dir)) {
      documents.push(doc.info)
      clauses.push(...doc.clauses)
      chunks.push(...chunkClauses(doc.clauses, segmenter))
    }
  }
  const lexical = new ClauseIndex()
  for (const chunk of chunks) lexical.add({ id: chunk.id, fields: lexicalFields(chunk, segmenter) })
  const records = chunks.map((c) => ({
    id: c.id,
    text: c.breadcrumb ? `${c.breadcrumb}\n${c.text}` : c.text,
    metadata: { docKey: c.docKey, city: c.city },
  }))
  const vectors = new HnswVectorIndex(await buildHnswStore(records, embeddings))
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    indexVersion: 'bench-in-memory',
    createdAt: new Date().toISOString(),
    segmenter: segmenter.name,
    embeddings: { name: embeddings.name, dimensions: embeddings.dimensions },
    documents,
    clauses: clauses.length,
    chunks: chunks.length,
  }
  return {
    index: { manifest, clauses, chunks, lexical, vectors },
    step: {
      clauses: clauses.length,
      chunks: chunks.length,
      documents: documents.length,
      generateMs: 0,
      ingestMs: round(performance.now() - started, 0),
      indexMB: null,
      peakRssMB: round(peakResidentMB(), 0),
    },
  }
}
