import { spawnSync } from 'node:child_process'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { SerialClient } from '../../src/db/serial-client'
import { resetDatabase } from './helpers/payload'

/**
 * pg ≥ 8.19 warns once per process (`DeprecationWarning: Calling client.query() when the client is
 * already executing a query`) when statements pile up on one connection; Payload does that inside
 * its transactions (src/db/serial-client.ts says where). The seed's orders (a customer and two
 * products per order, each validated by a `find`) used to print it on every first start.
 */
const PG_QUEUE_WARNING = 'already executing a query'

describe('one statement at a time per connection', () => {
  let client: pg.Client

  beforeAll(async () => {
    client = new SerialClient({ connectionString: inject('ownerDatabaseUrl') })
    await client.connect()
  })
  afterAll(async () => {
    await client.end()
  })

  it('runs concurrent queries on one client in the order issued, never two queued inside pg', async () => {
    const queued: number[] = []
    const internal = client as unknown as { _queryQueue: unknown[] }
    const sleeps = [30, 1, 10, 0, 5].map(async (ms, i) => {
      const result = client.query<{ i: number }>('select $1::int as i, pg_sleep($2::float / 1000)', [i, ms])
      queued.push(internal._queryQueue.length)
      return (await result).rows[0].i
    })
    expect(await Promise.all(sleeps)).toEqual([0, 1, 2, 3, 4])
    expect(Math.max(...queued)).toBe(0)
  })

  it('keeps a transaction intact: statements of a Promise.all run inside it, one after another', async () => {
    await client.query('begin')
    await Promise.all([client.query('create temporary table serial_probe (v int) on commit drop'), client.query('insert into serial_probe values (1), (2)'), client.query('insert into serial_probe values (3)')])
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from serial_probe')
    await client.query('commit')
    expect(rows[0].n).toBe(3)
  })

  it('supports the callback form and reports errors to the caller only', async () => {
    const failed = client.query('select * from no_such_table').catch((error: Error) => error.message)
    const viaCallback = new Promise((resolve, reject) => client.query('select 42 as answer', (error: Error | null, result?: pg.QueryResult) => (error ? reject(error) : resolve(result!.rows[0]))))
    expect(await failed).toMatch(/no_such_table/)
    expect(await viaCallback).toEqual({ answer: 42 })
  })

  it('the CLI task that seeds an empty database prints no pg deprecation warning', async () => {
    await resetDatabase()
    const result = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'src/cli/tasks.ts', '--seed-if-empty'], {
      env: {
        ...process.env,
        DATABASE_MIGRATE_URL: inject('ownerDatabaseUrl'),
        PAYLOAD_DATABASE_ROLE: 'migrate',
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
      timeout: 90_000,
    })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Seeded 3 tenants/)
    expect(result.stderr).not.toContain(PG_QUEUE_WARNING)
    await resetDatabase()
  }, 120_000)
})
