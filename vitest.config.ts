import { defineConfig } from 'vitest/config'

/**
 * Integration tests against a real PostgreSQL (tests/int/global-setup.ts starts an embedded one,
 * or uses TEST_DATABASE_URL). One Payload instance is shared by all files (no isolation, one
 * file at a time); every file starts from empty tables (tests/int/helpers/payload.ts).
 */
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // One graphql, as in production (withPayload makes it a server external, loaded by Node's
    // require): vite would give app code graphql's ESM build, a second copy beside the one
    // graphql-http and Payload use, whose errors graphql-http does not recognise (`instanceof`).
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    environment: 'node',
    include: ['tests/int/**/*.test.ts'],
    globalSetup: ['tests/int/global-setup.ts'],
    setupFiles: ['tests/int/setup-env.ts'],
    pool: 'forks',
    isolate: false,
    fileParallelism: false,
    // Lexical's default Node export uses a top-level await that Node 20 sometimes never settles.
    execArgv: ['--conditions=production'],
    hookTimeout: 120_000,
    testTimeout: 60_000,
    reporters: ['default', './tests/int/summary-reporter.ts'],
  },
})
