/** @module The real HTTP app over an index of the seed documents (see seed-engine.ts). */
import { createApp } from '../../src/server/app.js'
import { createSeedEngine } from './seed-engine.js'

export { TEST_TODAY } from './seed-engine.js'

/** The HTTP app wired to the real engine over the seed index. */
export async function createSeedApp() {
  const engine = await createSeedEngine()
  const app = createApp({ qa: engine, catalog: engine })
  return { app, qa: engine, catalog: engine }
}
