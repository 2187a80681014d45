/** @module pino-log: the Node server's structured log (JSON lines on stdout), personal ids redacted. */
import { pino, type DestinationStream, type Logger } from 'pino'
import type { ErrorLog } from '../../server/errors.js'
import type { AccessLogEntry } from '../../server/middleware/access-log/index.js'
import { redactSensitive } from '../../server/redact.js'

export type PinoLogOptions = {
  /** pino level: trace, debug, info, warn, error, fatal or silent. Default info. */
  level: string
  /** Where lines go. Default stdout. Tests pass a stream to read them. */
  destination?: DestinationStream
}

export const defaultPinoLogOptions: PinoLogOptions = { level: 'info' }

/** What the composition root wires: the app's access and error logs, and a logger for the rest. */
export type ServerLog = {
  logger: Logger
  accessLog: (entry: AccessLogEntry) => void
  errorLog: ErrorLog
}

/**
 * A pino logger whose every string, at any depth, error messages and stacks included, goes through
 * `redactSensitive` (OpenIDs, ID card and mobile numbers), plus the app's two log functions.
 * Errors keep their stack here: the log is the one place it belongs, never a response.
 *
 * @example
 * ```ts
 * const log = createPinoLog({ level: config.LOG_LEVEL })
 * createApp({ …, accessLog: log.accessLog, log: log.errorLog })
 * ```
 */
export function createPinoLog(options: Partial<PinoLogOptions> = {}): ServerLog {
  const { level, destination } = { ...defaultPinoLogOptions, ...options }
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object) as Record<string, unknown>,
      },
    },
    destination
  )
  return {
    logger,
    accessLog: (entry) => logger.info(entry, 'request'),
    errorLog: ({ requestId, status, error }) =>
      logger.error({ requestId, status, err: serializeError(error) }, 'request failed'),
  }
}

/** An error as plain data, so that the redaction sees its message and stack. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return { message: String(error) }
  const code = (error as { code?: unknown }).code
  return {
    type: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    stack: error.stack,
    ...(error.cause !== undefined ? { cause: serializeError(error.cause) } : {}),
  }
}

/** Strings redacted at any depth; a depth bound keeps a cyclic or huge object from looping. */
function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSensitive(value)
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) return redactDeep(serializeError(value), depth + 1)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]))
}
