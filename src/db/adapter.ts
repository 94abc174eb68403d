import { postgresAdapter } from '@payloadcms/db-postgres'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { dbContextFor } from '../tenancy/db-context'
import { deletePreferencesById } from './preference-deletes'
import { refuseDeletesOfNothing } from './deletes-of-nothing'
import { withTenantContexts } from './rls/adapter'
import { answerAnyUserProbe } from './rls/any-user-probe'
import { activeDbContext } from './rls/context'
import { pgWithContextPool } from './rls/pool'
import { recordOutages } from './record-outages'
import { SerialClient } from './serial-client'
import { connectTimeoutMillis } from './watch-pool'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Which role this process connects as: the runtime role (DATABASE_URL) — no table ownership, no
 * BYPASSRLS, so row-level security holds — or, for migrations and the Payload CLI
 * (PAYLOAD_DATABASE_ROLE=migrate, set by src/cli), the owner (DATABASE_MIGRATE_URL).
 */
export const connectionString = (env: NodeJS.ProcessEnv = process.env): string | undefined => (env.PAYLOAD_DATABASE_ROLE === 'migrate' ? (env.DATABASE_MIGRATE_URL ?? env.DATABASE_URL) : env.DATABASE_URL)

/**
 * The platform role's connection (src/db/roles.ts) for bypass work: DATABASE_PLATFORM_URL, else
 * the owner (DATABASE_MIGRATE_URL, loudly warned about by the CLI). Migrations use the owner only.
 */
export const platformConnectionString = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.PAYLOAD_DATABASE_ROLE === 'migrate' ? undefined : (env.DATABASE_PLATFORM_URL ?? env.DATABASE_MIGRATE_URL)

/**
 * The PostgreSQL adapter. Its connection string always comes from the environment: the CLI
 * (src/cli) starts the embedded server first when none is given and passes its URLs on, because
 * the config is also imported by `next build` workers that must not start databases.
 * The schema comes from committed migrations only (push is off), UUID ids everywhere.
 *
 * Every connection carries the tenant context of the work using it (src/db/rls): the pool sets
 * it at checkout, and every adapter call that has a `req` runs in that request's context.
 * Bypass work (super-admin, system, sign-in) is served by the platform role's own pool.
 * A call that finds the database unreachable is noted on its request (record-outages.ts).
 * A `deleteMany` whose `where` can match nothing deletes nothing (deletes-of-nothing.ts); a
 * preference is deleted by id (preference-deletes.ts: Payload's own delete of one fails).
 */
export const databaseAdapter = () => {
  const base = postgresAdapter({
    idType: 'uuid',
    push: false,
    migrationDir: path.join(root, 'migrations'),
    pg: pgWithContextPool({ currentContext: () => activeDbContext() ?? dbContextFor(), platformConnectionString }),
    pool: {
      connectionString: connectionString(),
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      // A checkout gives up (503) instead of waiting forever while the database is down.
      connectionTimeoutMillis: connectTimeoutMillis(),
      // One statement at a time per connection, also when Payload issues several at once inside a
      // transaction (src/db/serial-client.ts). The platform role's pool inherits it.
      Client: SerialClient,
    },
  })
  return { ...base, init: (args: Parameters<typeof base.init>[0]) => recordOutages(answerAnyUserProbe(withTenantContexts(deletePreferencesById(refuseDeletesOfNothing(base.init(args))), dbContextFor))) }
}
