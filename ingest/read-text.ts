/** @module readText: kept for the evals and bench that import it; the reader lives in read/text.ts. */
export { readText } from './read/text.js'
