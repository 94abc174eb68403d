import type { Payload } from 'payload'
import type { Pool } from 'pg'

/**
 * node-postgres emits 'error' on the pool when an idle connection dies (database restart,
 * failover, Ctrl-C reaching the embedded server first). Unhandled, that event kills the whole
 * Node process; log it instead — the pool replaces the connection on next checkout.
 */
export function watchDatabasePool(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  pool?.on('error', (error) => {
    payload.logger.error(`PostgreSQL connection lost: ${error.message}`)
  })
}
