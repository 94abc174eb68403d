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
 * What the database backstop (row-level security, src/db/rls) costs a tenant's list request.
 * Modes, alternated round by round in one process against one database:
 * - on:  the app as built — runtime role, tenant context set at every checkout, policies enforced;
 * - off: the app before the backstop — Payload's drizzle on a plain pool signed in as the owner
 *        (a superuser: no policy applies, no context statement);
 * - ctx: diagnostic — the owner again, but through the context pool: the extra statement per
 *        checkout without the policies. on−ctx ≈ policy evaluation, ctx−off ≈ the round trip.
 * Payload's access control (the multi-tenant plugin's tenant filter) runs in every mode.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const TENANTS = env('BENCH_TENANTS', 1000)
const PRODUCTS = env('BENCH_PRODUCTS', 500)
const USERS = env('BENCH_USERS', 20)
const ROUNDS = env('BENCH_ROUNDS', 10)
const REQUESTS = env('BENCH_REQUESTS', 50)
const PAGE = 10
const PAGES = Math.max(1, Math.ceil(PRODUCTS / PAGE))

type Mode = 'on' | 'off' | 'ctx'
type Workload = 'REST list' | 'Local API find'
type Shop = { tenantId: string; user: User; token: string }
type Call = { shop: Shop; page: number }

const log = (line = '') => console.log(line)
const ms = (x: number) => x.toFixed(3).padStart(8)

it(`row-level security costs a tenant's product list little (${TENANTS} tenants × ${PRODUCTS} products)`, async () => {
  const started = performance.now()
  const payload: Payload = await freshPayload()
  const db = payload.db as unknown as PostgresAdapter
  const tenantIds = await seedCatalogue(ownerPool(), TENANTS, PRODUCTS)
  const seeded = performance.now()

  const shops: Shop[] = []
  for (const tenantId of sampleEvenly(tenantIds, USERS)) {
    const user = await createStaff(payload, { id: tenantId } as Tenant, 'tenant-admin')
    shops.push({ tenantId, user, token: await login(user.email, PASSWORD) })
  }

  // The modes' drizzle instances, built like @payloadcms/db-postgres's connect() builds its own.
  const ownerOptions = { ...db.poolOptions, connectionString: inject('ownerDatabaseUrl') }
  const ContextPool = contextPoolClass(() => activeDbContext() ?? dbContextFor())
  const ownerPlain = new pg.Pool(ownerOptions)
  const ownerWithContext = new ContextPool(ownerOptions)
  const drizzles: Record<Mode, PostgresAdapter['drizzle']> = {
    on: db.drizzle,
    off: drizzle({ client: ownerPlain, logger: db.logger ?? false, schema: db.schema }),
    ctx: drizzle({ client: ownerWithContext, logger: db.logger ?? false, schema: db.schema }),
  }
  const use = (mode: Mode) => {
    // Requests run one at a time: no transaction may straddle the swap.
    if (Object.keys(db.sessions).length > 0) throw new Error('a transaction is open while switching modes')
    db.drizzle = drizzles[mode]
  }

  const run: Record<Workload, (call: Call) => Promise<{ tenants: string[]; ids: string[]; total: number }>> = {
    'REST list': async ({ shop, page }) => {
      const res = await runInRequestScope(() => api('GET', `/products?limit=${PAGE}&page=${page}&depth=0`, { token: shop.token }))
      if (res.status !== 200) throw new Error(`REST ${res.status}: ${JSON.stringify(res.body)}`)
      const docs = res.body.docs as { id: string; tenant: string }[]
      return { tenants: docs.map((d) => d.tenant), ids: docs.map((d) => d.id), total: res.body.totalDocs }
    },
    'Local API find': async ({ shop, page }) => {
      const res = await payload.find({ collection: 'products', limit: PAGE, page, depth: 0, user: shop.user, overrideAccess: false })
      return { tenants: res.docs.map((d) => String(d.tenant)), ids: res.docs.map((d) => d.id), total: res.totalDocs }
    },
  }
  const workloads = Object.keys(run) as Workload[]

  try {
    // Sanity: each mode really is what it claims, and all modes answer the same page.
    const probe: Call = { shop: shops[0], page: Math.min(2, PAGES) }
    const answers: Partial<Record<Mode, Record<Workload, string[]>>> = {}
    for (const mode of ['on', 'off', 'ctx'] as Mode[]) {
      use(mode)
      const active = await db.drizzle.execute(sql`select row_security_active('products') as active`)
      expect((active.rows[0] as { active: boolean }).active, `row security active in ${mode} mode`).toBe(mode === 'on')
      answers[mode] = {} as Record<Workload, string[]>
      for (const workload of workloads) {
        const answer = await run[workload](probe)
        expect(answer.ids, `${workload} page in ${mode} mode`).toHaveLength(Math.min(PAGE, PRODUCTS))
        expect(new Set(answer.tenants), `${workload} tenants in ${mode} mode`).toEqual(new Set([probe.shop.tenantId]))
        expect(answer.total).toBe(PRODUCTS)
        answers[mode]![workload] = answer.ids
      }
    }
    expect(answers.off).toEqual(answers.on)
    expect(answers.ctx).toEqual(answers.on)
    use('on')

    // Database checkouts per call (each one is a context statement in on mode).
    let checkouts = 0
    const count = () => void checkouts++
    db.pool.on('acquire', count)
    const perCall: Record<string, number> = {}
    for (const workload of workloads) {
      checkouts = 0
      await run[workload](probe)
      perCall[workload] = checkouts
    }
    db.pool.off('acquire', count)

    // The context statement alone, on one held connection of the app's pool.
    const client = await db.pool.connect()
    const statement: number[] = []
    const select1: number[] = []
    try {
      for (let i = 0; i < 500; i++) {
        let t = performance.now()
        await client.query(SET_CONTEXT_SQL(false), [`{${shops[0].tenantId}}`, 'off'])
        statement.push(performance.now() - t)
        t = performance.now()
        await client.query('select 1')
        select1.push(performance.now() - t)
      }
    } finally {
      client.release()
    }

    // The benchmark: a warm-up round of each mode, then ROUNDS measured rounds. Every mode of a
    // round makes the same calls (same shops, same pages); the order of modes rotates.
    const modes: Mode[] = ['on', 'off', 'ctx']
    const samples = Object.fromEntries(modes.map((m) => [m, Object.fromEntries(workloads.map((w) => [w, [] as number[]]))])) as Record<Mode, Record<Workload, number[]>>
    const random = prng(0x5eed)
    for (let round = -1; round < ROUNDS; round++) {
      const calls: Call[] = Array.from({ length: REQUESTS }, () => ({
        shop: shops[Math.floor(random() * shops.length)],
        page: 1 + Math.floor(random() * PAGES),
      }))
      const order = modes.map((_, i) => modes[(i + Math.max(round, 0)) % modes.length])
      for (const mode of order) {
        use(mode)
        for (const workload of workloads) {
          for (const call of calls) {
            const t = performance.now()
            await run[workload](call)
            if (round >= 0) samples[mode][workload].push(performance.now() - t)
          }
        }
      }
      use('on')
    }

    log()
    log(`rls bench: ${TENANTS} tenants × ${PRODUCTS} products = ${TENANTS * PRODUCTS} products, ${shops.length} tenant-admins, ` +
      `${ROUNDS} rounds × ${REQUESTS} calls per mode and workload (pages 1..${PAGES}, limit ${PAGE}, depth 0)`)
    log(`seed ${((seeded - started) / 1000).toFixed(1)} s`)
    log()
    log('workload         mode   median ms   mean ms    p95 ms   checkouts/call')
    for (const workload of workloads) {
      for (const mode of modes) {
        const xs = samples[mode][workload]
        log(`${workload.padEnd(16)} ${mode.padEnd(4)} ${ms(median(xs))}   ${ms(mean(xs))}  ${ms(percentile(xs, 95))}   ${mode === 'on' ? perCall[workload] : ''}`)
      }
    }
    log()
    for (const workload of workloads) {
      const [on, off, ctx] = modes.map((m) => median(samples[m][workload]))
      log(`rls ${workload}: on ${on.toFixed(2)} ms, off ${off.toFixed(2)} ms, ratio ${(on / off).toFixed(3)} (target <= 1.05)` +
        `  [ctx ${ctx.toFixed(2)} ms: context statements ${(ctx - off).toFixed(2)} ms, policies ${(on - ctx).toFixed(2)} ms]`)
    }
    log(`context statement per checkout: median ${median(statement).toFixed(3)} ms (select 1: ${median(select1).toFixed(3)} ms)`)
    log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`)
    log()
  } finally {
    db.drizzle = drizzles.on
    await Promise.all([ownerPlain.end(), ownerWithContext.end()])
  }
})
