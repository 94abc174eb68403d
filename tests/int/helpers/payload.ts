import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import pg from 'pg'
import { inject } from 'vitest'

/** The Payload instance shared by every test file (created once per worker). */
export const getTestPayload = (): Promise<Payload> => getPayload({ config })

let owner: pg.Pool | undefined

/**
 * A small pool connected as the tables' owner (the migrations' role), for what the app's own
 * role may not do: emptying tables, reading the catalog as the owner, switching RLS off in a
 * benchmark. Never used to act as a caller.
 */
export function ownerPool(): pg.Pool {
  owner ??= new pg.Pool({ connectionString: inject('ownerDatabaseUrl'), max: 2 })
  return owner
}

/** The owner's configuration tables (who may bypass, retention): set by `npm run migrate`, not data. */
const KEPT_TABLES = ['app_platform_roles', 'app_settings']

/**
 * Empty every table but the migrations log and the owner's configuration, so a test file never sees another file's rows.
 * Called at the start of each file. Runs as the owner (`owner`: another database's, for a bench): the app's role may not TRUNCATE.
 */
export async function resetDatabase(owner: pg.Pool = ownerPool()): Promise<void> {
  const { rows } = await owner.query<{ name: string }>(
    `
    select quote_ident(schemaname) || '.' || quote_ident(tablename) as name
    from pg_tables where schemaname = 'public' and tablename not like 'payload_migrations%' and tablename <> all($1)`,
    [KEPT_TABLES],
  )
  if (rows.length === 0) return
  await owner.query(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`)
}

/** Shared Payload instance with empty tables: `const payload = await freshPayload()` in beforeAll. */
export async function freshPayload(): Promise<Payload> {
  const payload = await getTestPayload()
  await resetDatabase()
  return payload
}
