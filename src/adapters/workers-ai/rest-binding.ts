/** @module Workers AI over its REST API, shaped like the `AI` binding, for code outside a Worker. */
import type { Ai } from '@cloudflare/workers-types'
import type { WorkersAiBinding } from './index.js'

export type WorkersAiRestOptions = {
  /** Cloudflare account id (CLOUDFLARE_ACCOUNT_ID). Required. */
  accountId: string
  /** API token with the "Workers AI: Read" permission (CLOUDFLARE_API_TOKEN). Required. */
  apiToken: string
  /** API root. Default `https://api.cloudflare.com/client/v4`; tests point it at a fake server. */
  baseUrl?: string
  /** Request timeout in ms. Default 60 000: a batch of 50 long chunks can take tens of seconds. */
  timeoutMs?: number
}

export const defaultWorkersAiRestOptions = {
  baseUrl: 'https://api.cloudflare.com/client/v4',
  timeoutMs: 60_000,
} satisfies Partial<WorkersAiRestOptions>

type RestEnvelope = {
  success?: boolean
  result?: unknown
  errors?: Array<{ code?: number; message?: string }>
}

/**
 * A {@link WorkersAiBinding} that posts to `{baseUrl}/accounts/{accountId}/ai/run/{model}` and
 * returns the envelope's `result`, so `WorkersAiEmbeddings` runs unchanged in the export script,
 * with the same model the Worker queries with. Not for streaming. Errors carry the HTTP status
 * and Cloudflare's error codes; the token never appears in them.
 *
 * @example
 * const binding = createWorkersAiRestBinding({ accountId, apiToken })
 * const embeddings = new WorkersAiEmbeddings({ binding })
 */
export function createWorkersAiRestBinding(options: WorkersAiRestOptions): WorkersAiBinding {
  const { accountId, apiToken, baseUrl, timeoutMs } = { ...defaultWorkersAiRestOptions, ...options }
  if (!/^[0-9a-f]{32}$/i.test(accountId ?? '')) {
    throw new Error(
      'workers-ai rest: accountId must be the 32-hex-digit Cloudflare account id (CLOUDFLARE_ACCOUNT_ID; `wrangler whoami` shows it)'
    )
  }
  if (!apiToken) {
    throw new Error(
      'workers-ai rest: apiToken is required (CLOUDFLARE_API_TOKEN, a token with the "Workers AI: Read" permission)'
    )
  }
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new Error(
      `workers-ai rest: baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}`
    )
  }
  const root = `${baseUrl.replace(/\/+$/, '')}/accounts/${accountId}/ai/run/`

  async function run(
    model: string,
    inputs: Record<string, unknown>,
    runOptions?: { signal?: AbortSignal }
  ): Promise<unknown> {
    if (inputs.stream === true)
      throw new Error('workers-ai rest: streaming is not supported by this binding')
    const signal = runOptions?.signal
      ? AbortSignal.any([runOptions.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs)
    const response = await fetch(root + model, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(inputs),
      signal,
    })
    let envelope: RestEnvelope
    try {
      envelope = (await response.json()) as RestEnvelope
    } catch {
      throw new Error(`workers-ai rest: ${model} answered HTTP ${response.status} without JSON`)
    }
    if (!response.ok || envelope.success === false) {
      const errors = (envelope.errors ?? [])
        .map((e) => `${e.code ?? '?'} ${e.message ?? ''}`.trim())
        .join('; ')
      throw new Error(
        `workers-ai rest: ${model} answered HTTP ${response.status}: ${errors || 'no error detail'}`
      )
    }
    return envelope.result
  }

  return { run: run as unknown as Ai['run'] }
}
