import type pg from 'pg'

import { processGlobal } from '../../runtime/process-global'
import { contextKey, contextParams, SET_CONTEXT_SQL, type DbContext } from './context'

/**
 * The context each pooled connection's session holds. Only the context pool (pool.ts,
 * request-connection.ts) sets these settings for a session (transactions set them with
 * `local = true`, which ends with the transaction), so the statement is skipped when a
 * connection already holds the context asked for. A connection released with an error is
 * discarded.
 */
export const sessionContext = processGlobal('rls.session-context', () => new WeakMap<pg.PoolClient, string>())

/** Hand out `client` with `context` applied to its session (unless it already holds it). */
export async function prepared(client: pg.PoolClient, context: DbContext): Promise<pg.PoolClient> {
  const key = contextKey(context)
  if (sessionContext.get(client) === key) return client
  sessionContext.delete(client)
  try {
    await client.query(SET_CONTEXT_SQL(false), contextParams(context))
  } catch (error) {
    client.release(error as Error) // a connection in an unknown state is discarded
    throw error
  }
  sessionContext.set(client, key)
  return client
}
