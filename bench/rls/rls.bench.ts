import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import { performance } from 'node:perf_hooks'
import type { Payload } from 'payload'
import pg from 'pg'
import { expect, inject, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { activeDbContext, SET_CONTEXT_SQL } from '../../src/db/rls/context'
import { contextPoolClass } from '../../src/db/rls/pool'
import { dbContextFor } from '../../src/tenancy/db-context'
import { runInRequestScope } from '../../src/tenancy/request-context'
import { api, login } from '../../tests/int/helpers/api'
import { createStaff, PASSWORD } from '../../tests/int/helpers/factories'
import { freshPayload, ownerPool } from '../../tests/int/helpers/payload'
import { mean, median, percentile, prng, sampleEvenly, seedCatalogue } from './seed'

/**
 * What the database backstop (row-level security, src/db/rls) costs a tenant's product list.
 * Modes, interleaved call by call in one process against one database:
 * - on:  the app as built — runtime role, tenant context set at every checkout, policies enforced;
 * - off: the app before the backstop — Payload's drizzle on a plain pool signed in as the owner
 *        (a superuser: no policy applies, no context statement);
 * - ctx: diagnostic — the owner through the context pool: the statement per checkout without
 *        the policies. ctx−off ≈ the context round trips, on−ctx ≈ the policies (incl. plans).
 * Payload's own access control (the multi-tenant plugin's tenant filter) runs in every mode.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const TENANTS = env('BENCH_TENANTS', 1000)
const PRODUCTS = env('BENCH_PRODUCTS', 500)
const IMAGES = env('BENCH_IMAGES', 1)
const USERS = env('BENCH_USERS', 20)
const ROUNDS = env('BENCH_ROUNDS', 10)
const REQUESTS = env('BENCH_REQUESTS', 50)
const PAGE = 10
const PAGES = Math.max(1, Math.ceil(PRODUCTS / PAGE))
const MODES = ['on', 'off', 'ctx'] as const

type Mode = (typeof MODES)[number]
type Workload = 'REST list' | 'Local API find'
type Shop = { tenantId: string; user: User; token: string }
type Call = { shop: Shop; page: number }
type Answer = { tenants: string[]; ids: string[]; total: number }

const log = (line = '') => console.log(line)
const f = (x: number, digits = 2) => x.toFixed(digits)

it(`row-level security costs a tenant's product list little (${TENANTS} tenants × ${PRODUCTS} products)`, async () => {
  const started = performance.now()
  const payload: Payload = await freshPayload()
  const db = payload.db as unknown as PostgresAdapter
  const tenantIds = await seedCatalogue(ownerPool(), TENANTS, PRODUCTS, IMAGES)
  const seeded = performance.now()

  const shops: Shop[] = []
  for (const tenantId of sampleEvenly(tenantIds, USERS)) {
    const user = await createStaff(payload, { id: tenantId } as Tenant, 'tenant-admin')
    shops.push({ tenantId, user, token: await login(user.email, PASSWORD) })
  }

  // The modes' drizzle instances, built as @payloadcms/db-postgres's connect() builds its own.
  const ownerOptions = { ...db.poolOptions, connectionString: inject('ownerDatabaseUrl') }
  const ownerPlain = new pg.Pool(ownerOptions)
  const ownerWithContext = new (contextPoolClass({ currentContext: () => activeDbContext() ?? dbContextFor() }))(ownerOptions)
  const drizzles: Record<Mode, PostgresAdapter['drizzle']> = {
    on: db.drizzle,
    off: drizzle({ client: ownerPlain, logger: db.logger ?? false, schema: db.schema }),
    ctx: drizzle({ client: ownerWithContext, logger: db.logger ?? false, schema: db.schema }),
  }
  const use = (mode: Mode) => {
    // Calls run one at a time, so no transaction can straddle a swap; make sure of it.
    if (Object.keys(db.sessions).length > 0) throw new Error('a transaction is open while switching modes')
    db.drizzle = drizzles[mode]
  }

  const run: Record<Workload, (call: Call) => Promise<Answer>> = {
    // Like src/app/(payload)/api: each request in its own tenant scope.
    'REST list': async ({ shop, page }) => {
      const res = await runInRequestScope(() => api('GET', `/products?limit=${PAGE}&page=${page}&depth=0`, { token: shop.token }))
      if (res.status !== 200) throw new Error(`REST ${res.status}: ${JSON.stringify(res.body)}`)
      const docs = res.body.docs as { id: string; tenant: string }[]
      return { tenants: docs.map((d) => d.tenant), ids: docs.map((d) => d.id), total: res.body.totalDocs }
    },
    'Local API find': async ({ shop, page }) => {
      const res = await payload.find({ collection: 'products', limit: PAGE, page, depth: 0, user: shop.user, overrideAccess: false })
      return { tenants: res.docs.map((d) => d.tenant as string), ids: res.docs.map((d) => d.id), total: res.totalDocs }
    },
  }
  const workloads = Object.keys(run) as Workload[]

  try {
    // Sanity: each mode is what it claims, and every mode answers the same page.
    const probe: Call = { shop: shops[0], page: Math.min(2, PAGES) }
    const answers = {} as Record<Mode, Record<Workload, Answer>>
    for (const mode of MODES) {
      use(mode)
      const { rows } = await db.drizzle.execute(sql`select row_security_active('products') as active`)
      expect((rows[0] as { active: boolean }).active, `row security in ${mode} mode`).toBe(mode === 'on')
      answers[mode] = {} as Record<Workload, Answer>
      for (const workload of workloads) {
        const answer = (answers[mode][workload] = await run[workload](probe))
        expect(answer.ids, `${workload}, ${mode}`).toHaveLength(Math.min(PAGE, PRODUCTS))
        expect(new Set(answer.tenants), `${workload}, ${mode}`).toEqual(new Set([probe.shop.tenantId]))
        expect(answer.total, `${workload}, ${mode}`).toBe(PRODUCTS)
      }
    }
    expect(answers.off).toEqual(answers.on)
    expect(answers.ctx).toEqual(answers.on)
    use('on')

    // Connection checkouts per call: each one costs a context statement in on mode.
    const checkouts = {} as Record<Workload, number>
    let count = 0
    const counter = () => void count++
    db.pool.on('acquire', counter)
    for (const workload of workloads) {
      count = 0
      await run[workload](probe)
      checkouts[workload] = count
    }
    db.pool.off('acquire', counter)

    // The context statement alone, against a trivial round trip, on one held connection.
    const client = await db.pool.connect()
    const statement: number[] = []
    const roundTrip: number[] = []
    try {
      for (let i = 0; i < 500; i++) {
        let t = performance.now()
        await client.query(SET_CONTEXT_SQL(false), [`{${shops[0].tenantId}}`, 'off', '', '{}'])
        statement.push(performance.now() - t)
        t = performance.now()
        await client.query('select 1')
        roundTrip.push(performance.now() - t)
      }
    } finally {
      client.release()
    }

    // A warm-up round, then ROUNDS measured ones. Every call runs in each mode back to back
    // (the order of modes rotates from call to call), so drift hits all modes alike.
    const samples = Object.fromEntries(MODES.map((m) => [m, Object.fromEntries(workloads.map((w) => [w, [] as number[]]))])) as Record<Mode, Record<Workload, number[]>>
    const random = prng(0x5eed)
    let turn = 0
    for (let round = -1; round < ROUNDS; round++) {
      for (let i = 0; i < REQUESTS; i++) {
        const call: Call = { shop: shops[Math.floor(random() * shops.length)], page: 1 + Math.floor(random() * PAGES) }
        for (const workload of workloads) {
          turn++
          for (let k = 0; k < MODES.length; k++) {
            const mode = MODES[(k + turn) % MODES.length]
            use(mode)
            const t = performance.now()
            await run[workload](call)
            if (round >= 0) samples[mode][workload].push(performance.now() - t)
          }
        }
      }
    }
    use('on')

    log()
    log(
      `rls bench: ${TENANTS} tenants × ${PRODUCTS} products (${TENANTS * PRODUCTS} rows, ${IMAGES} image(s) each), ` +
        `${shops.length} tenant-admins; ${ROUNDS} rounds × ${REQUESTS} calls per mode and workload; pages 1..${PAGES}, limit ${PAGE}, depth 0`,
    )
    log(`seeded in ${f((seeded - started) / 1000, 1)} s`)
    log()
    log('workload         mode  median ms  mean ms   p95 ms  checkouts/call')
    for (const workload of workloads) {
      for (const mode of MODES) {
        const xs = samples[mode][workload]
        const cols = [median(xs), mean(xs), percentile(xs, 95)].map((x) => f(x, 3).padStart(8)).join(' ')
        log(`${workload.padEnd(16)} ${mode.padEnd(4)} ${cols}  ${mode === 'off' ? '' : checkouts[workload]}`)
      }
    }
    log()
    for (const workload of workloads) {
      const [on, off, ctx] = MODES.map((m) => median(samples[m][workload]))
      const meanRatio = mean(samples.on[workload]) / mean(samples.off[workload])
      log(
        `rls ${workload}: on ${f(on)} ms, off ${f(off)} ms, ratio ${f(on / off, 3)} (target <= 1.05; mean ratio ${f(meanRatio, 3)})` +
          ` | ctx ${f(ctx)} ms: context statements ${f(ctx - off)} ms, policies ${f(on - ctx)} ms`,
      )
    }
    log(`context statement: median ${f(median(statement), 3)} ms per checkout (select 1: ${f(median(roundTrip), 3)} ms)`)
    log(`total ${f((performance.now() - started) / 1000, 1)} s`)
    log()
  } finally {
    db.drizzle = drizzles.on
    await Promise.all([ownerPlain.end(), ownerWithContext.end()])
  }
})
