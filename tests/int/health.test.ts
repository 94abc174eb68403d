import pg from 'pg'
import type { PayloadRequest } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { findFreePort } from '../../src/db/embedded-postgres'
import { healthEndpoint } from '../../src/health/health-endpoint'
import { api } from './helpers/api'
import { freshPayload } from './helpers/payload'

describe('GET /api/health', () => {
  beforeAll(async () => {
    await freshPayload()
  })

  it('answers 200 with db ok when PostgreSQL answers', async () => {
    const res = await api('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', db: 'ok' })
  })

  it('answers 503 with db down when PostgreSQL is unreachable, within the timeout', async () => {
    // A real pool pointed at a loopback port where nothing listens.
    const pool = new pg.Pool({ host: '127.0.0.1', port: await findFreePort(), user: 'x', database: 'x', connectionTimeoutMillis: 1_000 })
    pool.on('error', () => undefined)
    const req = { payload: { db: { pool } } } as unknown as PayloadRequest
    const started = Date.now()
    const response = await healthEndpoint.handler(req)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ status: 'error', db: 'down' })
    expect(Date.now() - started).toBeLessThan(5_000)
    await pool.end()
  })
})
