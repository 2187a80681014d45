/** @module Metadata filters a vector index can run itself, not only test afterwards. */
import type { VectorizeVectorMetadataFilter } from '@cloudflare/workers-types'
import type { MetadataWhere } from '../../retrieval/vector-filter.js'

export {
  vectorFilter,
  whereOf,
  matchesNothing,
  type DeclarativeVectorFilter,
  type MetadataWhere,
} from '../../retrieval/vector-filter.js'

/** The Vectorize filter for a `where`: `$eq` for one value, `$in` for several. */
export function toVectorizeFilter(where: MetadataWhere): VectorizeVectorMetadataFilter {
  const filter: VectorizeVectorMetadataFilter = {}
  for (const key of ['city', 'docKey'] as const) {
    const value = where[key]
    if (value === undefined) continue
    if (typeof value === 'string') filter[key] = { $eq: value }
    else filter[key] = value.length === 1 ? { $eq: value[0] } : { $in: [...value] }
  }
  return filter
}
