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
})
export type Config = z.infer<typeof ConfigSchema>

/** Parses the environment, naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env)
  if (result.success) return result.data
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
  throw new Error(`Configuration is invalid: ${problems}`)
}
