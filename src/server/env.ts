/** @module The Hono environment every route and middleware of the app shares. */

/** Context variables set by middleware; `requestId` is set first, for every request. */
export type AppEnv = {
  Variables: {
    /** The id echoed in `X-Request-Id` and written with every logged error. */
    requestId: string
  }
}
