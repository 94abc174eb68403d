import type { Endpoint } from 'payload'
import type { Pool } from 'pg'

import { pingDatabase } from './ping-database'

/**
 * GET /api/health, for load balancers: 200 `{ status: "ok", db: "ok" }`, or 503
 * `{ status: "error", db: "down" }` when PostgreSQL does not answer. Never cached.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const pool = (req.payload.db as unknown as { pool: Pool }).pool
    const up = await pingDatabase(pool)
    return Response.json(up ? { status: 'ok', db: 'ok' } : { status: 'error', db: 'down' }, {
      status: up ? 200 : 503,
      headers: { 'Cache-Control': 'no-store' },
    })
  },
}
