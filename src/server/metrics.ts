/** @module Metrics: request counts, latency, abstentions and model fallbacks, in Prometheus text format. */
import { MODEL_FALLBACK_REASONS, type ModelFallbackReason } from '../answer/grounded-answerer.js'
import type { AccessLogEntry } from './middleware/access-log/index.js'

/** Upper bounds of the latency histogram, in seconds: an extractive answer to a slow model's. */
export const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const

/** Methods counted by name; any other (a client can send anything) is counted as OTHER. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])

type Histogram = { buckets: number[]; sum: number; count: number }

/**
 * Counters in memory, rendered on demand for `GET /metrics`. Labels are bounded: the route
 * pattern (not the path), a known method, the status. The abstention rate is
 * `qa_answers_total{abstained="true"}` over all answers; `qa_model_fallbacks_total{reason}` counts
 * answers given extractively instead of the model's, by why (see {@link ModelFallbackReason}).
 *
 * @example
 * ```ts
 * const metrics = new Metrics()
 * app.use('*', accessLog({ log: (entry) => metrics.observe(entry) }))
 * app.get('/metrics', (c) => c.text(metrics.render()))
 * ```
 */
export class Metrics {
  readonly #requests = new Map<string, number>()
  readonly #latency = new Map<string, Histogram>()
  readonly #answers = { true: 0, false: 0 }
  readonly #modelFallbacks = new Map<ModelFallbackReason, number>(MODEL_FALLBACK_REASONS.map((r) => [r, 0]))

  /** Counts one finished request (an access log entry). */
  observe(entry: AccessLogEntry): void {
    const method = KNOWN_METHODS.has(entry.method) ? entry.method : 'OTHER'
    const key = labels({ method, route: entry.route, status: String(entry.status) })
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1)
    const routeKey = labels({ route: entry.route })
    const histogram = this.#latency.get(routeKey) ?? {
      buckets: LATENCY_BUCKETS_S.map(() => 0),
      sum: 0,
      count: 0,
    }
    const seconds = entry.latencyMs / 1000
    LATENCY_BUCKETS_S.forEach((bound, i) => {
      if (seconds <= bound) histogram.buckets[i]++
    })
    histogram.sum += seconds
    histogram.count++
    this.#latency.set(routeKey, histogram)
    if (entry.abstained !== undefined) this.#answers[entry.abstained ? 'true' : 'false']++
  }

  /** Counts an answer given extractively instead of the model's (GroundedAnswerer's `onFallback`). */
  countModelFallback(reason: ModelFallbackReason): void {
    this.#modelFallbacks.set(reason, (this.#modelFallbacks.get(reason) ?? 0) + 1)
  }

  /** Everything, in the Prometheus text exposition format (version 0.0.4). */
  render(info: { indexVersion?: string } = {}): string {
    const lines: string[] = []
    lines.push('# HELP http_requests_total Requests answered, by method, route pattern and status.')
    lines.push('# TYPE http_requests_total counter')
    for (const [key, count] of this.#requests) lines.push(`http_requests_total{${key}} ${count}`)
    lines.push('# HELP http_request_duration_seconds Time to the last byte of the response, by route pattern.')
    lines.push('# TYPE http_request_duration_seconds histogram')
    for (const [key, h] of this.#latency) {
      LATENCY_BUCKETS_S.forEach((bound, i) => {
        lines.push(`http_request_duration_seconds_bucket{${key},le="${bound}"} ${h.buckets[i]}`)
      })
      lines.push(`http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`)
      lines.push(`http_request_duration_seconds_sum{${key}} ${h.sum}`)
      lines.push(`http_request_duration_seconds_count{${key}} ${h.count}`)
    }
    lines.push('# HELP qa_answers_total Answers given, by whether the assistant abstained.')
    lines.push('# TYPE qa_answers_total counter')
    lines.push(`qa_answers_total{abstained="true"} ${this.#answers.true}`)
    lines.push(`qa_answers_total{abstained="false"} ${this.#answers.false}`)
    lines.push('# HELP qa_model_fallbacks_total Answers given extractively instead of the model\'s, by reason.')
    lines.push('# TYPE qa_model_fallbacks_total counter')
    for (const [reason, count] of this.#modelFallbacks) {
      lines.push(`qa_model_fallbacks_total{${labels({ reason })}} ${count}`)
    }
    if (info.indexVersion !== undefined) {
      lines.push('# HELP qa_index_info The index answering now.')
      lines.push('# TYPE qa_index_info gauge')
      lines.push(`qa_index_info{${labels({ index_version: info.indexVersion })}} 1`)
    }
    return `${lines.join('\n')}\n`
  }
}

/** `name="value",…` with values escaped as the text format requires. */
function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',')
}
