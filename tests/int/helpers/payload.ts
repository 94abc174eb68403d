import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'

/** The Payload instance shared by every test file (created once per worker). */
export const getTestPayload = (): Promise<Payload> => getPayload({ config })

/**
 * Empty every table but the migrations log, so a test file never sees another file's rows.
 * Called at the start of each file.
 */
export async function resetDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<{ rows: { name: string }[] }> } }
  const { rows } = await db.drizzle.execute(sql`
    select quote_ident(schemaname) || '.' || quote_ident(tablename) as name
    from pg_tables where schemaname = 'public' and tablename not like 'payload_migrations%'`)
  if (rows.length === 0) return
  await db.drizzle.execute(sql.raw(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`))
}

/** Shared Payload instance with empty tables: `const payload = await freshPayload()` in beforeAll. */
export async function freshPayload(): Promise<Payload> {
  const payload = await getTestPayload()
  await resetDatabase(payload)
  return payload
}
