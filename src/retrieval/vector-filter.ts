/**
 * @module Vector filters that say what they keep, as data, so an index can run them itself
 * (Vectorize pushes them into the query) instead of testing the best matches afterwards.
 */
import type { VectorMetadata } from './vector-index.js'

/** Cities and/or doc keys a search is restricted to; a list means any of them, both keys mean both. */
export type MetadataWhere = {
  city?: string | readonly string[]
  docKey?: string | readonly string[]
}

/** A `VectorIndex.search` filter that also says, as data, what it keeps. */
export type DeclarativeVectorFilter = ((metadata: VectorMetadata) => boolean) & {
  readonly where: MetadataWhere
}

/**
 * A filter for `VectorIndex.search` that every index can apply: as a predicate (hnswlib) or
 * pushed into the query (Vectorize `$eq`/`$in`, so topK counts only matching vectors; see
 * src/adapters/vectorize/filter.ts).
 *
 * @example
 * await vectors.search(question, 50, vectorFilter({ city: ['常州市', '宜春市'] }))
 */
export function vectorFilter(where: MetadataWhere): DeclarativeVectorFilter {
  const allowed = (key: keyof MetadataWhere) => {
    const value = where[key]
    return value === undefined
      ? undefined
      : new Set<string>(typeof value === 'string' ? [value] : value)
  }
  const cities = allowed('city')
  const docKeys = allowed('docKey')
  const keep = (metadata: VectorMetadata) =>
    (cities === undefined || cities.has(metadata.city)) &&
    (docKeys === undefined || docKeys.has(metadata.docKey))
  return Object.assign(keep, { where: { ...where } })
}

/** The `where` of a filter made by {@link vectorFilter}; undefined for a plain predicate. */
export function whereOf(
  filter: ((metadata: VectorMetadata) => boolean) | undefined
): MetadataWhere | undefined {
  return (filter as Partial<DeclarativeVectorFilter> | undefined)?.where
}

/** Whether a `where` can match nothing (an empty list). */
export function matchesNothing(where: MetadataWhere): boolean {
  return Object.values(where).some((value) => Array.isArray(value) && value.length === 0)
}
