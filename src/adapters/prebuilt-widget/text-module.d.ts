/** @module Types for `.txt` imports, which wrangler's default `Text` rule turns into strings. */
declare module '*.txt' {
  const text: string
  export default text
}
