import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { performance } from 'node:perf_hooks'
import type { Payload } from 'payload'
import { expect, inject, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { login } from '../../tests/int/helpers/api'
import { setEnv } from '../../tests/int/helpers/env'
import { createStaff, PASSWORD } from '../../tests/int/helpers/factories'
import { freshPayload, ownerPool, resetDatabase } from '../../tests/int/helpers/payload'
import { initTotals, productTotals, type Shop as QuotaShop } from '../quota/seed'
import { prng, sampleEvenly } from '../rls/seed'
import { interleave, probeCall, ratio, timesOf, type Samples } from './measure'
import { appDatabase, contextDatabase, ownerDatabase, prepareModes, type Database, type Modes, type State } from './modes'
import type { Answer } from './raw'
import { copyDatabase, productIdsOf, seedShops } from './seed'
import { buildWorkloads, type Call, type Shop } from './workloads'

/**
 * What tenancy costs a request (issue 15), all through the real REST route handler as a
 * tenant-admin, in one process, on one embedded PostgreSQL. Each call runs in every variant of
 * its workload back to back, the order rotating from call to call (measure.ts), so machine
 * load hits them alike. Prints medians and ratios; asserts only that the variants answer the
 * same rows and are what they claim, never timings.
 *
 * Variants (modes.ts switches the one Payload instance between them, untimed, between calls):
 * - on:   the app as built, on the test database (BENCH_TENANTS shops × BENCH_ROWS products and
 *         orders each): runtime role through the src/db/rls context pool (platform pool for
 *         bypass work), policies enforced, tenant resolution, tenantScoped access (role matrix,
 *         tenant status lookup) inside the multi-tenant plugin's constraint, quota hooks;
 * - off:  the same data and requests with tenancy off: the owner (a superuser) on a plain
 *         pg.Pool, Payload's own adapter methods without the rls wrappers, no resolution hook,
 *         no same-tenant-relations hook, no quota hooks, and access = the role matrix plus the
 *         one predicate `tenant = <the user's shop>` — without it the list would read other
 *         shops' rows; with it both modes read the same rows through the same index (a one-shop
 *         app's table would hold only them). Printed in full as "off switches off";
 * - few:  the app as built on a second database (a template copy of the migrated one) with
 *         BENCH_FEW_TENANTS shops and the same rows per shop: the same list with fewer tenants;
 * - raw:  the same rows by hand-written SQL on the owner's pool (one checkout: page + count);
 * - 1 shop / N shops: the back-office list of one selected shop (the plugin's `payload-tenant`
 *         cookie and the list filter the admin adds for it) by its tenant-admin, and by a staff
 *         member who is tenant-admin of BENCH_STAFF_SHOPS shops, that one among them.
 * Reads (phase 1) run before creates (phase 2), so the lists never see rows added by creates.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const TENANTS = env('BENCH_TENANTS', 10_000)
const FEW = env('BENCH_FEW_TENANTS', 10)
const ROWS = env('BENCH_ROWS', 40)
const USERS = env('BENCH_USERS', 10)
const STAFF_SHOPS = env('BENCH_STAFF_SHOPS', 50)
const ROUNDS = env('BENCH_ROUNDS', 8)
const REQUESTS = env('BENCH_REQUESTS', 40)
const SEED = env('BENCH_SEED', Date.now() % 2 ** 31)
const SHOW_SQL = process.env.BENCH_SHOW_SQL === '1'
const LIMIT = 20
const PAGES = Math.max(1, Math.ceil(ROWS / LIMIT))
const TARGET = { onOff: 1.15, scale: 1.1, staff: 1.1, raw: 5 }

const log = (line = '') => console.log(line)
const f = (x: number, digits = 1) => x.toFixed(digits)
const seconds = (from: number) => `${f((performance.now() - from) / 1000)} s`

it(`what tenancy costs a request (${TENANTS} vs ${FEW} tenants × ${ROWS} rows; on / off / raw; 1 vs ${STAFF_SHOPS} shops)`, async () => {
  const started = performance.now()
  const urls = { runtime: inject('databaseUrl'), platform: inject('platformDatabaseUrl'), owner: inject('ownerDatabaseUrl') }
  // Before Payload connects: PostgreSQL copies a template only while nobody is connected to it.
  const copy = await copyDatabase(urls, 'few')
  const payload: Payload = await freshPayload()
  const db = payload.db as unknown as PostgresAdapter
  const [owner, fewOwner] = [ownerDatabase(db, urls.owner), ownerDatabase(db, copy.urls.owner)]
  const databases: Record<State, Database> = { on: appDatabase(db), off: owner, few: contextDatabase(db, copy.urls.runtime, copy.urls.platform) }
  const rawPool = owner.pool
  let modes: Modes | undefined
  try {
    await resetDatabase(fewOwner.pool)
    const manyIds = await seedShops(ownerPool(), TENANTS, ROWS)
    const fewIds = await seedShops(fewOwner.pool, FEW, ROWS)
    const seeded = performance.now()
    const app = prepareModes(payload, databases)
    modes = app

    // Tenant-admins of sampled shops in each database, and one staff member of many shops.
    const restoreEnv = setEnv({ RATE_LIMITS: 'off' }) // dozens of sign-ins from one address
    const shopsOf = async (state: State, ids: string[], ownerOfDb: typeof rawPool) => {
      app.use(state)
      const products = await productIdsOf(ownerOfDb, ids, ROWS)
      const shops: Shop[] = []
      for (const tenantId of ids) {
        const user = await createStaff(payload, { id: tenantId } as Tenant, 'tenant-admin')
        shops.push({ tenantId, user, token: await login(user.email, PASSWORD), productIds: products.get(tenantId) ?? [] })
      }
      return shops
    }
    const many = await shopsOf('on', sampleEvenly(manyIds, USERS), rawPool)
    const few = await shopsOf('few', sampleEvenly(fewIds, USERS), fewOwner.pool)
    app.use('on')
    const staffShops = [...new Set([...many.map((s) => s.tenantId), ...manyIds])].slice(0, STAFF_SHOPS)
    const staffUser = await createStaff(
      payload,
      staffShops.map((id) => ({ id }) as Tenant),
      'tenant-admin',
    )
    const staffToken = await login(staffUser.email, PASSWORD)
    restoreEnv()

    const fewName = `${FEW} tenants`
    const staffName = `${staffShops.length} shops`
    const { reads, writes, created } = buildWorkloads({ app, many, few, fewName, staff: { token: staffToken, name: staffName }, rawPool, limit: LIMIT, seed: SEED })

    // Sanity, untimed: each state is what it claims; the variants of a workload answer the same
    // rows (the `few` database: a full page of its own shop); checkouts per call of each variant.
    for (const state of ['on', 'off', 'few'] as const) {
      app.use(state)
      const { rows } = await db.drizzle.execute(sql`select row_security_active('products') as active`)
      expect((rows[0] as { active: boolean }).active, `row security in ${state}`).toBe(state !== 'off')
    }
    // A call of another shop first (first-call effects; connections then hold another context), then the probe.
    const [warm, probe]: Call[] = [
      { pick: 1, page: 1, item: 1 },
      { pick: 0, page: 1, item: 0 },
    ]
    const costs: Record<string, Record<string, Awaited<ReturnType<typeof probeCall>>>> = {}
    for (const workload of [...reads, ...writes]) {
      costs[workload.name] = {}
      const answers: Record<string, Answer> = {}
      for (const variant of workload.variants) {
        variant.prepare?.()
        await variant.run(warm)
        costs[workload.name][variant.name] = await probeCall(variant.pools(), async () => void (answers[variant.name] = await variant.run(probe)))
      }
      if (writes.includes(workload)) continue
      const { [fewName]: fewAnswer, ...same } = answers
      const [first, ...rest] = Object.keys(same)
      for (const name of rest) expect(answers[name], `${workload.name}: ${name} answers as ${first}`).toEqual(answers[first])
      if (!workload.name.endsWith('list')) continue
      expect(answers[first].ids, workload.name).toHaveLength(Math.min(LIMIT, ROWS))
      expect(new Set(answers[first].tenants), workload.name).toEqual(new Set([many[0].tenantId]))
      expect(answers[first].total, workload.name).toBe(ROWS)
      if (fewAnswer) expect({ ...fewAnswer, tenants: [...new Set(fewAnswer.tenants)] }, `${workload.name}: ${fewName}`).toEqual({ ids: fewAnswer.ids, tenants: [few[0].tenantId], total: ROWS })
    }

    // Phase 1, reads; phase 2, creates (after initTotals, so the quota's running totals start true).
    const random = prng(SEED)
    const nextCall = (): Call => ({ pick: Math.floor(random() * 1e9), page: 1 + Math.floor(random() * PAGES), item: Math.floor(random() * 1e9) })
    const measured = performance.now()
    const readSamples = await interleave(reads, ROUNDS, REQUESTS, nextCall, SEED)
    app.use('on')
    for (const shop of many) await initTotals(payload, shop.tenantId)
    const before = await productTotals(ownerPool(), quotaShops(many))
    for (const map of Object.values(created)) map.clear()
    const writeSamples = await interleave(writes, ROUNDS, REQUESTS, nextCall, SEED)
    app.use('on')

    // The quota hooks ran for the creates with tenancy on, and only for them.
    const after = new Map((await productTotals(ownerPool(), quotaShops(many))).map((t) => [t.tenant, t]))
    for (const b of before) {
      const a = after.get(b.tenant)!
      const [on, off] = [created.on.get(b.tenant) ?? 0, created.off.get(b.tenant) ?? 0]
      expect(a.products - b.products, 'every create went in').toBe(on + off)
      expect((a.total ?? 0) - (b.total ?? 0), 'the running total counted the creates with tenancy on, and only those').toBe(on)
    }

    const samples: Samples = { ...readSamples, ...writeSamples }
    log()
    log(
      `tenancy bench: ${TENANTS} tenants (test database) and ${FEW} tenants (its copy) × ${ROWS} products and ${ROWS} orders each (1 image, 2 items); ` +
        `${many.length} + ${few.length} tenant-admins, 1 staff member of ${staffShops.length} shops; ${ROUNDS} rounds × ${REQUESTS} calls per variant; limit ${LIMIT}, pages 1..${PAGES}, depth 0; seed ${SEED}`,
    )
    log(`started and seeded in ${f((seeded - started) / 1000)} s, users and probes ${f((measured - seeded) / 1000)} s, measured in ${seconds(measured)}`)
    log('off switches off:')
    for (const piece of app.offPieces) log(`  - ${piece}`)
    log('off keeps:')
    for (const piece of app.keptPieces) log(`  - ${piece}`)
    log()
    log('workload                   variant       median ms  mean ms   p90 ms  checkouts/call                  statements/call')
    for (const [workload, byVariant] of Object.entries(samples)) {
      for (const [variant, xs] of Object.entries(byVariant)) {
        const { checkouts, statements } = costs[workload][variant]
        log(`${workload.padEnd(26)} ${variant.padEnd(12)} ${timesOf(xs)}  ${checkouts.padEnd(30)}  ${statements}`)
      }
    }
    log('checkout targets (issue 15): at most 2 for a staff list request, 1 for a by-id read')
    if (SHOW_SQL) {
      for (const [workload, byVariant] of Object.entries(costs)) {
        for (const [variant, { texts }] of Object.entries(byVariant)) {
          log(`statements of one call, ${workload}, ${variant}:`)
          for (const text of texts) log(`  ${text.length > 150 ? `${text.slice(0, 150)}…` : text}`)
        }
      }
    }
    log()
    const line = (label: string, workload: string, a: string, b: string, target: number) => log(`${label.padEnd(34)} ${workload.padEnd(26)} ${ratio(samples[workload][a], samples[workload][b], target).text}`)
    for (const w of ['products list', 'orders list', 'product by id', 'users/me', 'product create']) line('on ÷ off', w, 'on', 'off', TARGET.onOff)
    for (const w of ['products list', 'orders list']) line(`${TENANTS} ÷ ${FEW} tenants`, w, 'on', fewName, TARGET.scale)
    line(`${staffName} ÷ 1 shop staff`, 'staff list, selected shop', staffName, '1 shop', TARGET.staff)
    for (const w of ['products list', 'orders list', 'product by id']) line('REST ÷ raw SQL', w, 'on', 'raw', TARGET.raw)
    log(`total ${seconds(started)}`)
    log()
  } finally {
    modes?.reset()
    await Promise.all([owner.end(), databases.few.end(), fewOwner.end()])
    await copy.drop()
  }
})

/** productTotals (bench/quota) reads only each shop's tenant id. */
const quotaShops = (shops: Shop[]): QuotaShop[] => shops.map((s) => ({ tenant: { id: s.tenantId }, user: s.user }) as QuotaShop)
