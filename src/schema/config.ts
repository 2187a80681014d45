/** @module Configuration: every environment variable, its default, validated once at start. */
import { z } from 'zod'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')

/** Environment variables of the Node server, with defaults. The README's table is this schema. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to listen on'),
  INDEX_DIR: z.string().min(1).default('.data/index').describe('Index folder (built from DOCS_DIRS when missing)'),
  DOCS_DIRS: z
    .string()
    .min(1)
    .default('seeds')
    .describe('Comma-separated document folders the index is built from')
    .transform((s) => s.split(',').map((d) => d.trim()).filter(Boolean)),
  TODAY: isoDay
    .optional()
    .describe('Fixes the date validity is judged against (reproducible evals and demos); default: the real date'),
  RATE_LIMIT_PER_MIN: z.coerce
    .number()
    .int()
    .min(0)
    .default(60)
    .describe('Requests a minute per client on /api/* (also the largest burst); over it: 429 with Retry-After. 0 disables'),
  TRUSTED_PROXIES: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe('Reverse proxies in front of the server; the client is then read from X-Forwarded-For. 0: the socket address'),
  MAX_CONCURRENT_REQUESTS: z.coerce
    .number()
    .int()
    .min(1)
    .default(64)
    .describe('Requests in progress at once on /api/*; more are shed with 503 and Retry-After, never queued'),
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe('Longest an /api/* request may take (503 TIMEOUT) and longest a client may take to send one. 0: none'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .describe('Comma-separated origins (https://host[:port]) whose pages may call /api/*, or *; default none (same origin only)')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin such as https://rsj.example.gov.cn, without a path')]))),
  ADMIN_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~+/-]{16,}=*$/, 'must be at least 16 characters of A-Z a-z 0-9 . _ ~ + / -')
    .optional()
    .describe('Bearer token of the admin API (/api/admin/*, e.g. POST /api/admin/reindex); without it the admin API answers 404'),
  UPLOAD_DIR: z
    .string()
    .min(1)
    .default('.data/uploads')
    .describe('Folder for documents added through POST /api/admin/documents (with its manifest.json); indexed after DOCS_DIRS'),
  CONVERSATION_STORE: z
    .enum(['memory', 'sqlite'])
    .default('memory')
    .describe('Where conversations are kept between requests: `memory` (LRU, lost on restart) or `sqlite` (CONVERSATION_DB, survives restarts)'),
  CONVERSATION_DB: z
    .string()
    .min(1)
    .default('.data/conversations.sqlite')
    .describe('SQLite file of the `sqlite` conversation store (created with its folder when missing)'),
  CONVERSATION_TTL_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(120)
    .describe('Minutes after its last turn that a conversation is forgotten'),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
    .default('info')
    .describe('Structured log (JSON lines on stdout): one `request` line per request at info, failures at error'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe('On SIGTERM, how long requests in progress may take to finish before their connections are cut'),
  PUBLIC_BASE_URL: z
    .url()
    .optional()
    .describe('Public root of this service (https://…) for absolute links, e.g. in WeChat answers; without it they carry no link'),
  WECHAT_TOKEN: z
    .string()
    .min(1)
    .optional()
    .describe('WeChat 公众号 Token (基本配置); enables GET|POST /wechat, which answers 404 without it'),
  WECHAT_APPID: z.string().min(1).optional().describe('WeChat AppID; required with WECHAT_AES_KEY or WECHAT_APPSECRET'),
  WECHAT_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey')
    .optional()
    .describe('EncodingAESKey; when set, 安全模式 and 兼容模式 (encrypted) messages are accepted'),
  WECHAT_APPSECRET: z
    .string()
    .min(1)
    .optional()
    .describe('WeChat AppSecret; enables the customer-service API for answers slower than the reply deadline'),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com').describe('WeChat API root (token and customer-service message)'),
  WECHAT_TIMESTAMP_WINDOW_S: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(300)
    .describe('Largest gap between a push timestamp and now, in seconds; older or newer pushes are dropped'),
  WECHAT_REPLY_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(4800)
    .default(4000)
    .describe('How long a push waits for its answer before replying `success` and sending it by customer-service message (WeChat waits 5 s)'),
  LLM_BASE_URL: z
    .url()
    .optional()
    .describe('OpenAI-compatible API root of a chat model (…/v1: Qwen, DeepSeek, GLM, vLLM, Ollama); enables model answers. Without it answers are extractive (offline)'),
  LLM_API_KEY: z.string().min(1).optional().describe('Bearer key of LLM_BASE_URL; none for a local server'),
  LLM_MODEL: z.string().min(1).optional().describe('Chat model name, e.g. qwen-plus, deepseek-chat; required with LLM_BASE_URL'),
  LLM_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(120_000)
    .default(8000)
    .describe('Longest wait for the model (whole answer; when streaming, first token and each gap), after which the extractive answer is given'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1).describe('Sampling temperature, 0–2; low keeps answers close to the clauses'),
  EMBEDDINGS_BASE_URL: z
    .url()
    .optional()
    .describe('OpenAI-compatible API root of an embedding model (…/v1, e.g. a bge-m3 server); ingest and queries then use it instead of the local hashing embedding'),
  EMBEDDINGS_API_KEY: z.string().min(1).optional().describe('Bearer key of EMBEDDINGS_BASE_URL; none for a local server'),
  EMBEDDINGS_MODEL: z.string().min(1).optional().describe('Embedding model name, e.g. bge-m3; required with EMBEDDINGS_BASE_URL; recorded in the index'),
  EMBEDDINGS_DIMENSIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_536)
    .optional()
    .describe('Length of the model’s vectors (bge-m3: 1024); required with EMBEDDINGS_BASE_URL; recorded in the index and checked at start'),
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(32).describe('Texts per embeddings request at ingest'),
  EMBEDDINGS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(120_000)
    .default(10_000)
    .describe('Longest wait for one embeddings request; a query whose embedding fails is searched by BM25 alone'),
}).superRefine(requireModelSettings)
export type Config = z.infer<typeof ConfigSchema>

/** Parses the environment, naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env)
  if (result.success) return result.data
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
  throw new Error(`Configuration is invalid: ${problems}`)
}

/** A model needs its name (and an embedding its size) as soon as its URL is given. */
function requireModelSettings(config: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const required: [string, string][] = [
    ['LLM_BASE_URL', 'LLM_MODEL'],
    ['EMBEDDINGS_BASE_URL', 'EMBEDDINGS_MODEL'],
    ['EMBEDDINGS_BASE_URL', 'EMBEDDINGS_DIMENSIONS'],
  ]
  for (const [given, needed] of required) {
    if (config[given] !== undefined && config[needed] === undefined) {
      ctx.addIssue({ code: 'custom', path: [needed], message: `required with ${given}` })
    }
  }
  // The fallback answer must still fit in the request's time.
  const { LLM_BASE_URL, LLM_TIMEOUT_MS, REQUEST_TIMEOUT_MS } = config
  if (LLM_BASE_URL && typeof REQUEST_TIMEOUT_MS === 'number' && REQUEST_TIMEOUT_MS > 0 && Number(LLM_TIMEOUT_MS) >= REQUEST_TIMEOUT_MS) {
    ctx.addIssue({ code: 'custom', path: ['LLM_TIMEOUT_MS'], message: `must be below REQUEST_TIMEOUT_MS (${REQUEST_TIMEOUT_MS})` })
  }
}
