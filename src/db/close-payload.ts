import type { Payload } from 'payload'
import type { Pool } from 'pg'

import { closeRedis } from '../cache/redis'

/**
 * Close what `payload.destroy()` leaves open. Drizzle's destroy only resets its schema, and the
 * postgres adapter's connect() checks out one client that it never releases, so `pool.end()`
 * would wait forever: end the idle clients, don't wait for that one, and swallow the errors the
 * connections raise when the database goes away afterwards.
 */
export async function closePayload(payload: Payload): Promise<void> {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  pool?.on('error', () => undefined)
  await payload.destroy()
  void pool?.end().catch(() => undefined)
  // Redis (REDIS_URL): this process's connections, and the one Payload's KV adapter opened.
  ;(payload.kv as { redisClient?: { disconnect: () => void } } | undefined)?.redisClient?.disconnect()
  await closeRedis()
}
