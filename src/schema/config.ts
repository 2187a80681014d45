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
})
export type Config = z.infer<typeof ConfigSchema>

/** Parses the environment, naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env)
  if (result.success) return result.data
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
  throw new Error(`Configuration is invalid: ${problems}`)
}
