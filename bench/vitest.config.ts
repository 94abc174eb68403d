import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * Benchmarks (`npm run bench:*`): the integration tests' harness — a throwaway embedded
 * PostgreSQL, the runtime role, the committed migrations, one shared Payload instance — but only
 * bench/**\/*.bench.ts, one file at a time, with room for large seeds. They print their results
 * (console output is shown by the default reporter) and assert only sanity facts, never timings.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: { tsconfigPaths: true },
  test: {
    environment: 'node',
    include: ['bench/**/*.bench.ts'],
    globalSetup: ['tests/int/global-setup.ts'],
    setupFiles: ['tests/int/setup-env.ts'],
    pool: 'forks',
    isolate: false,
    fileParallelism: false,
    // Lexical's default Node export uses a top-level await that Node 20 sometimes never settles.
    execArgv: ['--conditions=production'],
    hookTimeout: 30 * 60_000,
    testTimeout: 60 * 60_000,
    reporters: ['default'],
  },
})
