import type { Payload } from 'payload'
import type { Pool } from 'pg'

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
}
