import type { Payload } from 'payload'
import type pg from 'pg'

/**
 * How long a checkout waits for a connection (DATABASE_CONNECT_TIMEOUT_MS, default 5 s): while
 * the database is down, a request answers 503 after this long at most instead of hanging.
 */
export const connectTimeoutMillis = (env: NodeJS.ProcessEnv = process.env): number => {
  const value = Number(env.DATABASE_CONNECT_TIMEOUT_MS)
  return Number.isFinite(value) && value > 0 ? value : 5_000
}

/** pg-pool's own bookkeeping, which its public API does not let us correct. */
type PoolInternals = { _clients: pg.PoolClient[]; _remove: (client: pg.PoolClient, callback: () => void) => void; _pulseQueue: () => void }

const ignore = () => undefined

/**
 * Make a pool survive its connections dying while they are checked out (a database restart, an
 * administrator's pg_terminate_backend):
 * - node-postgres emits 'error' on a client whose socket dies, and pg-pool listens only while
 *   the client is idle. A checked-out one (a transaction between statements, a checkout being
 *   prepared) would throw it as an unhandled 'error' event and crash the process. Its work sees
 *   the failure anyway — the statement in flight, or the next one, rejects — so it is ignored here.
 * - pg-pool counts a checked-out client against `max` until it is released, even once dead.
 *   Payload's adapter checks one out at connect and never releases it (connect.js), so every
 *   outage would leak a slot for good. A client whose connection ended is dropped from the count.
 */
export function guardPoolClients<P extends pg.Pool>(pool: P): P {
  const internals = pool as unknown as PoolInternals
  pool.on('connect', (client) => {
    client.on('error', ignore)
    client.once('end', () => {
      if (internals._clients.includes(client)) internals._remove(client, () => internals._pulseQueue())
    })
  })
  return pool
}

/**
 * node-postgres emits 'error' on the pool when an idle connection dies (database restart,
 * failover, Ctrl-C reaching the embedded server first). Unhandled, that event kills the whole
 * Node process; log it instead — the pool replaces the connection on next checkout.
 */
export function watchDatabasePool(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: pg.Pool }).pool
  pool?.on('error', (error) => {
    payload.logger.error(`PostgreSQL connection lost: ${error.message}`)
  })
}
