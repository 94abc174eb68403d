import path from 'node:path'

import { chooseClusterDir } from './cluster-dir'
import { clusterPassword, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres'
import { postgresOsUser } from './postgres-os-user'
import { ensureRuntimeRole, PLATFORM_ROLE, roleOf } from './roles'

export type ResolvedDatabase = {
  /** The runtime role: what the app serves requests as. */
  url: string
  /** The owner: what migrations run as. */
  migrateUrl: string
  /** The platform role: jobs across tenants, the super-admin, sign-in (src/db/rls/pool.ts). */
  platformUrl: string
  embedded: EmbeddedDatabase | null
  stop: () => Promise<void>
}

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

/** A path relative to where the command runs when it is inside it, else absolute. */
const shown = (dir: string) => {
  const relative = path.relative(process.cwd(), dir)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir
}

export const BACKSTOP_OFF_WARNING = [
  '',
  '!!! DATABASE BACKSTOP IS OFF !!!',
  'Only DATABASE_URL is set, so migrations and requests use the same role, which owns the tables:',
  'row-level security cannot hold against it. Give the app a role without ownership or BYPASSRLS',
  'in DATABASE_URL and the owner in DATABASE_MIGRATE_URL (see README, "The database backstop").',
  '',
].join('\n')

export const PLATFORM_COLLAPSED_WARNING = (onto: string) =>
  [
    '',
    '!!! NO PLATFORM ROLE (DATABASE_PLATFORM_URL) !!!',
    `Platform work (jobs across tenants, the super-admin, sign-in) runs as ${onto}. Give it a role of its own`,
    'without ownership or BYPASSRLS in DATABASE_PLATFORM_URL (see README, "The database backstop").',
    '',
  ].join('\n')

/**
 * DATABASE_URL (runtime role) and DATABASE_MIGRATE_URL (owner) when set; otherwise the embedded
 * PostgreSQL under .data/postgres (or EMBEDDED_PG_DIR; as root, a directory the `postgres` OS user
 * can reach when .data is out of its reach: src/db/cluster-dir.ts) on EMBEDDED_PG_PORT, whose superuser is
 * the owner and which gets a runtime role of its own. Sets both variables for what runs next.
 */
export async function resolveDatabase(log: (line: string) => void = console.log, warn: (text: string) => void = console.warn): Promise<ResolvedDatabase> {
  const url = process.env.DATABASE_URL
  if (url) {
    const migrateUrl = process.env.DATABASE_MIGRATE_URL ?? url
    if (roleOf(migrateUrl) === roleOf(url)) warn(BACKSTOP_OFF_WARNING)
    const platformUrl = process.env.DATABASE_PLATFORM_URL ?? migrateUrl
    if (!process.env.DATABASE_PLATFORM_URL) warn(PLATFORM_COLLAPSED_WARNING(`the owner (${roleOf(migrateUrl)})`))
    return { url, migrateUrl, platformUrl, embedded: null, stop: async () => undefined }
  }
  const { dataDir, relocated } = chooseClusterDir({ projectRoot, explicit: process.env.EMBEDDED_PG_DIR, user: postgresOsUser() })
  if (relocated) log(relocated)
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54320)
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: process.env.EMBEDDED_PG_DATABASE ?? 'emerkater' })
  log(`Embedded PostgreSQL ready on 127.0.0.1:${port} (data: ${shown(dataDir)})`)
  try {
    const runtimeUrl = await ensureRuntimeRole(embedded.url, clusterPassword(dataDir, 'app-password'))
    const platformUrl = await ensureRuntimeRole(embedded.url, clusterPassword(dataDir, 'platform-password'), PLATFORM_ROLE)
    process.env.DATABASE_URL = runtimeUrl
    process.env.DATABASE_MIGRATE_URL = embedded.url
    process.env.DATABASE_PLATFORM_URL = platformUrl
    return { url: runtimeUrl, migrateUrl: embedded.url, platformUrl, embedded, stop: embedded.stop }
  } catch (error) {
    await embedded.stop()
    throw error
  }
}
