import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

import { randomBytes } from 'node:crypto'

import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres'
import { ensureRuntimeRole, PLATFORM_ROLE } from '../../src/db/roles'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The runtime role (no ownership, no BYPASSRLS): what the app under test connects as. */
    databaseUrl: string
    /** The platform role: its pool serves the super-admin, system work and sign-in. */
    platformDatabaseUrl: string
    /** The owner: for emptying tables between files and for tests that inspect the catalog. */
    ownerDatabaseUrl: string
    payloadSecret: string
  }
}

/**
 * Starts a throwaway embedded PostgreSQL (or uses TEST_DATABASE_URL, a role that owns the
 * database and may create roles), creates the runtime role, applies the committed migrations
 * as the owner with the same task the CLI runs, and hands both URLs to the test workers.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null
  let dataDir: string | null = null
  let ownerUrl = process.env.TEST_DATABASE_URL
  if (!ownerUrl) {
    // Used directly as the cluster dir: as root it is chowned to the `postgres` OS user.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-test-'))
    embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: 'emerkater_test' })
    ownerUrl = embedded.url
  }
  const url = await ensureRuntimeRole(ownerUrl, randomBytes(18).toString('base64url')).catch(async (error) => {
    await embedded?.stop()
    throw error
  })
  const platformUrl = await ensureRuntimeRole(ownerUrl, randomBytes(18).toString('base64url'), PLATFORM_ROLE).catch(async (error) => {
    await embedded?.stop()
    throw error
  })
  const payloadSecret = `test-${Math.random().toString(36).slice(2)}`
  const migrate = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'src/cli/tasks.ts'], {
    env: { ...process.env, DATABASE_URL: url, DATABASE_MIGRATE_URL: ownerUrl, DATABASE_PLATFORM_URL: platformUrl, PAYLOAD_DATABASE_ROLE: 'migrate', PAYLOAD_SECRET: payloadSecret },
    encoding: 'utf8',
  })
  if (migrate.status !== 0) {
    await embedded?.stop()
    throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`)
  }
  project.provide('databaseUrl', url)
  project.provide('platformDatabaseUrl', platformUrl)
  project.provide('ownerDatabaseUrl', ownerUrl)
  project.provide('payloadSecret', payloadSecret)

  return async () => {
    await embedded?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    rmSync(`${dataDir}.password`, { force: true })
  }
}
