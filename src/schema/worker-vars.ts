/** @module The Worker's `[vars]` (wrangler.toml), validated on the first request. */
import { z } from 'zod'
import { WechatSettingsSchema } from './wechat-settings.js'

/**
 * Variables of the Workers deployment, secrets included (`wrangler secret put` puts them in the
 * same env); bindings (D1, Vectorize, AI…) are typed in src/worker.ts. The WeChat settings are the
 * Node server's (wechat-settings.ts).
 */
export const WorkerVarsSchema = z.object({
  EMBEDDINGS_MODEL: z
    .string()
    .min(1)
    .default('@cf/baai/bge-m3')
    .describe('Workers AI embedding model of the queries; must be the one the export embedded the chunks with'),
  CHAT_MODEL: z
    .string()
    .default('')
    .describe('Workers AI chat model that writes answers from the cited clauses (eg @cf/qwen/qwen3-30b-a3b-fp8); empty: extractive answers'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000).describe('Longest a model answer may take before the extractive one is sent'),
  TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional()
    .describe('Fixes the date validity is judged against; default: the real date'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .describe('Comma-separated origins allowed to call /api/*, or *')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  ...WechatSettingsSchema.shape,
})
export type WorkerVars = z.infer<typeof WorkerVarsSchema>
