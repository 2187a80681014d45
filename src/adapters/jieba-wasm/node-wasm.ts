/** @module jieba-wasm on Node: reads the `.wasm` bytes next to jieba-wasm's `web` build. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** File name of the compiled jieba-rs module in jieba-wasm's `pkg/web` folder. */
export const JIEBA_WASM_FILE = 'jieba_rs_wasm_bg.wasm'

/**
 * The bytes of jieba-wasm's `web` build, for `createJiebaWasmSegmenter({ wasm })` on Node (tests,
 * the parity check with nodejieba). Workers import the module statically instead (wasm-module.ts).
 */
export function loadJiebaWasmBytes(): Uint8Array {
  const require = createRequire(import.meta.url)
  let glue: string
  try {
    glue = require.resolve('jieba-wasm/web')
  } catch (cause) {
    throw new Error(
      'jieba-wasm: package not found. Install it with `npm install -D jieba-wasm@2.4.0`',
      { cause }
    )
  }
  return readFileSync(join(dirname(glue), JIEBA_WASM_FILE))
}
