/**
 * @module Vector ids: how a chunk id (docKey#path#n, CJK and unbounded) becomes a Vectorize id
 * (ASCII, at most 64 bytes) and back.
 */
import type { D1Database } from '@cloudflare/workers-types'

/**
 * Name of the id scheme below, recorded with an export (D1 `index_meta`). A Worker whose scheme
 * differs from the export's cannot map vectors to chunks: re-export.
 */
export const VECTOR_ID_SCHEME = 'docKey~cyrb64(chunkId)/v1'

/** Characters of the doc key kept as a readable prefix: 40 + `~` + 16 hex digits = 57 bytes ≤ 64. */
const DOC_KEY_PREFIX_LENGTH = 40

/** Vectorize's limit on an id, in bytes. */
export const MAX_VECTOR_ID_BYTES = 64

/**
 * The Vectorize id of a chunk: `<docKey, at most 40 characters>~<16 hex digits>`, e.g.
 * `lianyungang~3f9c0a1b2c3d4e5f`. The hash covers the whole chunk id, so the prefix is only for
 * people reading `wrangler vectorize get-vectors`; characters outside `[A-Za-z0-9._-]` become `_`.
 * The mapping is one way: keep the chunk id next to it (D1 `chunks.vector_id`, or an in-memory
 * map) and look it up with a {@link ChunkIdResolver}. 64 bits make a collision unlikely below
 * billions of chunks; the export refuses one if it happens.
 */
export function vectorIdOf(chunkId: string, docKey: string): string {
  const prefix = docKey.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, DOC_KEY_PREFIX_LENGTH)
  return `${prefix}~${cyrb64(chunkId)}`
}

/** Maps Vectorize ids to chunk ids; ids it does not know are left out of the map. */
export type ChunkIdResolver = (vectorIds: readonly string[]) => Promise<ReadonlyMap<string, string>>

/** A {@link ChunkIdResolver} over chunks held in memory (the Node index, or chunks loaded once). */
export function chunkIdResolver(chunks: Iterable<{ id: string; docKey: string }>): ChunkIdResolver {
  const byVectorId = new Map<string, string>()
  for (const chunk of chunks) byVectorId.set(vectorIdOf(chunk.id, chunk.docKey), chunk.id)
  return async function resolveInMemory(vectorIds) {
    const found = new Map<string, string>()
    for (const vectorId of vectorIds) {
      const chunkId = byVectorId.get(vectorId)
      if (chunkId !== undefined) found.set(vectorId, chunkId)
    }
    return found
  }
}

/**
 * A {@link ChunkIdResolver} that asks D1's `chunks` table (written by `npm run export:cloudflare`,
 * columns `vector_id` and `id`) in one query: the ids travel as one JSON parameter, so D1's limit
 * of 100 bound parameters does not apply.
 */
export function d1ChunkIdResolver(db: D1Database): ChunkIdResolver {
  if (typeof db?.prepare !== 'function') {
    throw new Error('vectorize: d1ChunkIdResolver needs a D1 binding, eg d1ChunkIdResolver(env.DB)')
  }
  const statement = db.prepare(
    'SELECT vector_id, id FROM chunks WHERE vector_id IN (SELECT value FROM json_each(?1))'
  )
  return async function resolveInD1(vectorIds) {
    if (vectorIds.length === 0) return new Map()
    const { results } = await statement
      .bind(JSON.stringify(vectorIds))
      .all<{ vector_id: string; id: string }>()
    return new Map(results.map((row) => [row.vector_id, row.id]))
  }
}

/**
 * A 64-bit string hash: cyrb53's two multiply-xor lanes (public domain, bryc), kept at full
 * width. Not cryptographic; chunk ids are not adversarial, and collisions are checked on export.
 */
function cyrb64(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')
}
