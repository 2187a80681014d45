/** @module HTTP request and response schemas; the OpenAPI document is generated from these. */
import { z } from '@hono/zod-openapi'
import { stripControlCharacters } from './clean-text.js'

/** Limits on user input, shared by every channel. */
export const inputLimits = {
  /** Characters in one question (after trimming). */
  questionMaxChars: 500,
  /** Turns of history a client may send. */
  historyMaxTurns: 20,
  /** Characters in one history turn. */
  historyTurnMaxChars: 2000,
  /** Results /api/search may return. */
  searchMaxK: 20,
} as const

export const ChatTurnSchema = z
  .object({
    role: z.enum(['user', 'assistant'], { message: 'role 只能是 user 或 assistant' }),
    content: z
      .string({ message: 'content 必须是字符串' })
      .overwrite(stripControlCharacters)
      .max(inputLimits.historyTurnMaxChars, `每轮对话不能超过 ${inputLimits.historyTurnMaxChars} 个字符`),
  })
  .openapi('ChatTurn')
export type ChatTurn = z.infer<typeof ChatTurnSchema>

const questionText = z
  .string({ message: '问题必须是文本' })
  .overwrite(stripControlCharacters)
  .trim()
  .min(1, '问题不能为空')
  .max(inputLimits.questionMaxChars, `问题不能超过 ${inputLimits.questionMaxChars} 个字符`)

const historySchema = z
  .array(ChatTurnSchema, { message: 'history 必须是对话数组' })
  .max(inputLimits.historyMaxTurns, `history 最多 ${inputLimits.historyMaxTurns} 轮`)

const citySchema = z.string().overwrite(stripControlCharacters).trim().max(20, '城市名称过长').optional()

export const ChatRequestSchema = z
  .object({
    question: questionText.openapi({ example: '连云港对招用高校毕业生的企业有什么补贴？' }),
    history: historySchema.optional(),
    conversationId: z
      .string()
      .max(64, 'conversationId 过长')
      .optional()
      .describe('Returned by every answer; send it back to continue the conversation'),
    city: citySchema.describe('Restrict answers to this city, county or district'),
  })
  .openapi('ChatRequest')
export type ChatRequest = z.infer<typeof ChatRequestSchema>

export const ValidityStatusSchema = z.enum(['current', 'expired', 'draft', 'unknown'])
export type ValidityStatus = z.infer<typeof ValidityStatusSchema>

/** A citation in the shape CITATIONS.md fixes: city, docKey and path are the contract. */
export const CitationSchema = z
  .object({
    city: z.string(),
    docKey: z.string(),
    docTitle: z.string(),
    path: z.string(),
    label: z.string().describe('Human-readable, e.g. 常州市《…》二（三）1'),
    quote: z.string().describe('The cited clause text'),
    validity: z.string().describe('What applies today, in Chinese'),
    status: ValidityStatusSchema.describe('Machine-readable validity: current, expired, draft or unknown'),
  })
  .openapi('Citation')
export type Citation = z.infer<typeof CitationSchema>

export const ChatResponseSchema = z
  .object({
    answer: z.string(),
    citations: z.array(CitationSchema),
    abstained: z.boolean(),
    conversationId: z.string(),
    rewrittenQuery: z.string().optional(),
  })
  .openapi('ChatResponse')
export type ChatResponse = z.infer<typeof ChatResponseSchema>

export const SearchRequestSchema = z
  .object({
    query: questionText.openapi({ example: '创业担保贷款额度' }),
    history: historySchema.optional(),
    k: z
      .number({ message: 'k 必须是数字' })
      .int('k 必须是整数')
      .min(1, 'k 最小为 1')
      .max(inputLimits.searchMaxK, `k 最大为 ${inputLimits.searchMaxK}`)
      .default(5),
    city: citySchema,
    conversationId: z.string().max(64, 'conversationId 过长').optional().describe('Search in the context of this conversation'),
  })
  .openapi('SearchRequest')
export type SearchRequest = z.infer<typeof SearchRequestSchema>

export const SearchResultSchema = z
  .object({
    docKey: z.string(),
    city: z.string(),
    docTitle: z.string(),
    path: z.string(),
    heading: z.string(),
    text: z.string(),
    score: z.number(),
  })
  .openapi('SearchResult')
export type SearchResult = z.infer<typeof SearchResultSchema>

export const SearchResponseSchema = z
  .object({ results: z.array(SearchResultSchema) })
  .openapi('SearchResponse')

export const ErrorResponseSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('ErrorResponse')

/** A document on file, as /api/docs lists it. */
export const DocumentSummarySchema = z
  .object({
    docKey: z.string(),
    city: z.string(),
    title: z.string(),
    issuer: z.string().optional(),
    date: z.string().optional(),
    validFrom: z.string().optional(),
    validTo: z.string().optional(),
    draft: z.boolean(),
    validity: z.string().describe('What applies today, in Chinese'),
    status: ValidityStatusSchema,
    units: z.number().int(),
    unitsByKind: z.record(z.string(), z.number().int()),
  })
  .openapi('DocumentSummary')
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>

/** One unit in a document's tree (GET /api/docs/:docKey). */
export const UnitNodeSchema = z
  .object({
    path: z.string(),
    kind: z.string(),
    label: z.string().describe('Marker and heading as printed, e.g. 二、主要任务'),
    heading: z.string(),
    text: z.string(),
    lead: z.string().optional(),
  })
  .openapi('UnitNode')

export const DocumentDetailSchema = z
  .object({ document: DocumentSummarySchema, units: z.array(UnitNodeSchema) })
  .openapi('DocumentDetail')
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>

/** One unit with its context (GET /api/clause). */
export const ClauseDetailSchema = z
  .object({
    citation: CitationSchema,
    kind: z.string(),
    heading: z.string(),
    breadcrumb: z.string(),
    parent: z.object({ path: z.string(), label: z.string() }).optional(),
    previous: z.object({ path: z.string(), label: z.string() }).optional(),
    next: z.object({ path: z.string(), label: z.string() }).optional(),
    children: z.array(z.object({ path: z.string(), label: z.string() })),
  })
  .openapi('ClauseDetail')
export type ClauseDetail = z.infer<typeof ClauseDetailSchema>

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    indexVersion: z.string(),
    documents: z.number().int(),
    clauses: z.number().int(),
  })
  .openapi('Health')
export type Health = z.infer<typeof HealthSchema>

/** The state of the index rebuild started by POST /api/admin/reindex. */
export const ReindexStatusSchema = z
  .object({
    state: z
      .enum(['idle', 'running', 'succeeded', 'failed'])
      .describe('idle: none since start; the others describe the last rebuild'),
    indexVersion: z.string().describe('The index answering now'),
    startedAt: z.string().optional().describe('When the last rebuild started (ISO 8601)'),
    finishedAt: z.string().optional().describe('When it ended'),
    error: z
      .string()
      .optional()
      .describe('Why the last rebuild failed; the previous index kept answering'),
  })
  .openapi('ReindexStatus')
export type ReindexStatus = z.infer<typeof ReindexStatusSchema>
