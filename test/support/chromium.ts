/** @module Debian's Chromium for browser tests and fixtures, with the flags of shared/reference/toolchain.md. */

/** The browser binary: Debian's chromium, or `CHROMIUM_PATH`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Flags for a headless run in a container without a GPU or network: no sandbox (root in CI), no
 * background traffic or updates, no /dev/shm (small in containers).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]
