/** @module QaEngine: the assistant over one loaded index — chat, search and the catalogue of documents. */
import type { Clause, DocumentInfo } from '../schema/clause.js'
import type {
  ChatRequest,
  ChatResponse,
  ClauseDetail,
  DocumentDetail,
  DocumentSummary,
  Health,
  SearchRequest,
  SearchResult,
} from '../schema/api.js'
import type { PolicyIndex } from '../retrieval/policy-index.js'
import type { Segmenter } from '../retrieval/segmenter.js'
import { HybridRetriever, type HybridRetrieverOptions } from '../retrieval/hybrid-retriever.js'
import { ClauseTree } from '../retrieval/clause-tree.js'
import { breadcrumbOf, unitLabel } from '../retrieval/breadcrumb.js'
import { composeAnswer, type ComposeAnswerOptions } from './compose-answer.js'
import { citeClause } from './cite-clause.js'
import { assessValidity } from './validity.js'
import { resolveFollowUp } from './resolve-followup.js'

export interface QaEngineOptions {
  /** Units retrieved for composing an answer (more than are cited: the composer chooses). Default 8. */
  answerCandidates: number
  retriever: Partial<HybridRetrieverOptions>
  answer: Partial<ComposeAnswerOptions>
  /** Today, injected so that tests can fix the date validity is computed against. */
  clock: () => Date
}

export const defaultQaEngineOptions: QaEngineOptions = {
  answerCandidates: 8,
  retriever: {},
  answer: {},
  clock: () => new Date(),
}

/** Answers questions over one index; implements the server's QaService and PolicyCatalog. */
export class QaEngine {
  readonly retriever: HybridRetriever
  readonly tree: ClauseTree
  readonly #index: PolicyIndex
  readonly #documents: Map<string, DocumentInfo>
  readonly #options: QaEngineOptions

  constructor(index: PolicyIndex, segmenter: Segmenter, options: Partial<QaEngineOptions> = {}) {
    this.#options = { ...defaultQaEngineOptions, ...options }
    this.#index = index
    this.retriever = new HybridRetriever(index, segmenter, this.#options.retriever)
    this.tree = new ClauseTree(index.clauses)
    this.#documents = new Map(index.manifest.documents.map((d) => [d.docKey, d]))
  }

  async chat(request: ChatRequest & { conversationId: string }): Promise<ChatResponse> {
    const { standalone, context, rewritten } = resolveFollowUp(request.question, request.history ?? [], this.retriever.places)
    const retrieval = await this.retriever.retrieve(standalone, { k: this.#options.answerCandidates, city: request.city, context })
    const composed = composeAnswer(
      retrieval,
      { tree: this.tree, documents: this.#documents, today: this.#options.clock() },
      this.#options.answer
    )
    return { ...composed, conversationId: request.conversationId, ...(rewritten ? { rewrittenQuery: standalone } : {}) }
  }

  async search(request: SearchRequest): Promise<SearchResult[]> {
    const { standalone, context } = resolveFollowUp(request.query, request.history ?? [], this.retriever.places)
    const { hits } = await this.retriever.retrieve(standalone, { k: request.k, city: request.city, context })
    return hits.map(({ clause, score }) => ({
      docKey: clause.docKey,
      city: clause.city,
      docTitle: clause.docTitle,
      path: clause.path,
      heading: clause.heading,
      text: clause.text,
      score: Math.round(score * 10000) / 10000,
    }))
  }

  documents(): DocumentSummary[] {
    return [...this.#documents.values()].map((d) => this.#summary(d))
  }

  document(docKey: string): DocumentDetail | undefined {
    const doc = this.#documents.get(docKey)
    if (!doc) return undefined
    const units = this.tree.unitsOf(docKey).map((c) => ({
      path: c.path,
      kind: c.kind,
      label: unitLabel(c),
      heading: c.heading,
      text: c.text,
      ...(c.lead ? { lead: c.lead } : {}),
    }))
    return { document: this.#summary(doc), units }
  }

  clause(docKey: string, path: string): ClauseDetail | undefined {
    const clause = this.tree.get(docKey, path)
    const doc = this.#documents.get(docKey)
    if (!clause || !doc) return undefined
    const ref = (c: Clause | undefined) => (c ? { path: c.path, label: unitLabel(c) } : undefined)
    const { previous, next } = this.tree.neighboursOf(clause)
    const byPath = new Map(this.tree.unitsOf(docKey).map((c) => [c.path, c]))
    return {
      citation: citeClause(clause, doc, this.#options.clock()),
      kind: clause.kind,
      heading: clause.heading,
      breadcrumb: breadcrumbOf(clause.path, byPath),
      parent: ref(this.tree.parentOf(clause)),
      previous: ref(previous),
      next: ref(next),
      children: this.tree.childrenOf(clause).map((c) => ref(c)!),
    }
  }

  health(): Health {
    const { manifest } = this.#index
    return { status: 'ok', indexVersion: manifest.indexVersion, documents: manifest.documents.length, clauses: manifest.clauses }
  }

  #summary(doc: DocumentInfo): DocumentSummary {
    const unitsByKind: Record<string, number> = {}
    for (const c of this.tree.unitsOf(doc.docKey)) unitsByKind[c.kind] = (unitsByKind[c.kind] ?? 0) + 1
    const validity = assessValidity(doc, '', this.#options.clock())
    return {
      docKey: doc.docKey,
      city: doc.city,
      title: doc.title,
      issuer: doc.issuer,
      date: doc.date,
      validFrom: doc.validFrom,
      validTo: doc.validTo,
      draft: doc.draft,
      validity: validity.text,
      status: validity.status,
      units: doc.units,
      unitsByKind,
    }
  }
}
