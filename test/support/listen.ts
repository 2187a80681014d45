/** @module Serves an app on 127.0.0.1 at a free port, for tests over real HTTP. */
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'

export type Listening = { server: ServerType; base: string; close: () => Promise<void> }

/** Starts `fetch` on 127.0.0.1 at a free port. */
export function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      const close = () =>
        new Promise<void>((done) => {
          server.close(() => done())
          if ('closeAllConnections' in server) server.closeAllConnections()
        })
      resolve({ server, base: `http://127.0.0.1:${info.port}`, close })
    })
  })
}
