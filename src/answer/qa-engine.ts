/** @module QaEngine: the assistant over one loaded index — chat, search and the catalogue of documents. */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
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
import type { PolicyIndex, PolicySource } from '../retrieval/policy-index.js'
import { policySource } from '../retrieval/memory-stores.js'
import type { Segmenter } from '../retrieval/segmenter.js'
import { HybridRetriever, type HybridRetrieverOptions } from '../retrieval/hybrid-retriever.js'
import { breadcrumbOf, unitLabel } from '../retrieval/breadcrumb.js'
import { composeAnswer, type ComposeAnswerOptions, type ComposedAnswer } from './compose-answer.js'
import { GroundedAnswerer, type AnswerEvent, type GroundedAnswererOptions, type GroundingRequest } from './grounded-answerer.js'
import { citeClause } from './cite-clause.js'
import { assessValidity } from './validity.js'
import { resolveFollowUp } from './resolve-followup.js'
import { smallTalkReply } from './small-talk.js'
import type { ConversationStore } from './conversation-store.js'
import { MemoryConversationStore } from './memory-conversation-store.js'
import { LruCache } from './lru-cache.js'
import { CONVERSATION_ID, type StoredTurn } from '../schema/conversation.js'

export interface QaEngineOptions {
  /** Units retrieved for composing an answer (more than are cited: the composer chooses). Default 8. */
  answerCandidates: number
  retriever: Partial<HybridRetrieverOptions>
  answer: Partial<ComposeAnswerOptions>
  /** Today, injected so that tests can fix the date validity is computed against. */
  clock: () => Date
  /** Where conversations are remembered between requests. Default: in memory (LRU with TTL). */
  conversations: ConversationStore
  /** A new random, unguessable conversation id. */
  newConversationId: () => string
  /**
   * A chat model that writes answers from the retrieved clauses, checked by the guards of
   * {@link GroundedAnswerer} and falling back to the extractive answer. Default none: extractive.
   */
  model?: BaseChatModel
  /** Timeout, prompt size, circuit breaker and log of model answers (see GroundedAnswererOptions). */
  grounding: Partial<GroundedAnswererOptions>
  /**
   * Prepared answers (retrieval and extractive answer) remembered, keyed by all they depend on:
   * the standalone question, the city, the conversation context a follow-up carries, the units it
   * points back at and the UTC day (validity is computed against today). The cache belongs to
   * this engine, so to this index: a re-index builds a new engine. 0 turns it off. Default 1000
   * (a few MB): a public assistant hears the same questions again and again.
   */
  answerCacheSize: number
}

/** Per-call options of {@link QaEngine.chat}. */
export type ChatCallOptions = {
  /**
   * Keep a well-formed `conversationId` even when it is unknown or expired, starting the
   * conversation under it instead of under a new random id. Only for ids the server derives itself
   * (WeChat keys a conversation by the sender's OpenID, and a follow-up carries nothing else);
   * never for an id a client sent, which could then be chosen or guessed by someone else.
   */
  pinConversationId?: boolean
}

/**
 * A step of a streamed answer: text to append (`delta`), text that replaces all sent so far
 * (`replace`, when the guards changed a model's answer or it failed midway), and last the whole
 * response (`done`), whose `answer` is the concatenation of the deltas after the last replace.
 */
export type ChatStreamEvent = AnswerEvent | { type: 'done'; response: ChatResponse }

export const defaultQaEngineOptions: QaEngineOptions = {
  answerCandidates: 8,
  retriever: {},
  answer: {},
  clock: () => new Date(),
  conversations: new MemoryConversationStore(),
  newConversationId: () => crypto.randomUUID(),
  grounding: {},
  answerCacheSize: 1000,
}

/** A question's retrieval and extractive answer, shared by the requests that ask it again. */
type Prepared = Pick<GroundingRequest, 'retrieval' | 'extractive'> & { composeContext: GroundingRequest['context'] }

/**
 * Answers questions over one index; implements the server's QaService and PolicyCatalog. Takes a
 * loaded index (Node) or a {@link PolicySource} over other stores (D1 and Vectorize on Workers).
 */
export class QaEngine {
  readonly retriever: HybridRetriever
  readonly #source: PolicySource
  readonly #documents: Map<string, DocumentInfo>
  readonly #options: QaEngineOptions
  readonly #answerer: GroundedAnswerer | undefined
  readonly #prepared: LruCache<Prepared> | undefined

  constructor(index: PolicyIndex | PolicySource, segmenter: Segmenter, options: Partial<QaEngineOptions> = {}) {
    this.#options = { ...defaultQaEngineOptions, ...options }
    this.#answerer = this.#options.model ? new GroundedAnswerer(this.#options.model, this.#options.grounding) : undefined
    this.#prepared = this.#options.answerCacheSize > 0 ? new LruCache(this.#options.answerCacheSize) : undefined
    this.#source = policySource(index)
    this.retriever = new HybridRetriever(this.#source, segmenter, this.#options.retriever)
    this.#documents = new Map(index.manifest.documents.map((d) => [d.docKey, d]))
  }

  /**
   * Answers a question. The conversation is the request's `history` when given (it wins), else
   * the turns remembered under `conversationId`; an unknown or malformed id starts a new
   * conversation with a fresh id (or under the same id with `pinConversationId`). The question
   * and its answer are remembered either way (greetings and thanks are answered, not remembered).
   */
  async chat(request: ChatRequest, options: ChatCallOptions = {}): Promise<ChatResponse> {
    const direct = await this.#smallTalk(request, options)
    if (direct) return direct
    const turn = await this.#prepare(request, options)
    const answer = this.#answerer ? await this.#answerer.answer(turn.grounding) : turn.grounding.extractive
    return this.#finish(turn, answer)
  }

  /**
   * {@link chat} as a stream: the model's text as it is written (an extractive answer in one
   * piece), then `done` with the response. The conversation is remembered once the answer is final.
   */
  async *chatStream(request: ChatRequest, options: ChatCallOptions = {}): AsyncGenerator<ChatStreamEvent, void, undefined> {
    const direct = await this.#smallTalk(request, options)
    if (direct) {
      yield { type: 'delta', text: direct.answer }
      yield { type: 'done', response: direct }
      return
    }
    const turn = await this.#prepare(request, options)
    let answer = turn.grounding.extractive
    if (this.#answerer) answer = yield* this.#answerer.stream(turn.grounding)
    else yield { type: 'delta', text: answer.answer }
    yield { type: 'done', response: await this.#finish(turn, answer) }
  }

  /**
   * The reply to a greeting, thanks or goodbye, without retrieval or model; `abstained` as it
   * cites nothing. Not remembered: 「谢谢」 between a question and its follow-up must not become
   * the topic.
   */
  async #smallTalk(request: ChatRequest, options: ChatCallOptions): Promise<ChatResponse | undefined> {
    const answer = smallTalkReply(request.question, this.#cities())
    if (!answer) return undefined
    const { id } = await this.#conversation(request.conversationId, options.pinConversationId)
    return { answer, citations: [], abstained: true, conversationId: id }
  }

  /** Conversation, follow-up resolution, retrieval and the extractive answer of a question. */
  async #prepare(request: ChatRequest, options: ChatCallOptions) {
    const { id, turns } = await this.#conversation(request.conversationId, options.pinConversationId)
    const history = request.history ?? turns
    const now = this.#options.clock()
    const { standalone, context, prefer, rewritten } = resolveFollowUp(request.question, history, this.retriever.places)
    const key = JSON.stringify([standalone, request.city ?? null, context ?? null, prefer ?? null, now.toISOString().slice(0, 10)])
    let prepared = this.#prepared?.get(key)
    if (!prepared) {
      const retrieval = await this.retriever.retrieve(standalone, {
        k: this.#options.answerCandidates,
        city: request.city,
        context,
        prefer,
      })
      const tree = await this.#source.store.tree([...new Set(retrieval.hits.map((h) => h.clause.docKey))])
      const composeContext = { tree, documents: this.#documents, today: now }
      prepared = { retrieval, composeContext, extractive: composeAnswer(retrieval, composeContext, this.#options.answer) }
      this.#prepared?.set(key, prepared)
    }
    const { retrieval, extractive, composeContext } = prepared
    const grounding: GroundingRequest = {
      question: request.question,
      ...(rewritten ? { rewrittenQuery: standalone } : {}),
      retrieval,
      extractive,
      context: composeContext,
    }
    return { id, question: request.question, at: now.getTime(), grounding }
  }

  /** Remembers the question and its final answer; the response. */
  async #finish(turn: { id: string; question: string; at: number; grounding: GroundingRequest }, composed: ComposedAnswer): Promise<ChatResponse> {
    const { id, question, at, grounding } = turn
    const remembered: StoredTurn[] = [
      { role: 'user', content: question, at },
      {
        role: 'assistant',
        content: composed.answer,
        citations: composed.citations.map((c) => ({ docKey: c.docKey, path: c.path })),
        at,
      },
    ]
    await this.#options.conversations.append(id, remembered)
    const { rewrittenQuery } = grounding
    return { ...composed, conversationId: id, ...(rewrittenQuery ? { rewrittenQuery } : {}) }
  }

  async search(request: SearchRequest): Promise<SearchResult[]> {
    const history = request.history ?? (await this.#conversation(request.conversationId)).turns
    const { standalone, context, prefer } = resolveFollowUp(request.query, history, this.retriever.places)
    const { hits } = await this.retriever.retrieve(standalone, { k: request.k, city: request.city, context, prefer })
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

  /** The cities on file, in manifest order. */
  #cities(): string[] {
    return [...new Set([...this.#documents.values()].map((d) => d.city))]
  }

  documents(): DocumentSummary[] {
    return [...this.#documents.values()].map((d) => this.#summary(d))
  }

  async document(docKey: string): Promise<DocumentDetail | undefined> {
    const doc = this.#documents.get(docKey)
    if (!doc) return undefined
    const units = (await this.#source.store.tree([docKey])).unitsOf(docKey).map((c) => ({
      path: c.path,
      kind: c.kind,
      label: unitLabel(c),
      heading: c.heading,
      text: c.text,
      ...(c.lead ? { lead: c.lead } : {}),
    }))
    return { document: this.#summary(doc), units }
  }

  async clause(docKey: string, path: string): Promise<ClauseDetail | undefined> {
    const doc = this.#documents.get(docKey)
    if (!doc) return undefined
    const tree = await this.#source.store.tree([docKey])
    const clause = tree.get(docKey, path)
    if (!clause) return undefined
    const ref = (c: Clause | undefined) => (c ? { path: c.path, label: unitLabel(c) } : undefined)
    const { previous, next } = tree.neighboursOf(clause)
    const byPath = new Map(tree.unitsOf(docKey).map((c) => [c.path, c]))
    return {
      citation: citeClause(clause, doc, this.#options.clock()),
      kind: clause.kind,
      heading: clause.heading,
      breadcrumb: breadcrumbOf(clause.path, byPath),
      parent: ref(tree.parentOf(clause)),
      previous: ref(previous),
      next: ref(next),
      children: tree.childrenOf(clause).map((c) => ref(c)!),
    }
  }

  health(): Health {
    const { manifest } = this.#source
    return { status: 'ok', indexVersion: manifest.indexVersion, documents: manifest.documents.length, clauses: manifest.clauses }
  }

  /** The remembered turns of a conversation, or a new id when the given one is unknown and not pinned. */
  async #conversation(conversationId: string | undefined, pin = false): Promise<{ id: string; turns: StoredTurn[] }> {
    if (conversationId && CONVERSATION_ID.test(conversationId)) {
      const turns = await this.#options.conversations.get(conversationId)
      if (turns) return { id: conversationId, turns }
      if (pin) return { id: conversationId, turns: [] }
    }
    return { id: this.#options.newConversationId(), turns: [] }
  }

  #summary(doc: DocumentInfo): DocumentSummary {
    const unitsByKind = this.#source.unitsByKind.get(doc.docKey) ?? {}
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
