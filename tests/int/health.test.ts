import pg from 'pg'
import type { PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'

import { findFreePort } from '../../src/db/embedded-postgres'
import { healthEndpoint } from '../../src/health/health-endpoint'
import { api } from './helpers/api'
import { freshPayload } from './helpers/payload'

describe('GET /api/health', () => {
  const pools: pg.Pool[] = []
  /** A real pool pointed at a loopback port where nothing listens. */
  const deadPool = async () => {
    const pool = new pg.Pool({ host: '127.0.0.1', port: await findFreePort(), user: 'x', database: 'x', connectionTimeoutMillis: 1_000 })
    pool.on('error', () => undefined)
    pools.push(pool)
    return pool
  }
  const healthOf = async (pool: pg.Pool) => {
    const response = await healthEndpoint.handler({ payload: { db: { pool } } } as unknown as PayloadRequest)
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() }
  }

  beforeAll(async () => {
    await freshPayload()
  })
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()))
  })

  it('answers 200 with each role’s database ok, and how long it took, when PostgreSQL answers', async () => {
    const res = await api('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'ok',
      db: 'ok',
      checks: { database: { status: 'ok', latencyMs: expect.any(Number) }, platformDatabase: { status: 'ok', latencyMs: expect.any(Number) } },
    })
  })

  it('answers 503 with Retry-After and the database down when PostgreSQL is unreachable, within the timeout', async () => {
    const started = Date.now()
    const res = await healthOf(await deadPool())
    expect(res.status).toBe(503)
    expect(res.retryAfter).toMatch(/^\d+$/)
    expect(res.body).toEqual({ status: 'down', db: 'down', checks: { database: { status: 'down', message: 'PostgreSQL could not be reached (ECONNREFUSED).' } } })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('says which role’s pool is down: the platform role’s, while requests’ own still answers', async () => {
    const requestPool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 })
    pools.push(requestPool)
    const platform = await deadPool()
    const res = await healthOf(Object.assign(requestPool, { platformPool: () => platform }))
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({ status: 'down', checks: { database: { status: 'ok' }, platformDatabase: { status: 'down', message: expect.stringMatching(/could not be reached/) } } })
  })
})
