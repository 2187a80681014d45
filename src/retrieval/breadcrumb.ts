/** @module Breadcrumbs: how a unit and its ancestors read to a person (二、主要任务 › （三）…). */
import type { Clause } from '../schema/clause.js'

/** Separator between breadcrumb levels. */
export const BREADCRUMB_SEPARATOR = ' › '
/** Characters of a row's text shown when the row has no heading of its own. */
const ROW_LABEL_CHARS = 24

/**
 * Ancestor paths remembered by path: retrieval asks for those of every candidate unit of every
 * question, and documents share their outline's paths (一/（三）/1). Emptied when it reaches this size.
 */
const ANCESTOR_CACHE_SIZE = 10_000
const ancestorCache = new Map<string, readonly string[]>()

/** The paths of a unit's ancestors, outermost first: 二/（三）/1 → 二, 二/（三）. */
export function ancestorPaths(path: string): readonly string[] {
  let ancestors = ancestorCache.get(path)
  if (!ancestors) {
    const parts = path.split('/')
    ancestors = parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'))
    if (ancestorCache.size >= ANCESTOR_CACHE_SIZE) ancestorCache.clear()
    ancestorCache.set(path, ancestors)
  }
  return ancestors
}

/** A unit's marker and heading as the document prints them: 二、主要任务, （三）…, 1.…, 专栏3 …. */
export function unitLabel(clause: Pick<Clause, 'path' | 'kind' | 'heading' | 'text'>): string {
  const segment = clause.path.split('/').pop() ?? clause.path
  const title = clause.heading || (clause.kind === 'row' ? clause.text.split('\n')[0].slice(0, ROW_LABEL_CHARS) : '')
  switch (clause.kind) {
    case 'chapter':
      return `${segment}、${title}`
    case 'item':
    case 'boxitem':
      return `${segment}. ${title}`.trim()
    case 'preamble':
    case 'closing':
      return segment
    case 'yearcell':
      return segment
    default:
      return `${segment} ${title}`.trim()
  }
}

/** The breadcrumb of a unit: its ancestors' labels, outermost first. */
export function breadcrumbOf(path: string, byPath: ReadonlyMap<string, Clause>): string {
  return ancestorPaths(path)
    .map((p) => byPath.get(p))
    .filter((c): c is Clause => c !== undefined)
    .map(unitLabel)
    .join(BREADCRUMB_SEPARATOR)
}
