/** @module Types for `.wasm` imports, which wrangler turns into precompiled modules. */
declare module '*.wasm' {
  const module: WebAssembly.Module
  export default module
}
