/**
 * @module jieba-wasm on Workers: the compiled jieba-rs module, imported statically so wrangler
 * uploads it as a precompiled `WebAssembly.Module` (workerd refuses to compile wasm bytes at run
 * time). Import this file only from the Worker entry; Node cannot import a `.wasm` file.
 *
 * The path goes through node_modules because jieba-wasm's `exports` map does not expose the
 * `.wasm` file; wrangler's default `CompiledWasm` rule (`**\/*.wasm`) picks it up.
 */
import jiebaWasmModule from '../../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm'

export default jiebaWasmModule
