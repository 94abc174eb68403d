import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

import root from '../vitest.config'

/**
 * Benchmarks (`npm run bench:*`): the integration tests' harness — a throwaway embedded
 * PostgreSQL, the runtime role, the committed migrations, one shared Payload instance — but only
 * bench/**\/*.bench.ts, with room for large seeds. They print their results (console output is
 * shown by the default reporter) and assert only sanity facts, never timings.
 */
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    ...root.test,
    include: ['bench/**/*.bench.ts'],
    hookTimeout: 30 * 60_000,
    testTimeout: 60 * 60_000,
    reporters: ['default'],
  },
})
