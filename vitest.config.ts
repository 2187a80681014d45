import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.data/**', 'dist/**'],
    // Native addons (nodejieba, hnswlib) are safest in child processes, one per test file.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
