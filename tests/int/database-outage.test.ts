import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'

import type { Tenant } from '../../payload-types'
import { guardPoolClients } from '../../src/db/watch-pool'
import { isDatabaseUnavailable } from '../../src/errors/database-errors'
import { withErrorResponse } from '../../src/http/error-response'
import { recordDatabaseOutage } from '../../src/http/request-outage'
import { login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { startInstance, type Instance } from './helpers/jobs-instances'
import { freshPayload, ownerPool } from './helpers/payload'
import { startTcpProxy, throughProxy, type TcpProxy } from './helpers/tcp-proxy'

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers/http-instance.ts')
const APPLICATION_NAME = 'outage-test-instance'
const PRICE = 25_000

type Answer = { status: number; body: any; retryAfter: string | null }

/**
 * Issue 14: while PostgreSQL is unreachable, requests answer 503 `database_unavailable` with
 * Retry-After — never 500 — and every order that was acknowledged is intact. The app under test
 * is a second instance in its own process (helpers/http-instance.ts), whose pools reach the
 * shared test server only through a TCP proxy this file cuts (a restart: sockets reset, new ones
 * refused) — or whose backends it terminates as an administrator would (57P01). The shared
 * server and the other test files never notice.
 */
describe('while the database is unreachable', () => {
  let payload: Payload
  let proxy: TcpProxy
  let instance: Instance
  let base: string
  let shop: Tenant
  let token: string

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload, { slug: 'outage-shop' })
    await createProduct(payload, shop, { sku: 'OUTAGE', price: PRICE, stock: 100_000 })
    token = await login((await createStaff(payload, shop, 'tenant-admin')).email, PASSWORD)
    const server = new URL(inject('databaseUrl'))
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) })
    instance = startInstance(ENTRY, {
      DATABASE_URL: throughProxy(inject('databaseUrl'), proxy, APPLICATION_NAME),
      DATABASE_PLATFORM_URL: throughProxy(inject('platformDatabaseUrl'), proxy, APPLICATION_NAME),
      // Ample for 8 concurrent storefronts: a refusal must come from the outage, not a limit.
      RATE_LIMIT_STOREFRONT_ORDERS: '1000/600',
      RATE_LIMIT_API_TENANT: '100000/60',
      // Fewer connections than the restarts below: one lost for good per restart would leave none.
      DATABASE_POOL_MAX: '5',
    })
    base = `http://127.0.0.1:${(await instance.next<{ event: 'ready'; pid: number; port: number }>('ready')).port}`
  })
  afterAll(async () => {
    await instance?.stop()
    await proxy?.close()
  })

  const call = async (method: string, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> => {
    try {
      const response = await fetch(`${base}/api${url}`, {
        method,
        headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : null, retryAfter: response.headers.get('retry-after') }
    } catch (error) {
      // The instance is gone (crashed): no answer at all, and why.
      return { status: 0, body: `${String(error)}\n${instance.stderr().slice(-3000)}`, retryAfter: null }
    }
  }
  const phoneOf = (i: number) => `+8801900${String(i).padStart(6, '0')}`
  const placeOrder = (i: number) =>
    call('POST', '/storefront/orders', {
      body: { customer: { name: `Outage ${i}`, phone: phoneOf(i) }, items: [{ sku: 'OUTAGE', quantity: 1 + (i % 3) }] },
      headers: { 'x-tenant': 'outage-shop', 'x-forwarded-for': `198.51.100.${i % 200}` },
    })
  const staffList = () => call('GET', '/products?limit=5', { headers: { authorization: `JWT ${token}` } })
  const staffGraphql = () => call('POST', '/graphql', { body: { query: '{ Products(limit: 5) { docs { id sku } } }' }, headers: { authorization: `JWT ${token}` } })
  const storefrontGraphql = () => call('POST', '/graphql', { body: { query: '{ Products(limit: 5) { docs { sku } } }' }, headers: { 'x-tenant': 'outage-shop' } })
  const health = () => call('GET', '/health')

  const expectUnavailable = (answer: Answer) => {
    expect(answer.status).toBe(503)
    expect(answer.retryAfter).toMatch(/^\d+$/)
    expect(answer.body).toMatchObject({ error: 'database_unavailable', message: expect.any(String), errors: [] })
  }

  /** Stop only this instance's backends, as `pg_terminate_backend` by an administrator (57P01). */
  const terminateBackends = () => ownerPool().query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [APPLICATION_NAME])

  /**
   * `total` storefront orders (customers `first`, `first + 1`, …), `concurrency` at a time, with
   * `outage` run once `before` of them are acknowledged; the orders keep coming while it lasts.
   * Each order's answer, by its customer's number.
   */
  async function ordersThrough(outage: (answered: () => number) => Promise<void>, { first = 0, total = 400, concurrency = 8, before = 40 } = {}) {
    const answers = new Map<number, Answer>()
    let next = first
    let acknowledged = 0
    let started!: () => void
    const outageStarts = new Promise<void>((resolve) => (started = resolve))
    const worker = async () => {
      while (next < first + total) {
        const i = next++
        const answer = await placeOrder(i)
        answers.set(i, answer)
        if (answer.status === 201 && ++acknowledged === before) started()
      }
    }
    const outageDone = outageStarts.then(() => outage(() => answers.size))
    await Promise.all(Array.from({ length: concurrency }, worker))
    started()
    await outageDone
    return answers
  }

  /** Hold the outage until `count` more requests have been answered in it (or 3 s at most). */
  const whileAnswered = async (answered: () => number, count: number) => {
    const from = answered()
    for (let waited = 0; answered() - from < count && waited < 3_000; waited += 25) await new Promise((r) => setTimeout(r, 25))
  }

  /** What the database holds for the orders of `answers`: each acknowledged one whole, each refused one absent or whole. */
  async function expectIntact(answers: Map<number, Answer>) {
    const { docs: customers } = await asSystem(() =>
      payload.find({ collection: 'customers', where: { tenant: { equals: shop.id }, phone: { in: [...answers.keys()].map(phoneOf) } }, pagination: false, depth: 0, overrideAccess: true }),
    )
    const { docs: orders } = await asSystem(() =>
      payload.find({ collection: 'orders', where: { tenant: { equals: shop.id }, customer: { in: customers.map((c) => c.id) } }, pagination: false, depth: 0, overrideAccess: true }),
    )
    const byPhone = new Map(customers.map((c) => [c.phone, c]))
    const orderOf = (customerId: string) => orders.filter((o) => o.customer === customerId)
    let refusedButStored = 0
    for (const [i, answer] of answers) {
      const quantity = 1 + (i % 3)
      const customer = byPhone.get(phoneOf(i))
      const stored = customer ? orderOf(customer.id) : []
      if (answer.status === 201) {
        expect(stored, `acknowledged order ${i}`).toHaveLength(1)
        expect(stored[0]).toMatchObject({ number: answer.body.order.number, total: quantity * PRICE, source: 'storefront', status: 'pending' })
        expect(stored[0].items.map((item) => item.quantity)).toEqual([quantity])
      } else if (customer) {
        // The commit reached the server but its answer did not reach us: whole, never half.
        refusedButStored += 1
        expect(stored, `refused order ${i}`).toHaveLength(1)
        expect(stored[0].items.map((item) => item.quantity)).toEqual([quantity])
      }
    }
    // No customer was stored without their order; no two orders share a number.
    expect(orders).toHaveLength(customers.length)
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length)
    return { refusedButStored }
  }

  const tally = (answers: Iterable<Answer>) => {
    const list = [...answers]
    return {
      requests: list.length,
      ok: list.filter((a) => a.status >= 200 && a.status < 300).length,
      unavailable: list.filter((a) => a.status === 503).length,
      other: list.filter((a) => a.status < 200 || (a.status >= 300 && a.status !== 503)),
    }
  }

  it('a restart under 8 concurrent storefront orders: each answers 201 or 503 database_unavailable, acknowledged orders are intact', async () => {
    const answers = await ordersThrough(async (answered) => {
      await proxy.cut()
      await whileAnswered(answered, 24)
      await proxy.restore()
    })
    const counts = tally(answers.values())
    console.info('restart:', { ...counts, other: counts.other.map((a) => [a.status, a.body]) })
    expect(counts.other).toEqual([])
    expect(counts.unavailable).toBeGreaterThan(0)
    for (const answer of answers.values()) if (answer.status === 503) expectUnavailable(answer)
    const { refusedButStored } = await expectIntact(answers)
    console.info('restart: refused but stored', refusedButStored)
    // Once it is back, every request is served again.
    const after = await Promise.all(Array.from({ length: 8 }, (_, i) => placeOrder(10_000 + i)))
    expect(after.map((a) => a.status)).toEqual(Array(8).fill(201))
  })

  it('staff list, GraphQL and health while it is down: 503 database_unavailable; served again once it is back', async () => {
    expect((await staffList()).status).toBe(200)
    await proxy.cut()
    try {
      const [list, gql, storefrontGql, order, down] = await Promise.all([staffList(), staffGraphql(), storefrontGraphql(), placeOrder(20_000), health()])
      expectUnavailable(list)
      expectUnavailable(order)
      // Signed in: refused before any resolver runs (the session cannot be checked), with the status.
      expect(gql.status).toBe(503)
      expect(gql.retryAfter).toMatch(/^\d+$/)
      expect(gql.body.errors).toEqual([{ message: expect.any(String), extensions: expect.objectContaining({ code: 'database_unavailable', statusCode: 503, errors: [] }) }])
      // Anonymous: the resolver fails; GraphQL answers its error entry, coded.
      expect(storefrontGql.status).not.toBe(500)
      expect(storefrontGql.retryAfter).toMatch(/^\d+$/)
      expect(storefrontGql.body.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['database_unavailable'])
      expect(down.status).toBe(503)
      expect(down.retryAfter).toMatch(/^\d+$/)
      expect(down.body).toMatchObject({ status: 'down', db: 'down', checks: { database: { status: 'down', message: expect.any(String) } } })
    } finally {
      await proxy.restore()
    }
    const [list, gql, storefrontGql, up] = await Promise.all([staffList(), staffGraphql(), storefrontGraphql(), health()])
    expect(storefrontGql.body).toEqual({ data: { Products: { docs: [{ sku: 'OUTAGE' }] } } })
    expect(list.status).toBe(200)
    expect(list.body.docs.length).toBeGreaterThan(0)
    expect(gql.body.errors).toBeUndefined()
    expect(gql.body.data.Products.docs.length).toBeGreaterThan(0)
    expect(up.status).toBe(200)
    expect(up.body).toMatchObject({ status: 'ok', db: 'ok', checks: { database: { status: 'ok', latencyMs: expect.any(Number) } } })
  })

  it('backends terminated by an administrator (57P01) under load: 201 or 503, orders intact, the pools recover', async () => {
    const answers = await ordersThrough(
      async (answered) => {
        // Twice, a moment apart: connections opened after the first are terminated too.
        await terminateBackends()
        await whileAnswered(answered, 8)
        await terminateBackends()
      },
      { first: 40_000, total: 160 },
    )
    const counts = tally(answers.values())
    console.info('terminate:', { ...counts, other: counts.other.map((a) => [a.status, a.body]) })
    expect(counts.other).toEqual([])
    for (const answer of answers.values()) if (answer.status === 503) expectUnavailable(answer)
    await expectIntact(answers)
    const after = await Promise.all([...Array.from({ length: 8 }, (_, i) => placeOrder(30_000 + i)), staffList(), health()])
    expect(after.map((a) => a.status)).toEqual([...Array(8).fill(201), 200, 200])
  })

  it('restart after restart: served again right after each', async () => {
    for (let round = 0; round < 6; round += 1) {
      await proxy.cut()
      expectUnavailable(await staffList())
      await proxy.restore()
      expect((await staffList()).status).toBe(200)
    }
    const after = await Promise.all([...Array.from({ length: 8 }, (_, i) => placeOrder(60_000 + i)), staffList(), health()])
    expect(after.map((a) => a.status)).toEqual([...Array(8).fill(201), 200, 200])
  })
})

describe('a pool whose connections die while they are checked out', () => {
  it('neither crashes the process nor keeps counting the dead one: the next checkout gets a fresh connection', async () => {
    const server = new URL(inject('databaseUrl'))
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) })
    const pool = guardPoolClients(new pg.Pool({ connectionString: throughProxy(inject('databaseUrl'), proxy, 'pool-guard-test'), max: 1, connectionTimeoutMillis: 2_000 }))
    pool.on('error', () => undefined)
    // Held, as Payload's adapter holds the first connection it takes (and a transaction its own).
    const held = await pool.connect()
    try {
      await proxy.cut()
      await proxy.restore()
      await expect(held.query('select 1')).rejects.toSatisfy(isDatabaseUnavailable)
      // max: 1 — had the dead connection kept its place, this would time out.
      const fresh = await pool.connect()
      expect((await fresh.query('select 1 as one')).rows).toEqual([{ one: 1 }])
      fresh.release()
    } finally {
      held.release()
      await proxy.close()
      await pool.end()
    }
  })
})

describe('an answer Payload made while the database was unreachable', () => {
  // What Payload does when it catches the error itself: e.g. a relationship whose lookup failed is
  // "invalid" (validateFilterOptions), seen as a 400 during the 57P01 test above.
  const caught = (status: number, body: unknown) => async () => {
    recordDatabaseOutage(new Error('Connection terminated unexpectedly'))
    return Response.json(body, { status })
  }
  const request = () => new Request('http://localhost/api/orders', { method: 'POST' })

  it('a refusal answers 503 database_unavailable with Retry-After instead', async () => {
    const response = await withErrorResponse(caught(400, { error: 'invalid_input', message: 'This field has the following invalid selections', errors: [] }))(request())
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await response.json()).toMatchObject({ error: 'database_unavailable', errors: [] })
  })

  it('GraphQL errors answer one database_unavailable entry', async () => {
    const response = await withErrorResponse(caught(200, { data: null, errors: [{ message: 'invalid', extensions: { code: 'invalid_input' } }] }), 'graphql')(request())
    expect(response.status).toBe(503)
    expect((await response.json()).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['database_unavailable'])
  })

  it('a success stays a success (what failed did not decide the answer)', async () => {
    const response = await withErrorResponse(caught(201, { order: { number: 'A-1' } }))(request())
    expect(response.status).toBe(201)
  })
})

describe('isDatabaseUnavailable', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' })
  const drizzle = (cause: Error) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause })

  it.each([
    ['pg: the socket ended', new Error('Connection terminated unexpectedly')],
    ['pg: a checkout timed out', new Error('timeout exceeded when trying to connect')],
    ['pg-pool: a connect timed out', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['pg: a client that failed before', new Error('Client has encountered a connection error and is not queryable')],
    ['an administrator (or a restart) ended the backend', pgError('57P01', 'terminating connection due to administrator command')],
    ['the server is starting up', pgError('57P03', 'the database system is starting up')],
    ['a connection failure', pgError('08006', 'connection failure')],
    ['a protocol violation', pgError('08P01', 'protocol violation')],
    ['the server is full', pgError('53300', 'sorry, too many clients already')],
    ['drizzle wraps it', drizzle(pgError('57P01', 'terminating connection due to administrator command'))],
    [
      'a dual-stack connect refused twice',
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }), Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })]),
    ],
    ['Payload could not begin a transaction (connect refused)', new Error('Error: cannot begin transaction: connect ECONNREFUSED 127.0.0.1:5432')],
    ['Payload could not begin a transaction (BEGIN failed, cause dropped)', new Error('Error: cannot begin transaction: Failed query: begin\nparams: ')],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  it.each([
    ['a duplicate', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', severity: 'ERROR' })],
    ['a bad uuid', drizzle(Object.assign(new Error('invalid input syntax for type uuid: "1"'), { code: '22P02', severity: 'ERROR' }))],
    ['a message naming ECONNREFUSED outside the database layer (SMTP)', new Error('connect ECONNREFUSED 127.0.0.1:587')],
    ['our bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('not: %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false)
  })
})
