import type pg from 'pg'

import { SET_CONTEXT_SQL } from '../../../src/db/rls/context'

/** The settings row-level security reads, as a test sets them by hand. */
export type RoleContext = { tenants?: string[]; user?: string; bypass?: boolean }

/**
 * Run `text` as a database role, with no application in between: on a fresh transaction of
 * `pool` (signed in as the request or platform role) whose settings are `context` and nothing
 * else, rolled back afterwards.
 */
export async function asRole<T extends pg.QueryResultRow>(pool: pg.Pool, context: RoleContext, text: string, values: unknown[] = []) {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await client.query(SET_CONTEXT_SQL(true), [`{${(context.tenants ?? []).join(',')}}`, context.bypass ? 'on' : 'off', context.user ?? '', '{}'])
    return await client.query<T>(text, values)
  } finally {
    await client.query('rollback').catch(() => undefined)
    client.release()
  }
}
