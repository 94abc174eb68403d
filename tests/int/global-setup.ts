import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    payloadSecret: string
  }
}

/**
 * Starts a throwaway embedded PostgreSQL (or uses TEST_DATABASE_URL), applies the committed
 * migrations with the same task the CLI runs, and hands the URL to the test workers.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null
  let dataDir: string | null = null
  let url = process.env.TEST_DATABASE_URL
  if (!url) {
    // Used directly as the cluster dir: as root it is chowned to the `postgres` OS user.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-test-'))
    embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: 'emerkater_test' })
    url = embedded.url
  }
  const payloadSecret = `test-${Math.random().toString(36).slice(2)}`
  const migrate = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'src/cli/tasks.ts'], {
    env: { ...process.env, DATABASE_URL: url, PAYLOAD_SECRET: payloadSecret },
    encoding: 'utf8',
  })
  if (migrate.status !== 0) {
    await embedded?.stop()
    throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`)
  }
  project.provide('databaseUrl', url)
  project.provide('payloadSecret', payloadSecret)

  return async () => {
    await embedded?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    rmSync(`${dataDir}.password`, { force: true })
  }
}
