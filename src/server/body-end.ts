/** @module whenBodyEnds: run something when a streamed response body is over, however it ends. */

/**
 * The same response with a body that calls `callback` once: when it has been read to the end,
 * when it fails, or when the client goes away (cancel). For work that must outlive the handler of
 * a streamed (SSE) response: releasing a concurrency slot, logging the request.
 *
 * @example
 * ```ts
 * c.res = whenBodyEnds(c.res, () => release())
 * ```
 */
export function whenBodyEnds(res: Response, callback: () => void): Response {
  if (!res.body) {
    callback()
    return res
  }
  let called = false
  const once = () => {
    if (called) return
    called = true
    callback()
  }
  const reader = res.body.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          once()
          controller.close()
        } else {
          controller.enqueue(value)
        }
      } catch (err) {
        once()
        controller.error(err)
      }
    },
    cancel(reason) {
      once()
      return reader.cancel(reason)
    },
  })
  return new Response(body, res)
}
