import type { Endpoint } from 'payload'
import type { Pool } from 'pg'

import { DATABASE_RETRY_AFTER } from '../errors/classify'
import { checkDatabase, type Check } from './ping-database'

/** The request role's pool; ours (src/db/rls/pool.ts) also holds the platform role's. */
type AppPool = Pool & { platformPool?: () => Pool | null }

/**
 * GET /api/health, for load balancers and people: which dependency is down. 200
 * `{ status: "ok", db: "ok", checks: { database: { status: "ok", latencyMs }, platformDatabase: … } }`,
 * or 503 with Retry-After and `{ status: "down", db: "down", checks: { database: { status: "down", message } } }`.
 * `database` is the request role's pool (what requests use), `platformDatabase` the platform
 * role's (sign-in, the super-admin, jobs), when there is one. Never cached.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const pool = (req.payload.db as unknown as { pool: AppPool }).pool
    const platform = pool.platformPool?.()
    const [database, platformDatabase] = await Promise.all([checkDatabase(pool), platform ? checkDatabase(platform) : undefined])
    const checks: Record<string, Check> = { database, ...(platformDatabase ? { platformDatabase } : {}) }
    const up = Object.values(checks).every((check) => check.status === 'ok')
    return Response.json(
      { status: up ? 'ok' : 'down', db: up ? 'ok' : 'down', checks },
      { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store', ...(up ? {} : { 'Retry-After': String(DATABASE_RETRY_AFTER) }) } },
    )
  },
}
