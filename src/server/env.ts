/** @module The Hono environment every route and middleware of the app shares. */

/** Context variables set by middleware; `requestId` is set first, for every request. */
export type AppEnv = {
  Variables: {
    /** The id echoed in `X-Request-Id` and written with every logged error. */
    requestId: string
    /** What was answered, set by the chat routes once known; read by the access log and metrics. */
    answer?: AnswerSummary
  }
}

/** The part of an answer that operations watch: abstentions and how much is cited. */
export type AnswerSummary = { abstained: boolean; citations: number }
