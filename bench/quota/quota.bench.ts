import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { performance } from 'node:perf_hooks'
import { createLocalReq, type Payload } from 'payload'
import { expect, it } from 'vitest'

import { consume, countQuery, reserveCount, tenantQuota } from '../../plugins/quotas'
import { runSql } from '../../src/db/run-sql'
import { withTransaction } from '../../src/db/transaction'
import { runInRequestScope, runWithTenant } from '../../src/tenancy/request-context'
import { api, login } from '../../tests/int/helpers/api'
import { PASSWORD } from '../../tests/int/helpers/factories'
import { freshPayload, ownerPool } from '../../tests/int/helpers/payload'
import { mean, median, percentile, prng } from '../rls/seed'
import { emptyQuotaCache, MODES, prepareModes, QUOTA_MODES, ready, type Mode } from './modes'
import { BENCH_LIMIT, productTotals, seedShops, tally, type Shop } from './seed'
import { recordStatements } from './statements'

/** Thrown to roll a round's transaction back on purpose. */
class RollBack extends Error {}

/**
 * What the quota hooks (plugins/quotas) cost a create. Modes, interleaved call by call in one
 * process against one database (bench/quota/modes.ts):
 * - with:    the config as built, the tenant's quota in the process cache (the steady state) —
 *            on products one conditional UPDATE of the running total and the alert check, on
 *            leads one ledger upsert;
 * - cold:    the same with the process cache emptied before the call (one more statement: the
 *            tenant's plan, limits and overrides);
 * - without: every hook marked QUOTA_HOOK removed.
 * Prints medians, p90s and ratios; asserts only sanity facts, never timings.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const TENANTS = env('BENCH_QUOTA_TENANTS', 4)
const ROWS = env('BENCH_QUOTA_ROWS', 2000)
const ROUNDS = env('BENCH_QUOTA_ROUNDS', 10)
const CALLS = env('BENCH_QUOTA_CALLS', 30)
const SEED = env('BENCH_QUOTA_SEED', Date.now() % 2 ** 31)
const TARGET = 1.1

type Staff = Shop & { token: string }
type Workload = { name: string; run: (shop: Staff, mode: Mode) => Promise<void> }

const log = (line = '') => console.log(line)
const f = (x: number, digits = 2) => x.toFixed(digits)
const pad = (s: string, n: number) => s.padEnd(n)

it(`the quota hooks cost a create little (${TENANTS} tenants × ${ROWS} products, with / cold / without, interleaved)`, async () => {
  const started = performance.now()
  const payload: Payload = await freshPayload()
  const db = payload.db as unknown as PostgresAdapter
  const owner = ownerPool()
  const { shops: seededShops } = await seedShops(payload, owner, TENANTS, ROWS)
  const shops: Staff[] = []
  for (const shop of seededShops) shops.push({ ...shop, token: await login(shop.user.email, PASSWORD) })
  const seeded = performance.now()
  for (const t of await productTotals(owner, shops)) expect(t.total, 'the running total starts from the seeded rows').toBe(ROWS)
  const quota = await tenantQuota(await createLocalReq({ user: { ...shops[0].user, collection: 'users' } as never }, payload), shops[0].tenant.id)
  if (quota?.limits.products !== BENCH_LIMIT || quota.limits.leadsPerMonth !== BENCH_LIMIT) throw new Error(`unexpected quota ${JSON.stringify(quota)}`)

  const modes = prepareModes(payload, ['products', 'leads'])
  const use = (next: Mode) => {
    // Calls run one at a time: no operation (and no transaction) is in flight during a swap.
    if (Object.keys(db.sessions).length > 0) throw new Error('a transaction is open while switching modes')
    modes.use(next)
  }

  let n = 0
  const unique = () => `${SEED.toString(36)}-${(n++).toString(36)}`
  let leadPhone = 0
  const creates = { products: 0, leads: 0, quotaLeads: 0 }
  /** Products created by the hooks' modes, per tenant (counted), and without them (never counted). */
  const counted = new Map<string, string[]>()
  const uncounted: string[] = []
  const created = (shop: Staff, mode: Mode, id: number | string | undefined) => {
    if (!id) throw new Error('no product created')
    creates.products++
    if (mode === 'without') uncounted.push(String(id))
    else counted.set(shop.tenant.id, [...(counted.get(shop.tenant.id) ?? []), String(id)])
  }
  const productData = (shop: Staff) => ({ tenant: shop.tenant.id, name: `Bench product ${unique()}`, sku: `BQ-${unique()}`, price: 1000, stock: 5, currency: 'BDT' as const, status: 'active' as const })
  const workloads: Workload[] = [
    {
      name: 'Local API product',
      run: async (shop, mode) => {
        const doc = await payload.create({ collection: 'products', data: productData(shop), user: shop.user, overrideAccess: false, depth: 0 })
        created(shop, mode, doc.id)
      },
    },
    {
      name: 'REST product',
      // Like src/app/(payload)/api: each request in its own tenant scope.
      run: async (shop, mode) => {
        const res = await runInRequestScope(() => api('POST', '/products?depth=0', { token: shop.token, body: productData(shop) }))
        if (res.status !== 201) throw new Error(`REST ${res.status}: ${JSON.stringify(res.body)}`)
        created(shop, mode, res.body.doc?.id)
      },
    },
    {
      name: 'Local API lead',
      run: async (shop, mode) => {
        const phone = `+88019${String(++leadPhone).padStart(8, '0')}`
        const data = { tenant: shop.tenant.id, name: `Bench lead ${unique()}`, phone, source: 'manual' as const, status: 'new' as const }
        const doc = await payload.create({ collection: 'leads', data, user: shop.user, overrideAccess: false, depth: 0 })
        if (!doc.id) throw new Error('no lead created')
        creates.leads++
        if (QUOTA_MODES.includes(mode)) creates.quotaLeads++
      },
    },
  ]
  /** One call: the mode's hooks and cache state (untimed), then the create (timed). */
  const call = async (w: Workload, m: Mode, shop: Staff): Promise<number> => {
    use(m)
    await ready(payload, m, shop)
    const t = performance.now()
    await w.run(shop, m)
    return performance.now() - t
  }

  const before = await tally(owner, shops)
  try {
    log()
    log(
      `quota hooks (marked QUOTA_HOOK): ${Object.entries(modes.marked)
        .map(
          ([slug, byName]) =>
            `${slug} ${Object.entries(byName)
              .map(([k, v]) => `${k}×${v}`)
              .join(', ')}`,
        )
        .join('; ')}`,
    )

    // One untimed call per workload and mode (first-call effects), then the probes: the marked
    // hooks run in the quota modes and never in `without`, and the statements each mode sends.
    for (const w of workloads) for (const m of MODES) await call(w, m, shops[0])
    const statements = {} as Record<string, Record<Mode, string[]>>
    const probe = modes.instrument()
    try {
      for (const w of workloads) {
        statements[w.name] = {} as Record<Mode, string[]>
        for (const m of MODES) {
          use(m)
          await ready(payload, m, shops[0])
          const callsBefore = probe.calls()
          const rec = recordStatements()
          try {
            await w.run(shops[0], m)
          } finally {
            rec.stop()
          }
          const texts = (statements[w.name][m] = rec.texts)
          const ran = probe.calls() - callsBefore
          if (QUOTA_MODES.includes(m)) expect(ran, `${w.name}: quota hooks run in '${m}' mode`).toBeGreaterThan(0)
          else expect(ran, `${w.name}: no quota hook runs in '${m}' mode`).toBe(0)
          expect(texts.length, `${w.name}, ${m}: the statement counter saw the create`).toBeGreaterThan(0)
        }
        // Statements the hooks add (Payload's own, such as the sku check's count, are in every mode):
        // warm, neither the tenant's quota nor a count; cold, exactly one more, the quota read.
        const { with: warm, cold, without } = statements[w.name]
        const added = multisetDifference(warm, without)
        expect(
          added.filter((t) => /count\(|_quota_overrides/.test(t)),
          `${w.name}, with: no quota read, no count(*)`,
        ).toEqual([])
        const coldAdds = multisetDifference(cold, warm)
        expect(coldAdds.length === 1 && coldAdds[0].includes('_quota_overrides'), `${w.name}, cold: one more statement, the quota read: ${coldAdds.join(' | ')}`).toBe(true)
      }
    } finally {
      probe.restore()
    }

    // A warm-up round, then ROUNDS measured ones. Every call runs once in each mode, back to
    // back, for the same shop; the order of the modes rotates from call to call from a random
    // start, so drift (GC, autovacuum, growing tables, a noisy neighbour) hits all modes alike.
    const random = prng(SEED)
    const samples = Object.fromEntries(workloads.map((w) => [w.name, Object.fromEntries(MODES.map((m) => [m, [] as number[]]))])) as Record<string, Record<Mode, number[]>>
    const paired = Object.fromEntries(workloads.map((w) => [w.name, { with: [] as number[], cold: [] as number[] }]))
    let turn = Math.floor(random() * 1000)
    for (let round = -1; round < ROUNDS; round++) {
      for (let i = 0; i < CALLS; i++) {
        const shop = shops[Math.floor(random() * shops.length)]
        for (const w of workloads) {
          turn++
          const took = {} as Record<Mode, number>
          for (let k = 0; k < MODES.length; k++) {
            const m = MODES[(k + turn) % MODES.length]
            took[m] = await call(w, m, shop)
            if (round >= 0) samples[w.name][m].push(took[m])
          }
          if (round >= 0) for (const m of ['with', 'cold'] as const) paired[w.name][m].push(took[m] / took.without)
        }
      }
    }
    use('with')

    // Sanity: every create went in, the ledger counted exactly the leads created with the hooks.
    const after = await tally(owner, shops)
    expect(after.products - before.products, 'every product create succeeded').toBe(creates.products)
    expect(after.leads - before.leads, 'every lead create succeeded').toBe(creates.leads)
    expect(after.ledgerLeads - before.ledgerLeads, "the ledger grew by the lead creates with the plugin's hooks, and only by them").toBe(creates.quotaLeads)
    // The running totals: a few counted products deleted through Payload (afterDelete takes one
    // off), the products `without` created (never counted) deleted as the owner, and then every
    // tenant's total must equal its real count.
    let deleted = 0
    for (const shop of shops) {
      for (const id of (counted.get(shop.tenant.id) ?? []).slice(0, 5)) {
        await payload.delete({ collection: 'products', id, user: shop.user, overrideAccess: false })
        deleted++
      }
    }
    await owner.query('delete from products where id = any($1::uuid[])', [uncounted])
    const totals = await productTotals(owner, shops)
    for (const t of totals) expect(t.total, `products running total of ${t.tenant} = its real count`).toBe(t.products)

    // The pieces alone, as the runtime role in a shop's tenant context, each round in its own
    // transaction, rolled back (the ledger and the totals are left as they were).
    const micro: Record<string, number[]> = {}
    const time = async (name: string, fn: () => Promise<unknown>) => {
      const t = performance.now()
      await fn()
      ;(micro[name] ??= []).push(performance.now() - t)
    }
    const tenantId = shops[0].tenant.id
    for (let i = 0; i < 300; i++) {
      await runWithTenant({ tenantId, via: 'job' }, async () => {
        const req = await createLocalReq({}, payload)
        await withTransaction(req, async () => {
          await tenantQuota(req, tenantId)
          await runSql(req, sql`select 1`) // the transaction really begins here, untimed
          await time('runSql(select 1): one statement, for scale', () => runSql(req, sql`select 1`))
          await time('reserveCount(products): running total UPDATE', () => reserveCount(req, tenantId, 'products'))
          await time('consume(leadsPerMonth): ledger upsert', () => consume(req, tenantId, 'leadsPerMonth'))
          await time("count(*) of the tenant's products (recount only)", () => runSql(req, countQuery(req, 'products', tenantId)))
          // Each lookup with a new request (its own memo) in the same transaction, like a create's.
          const fresh = async () => Object.assign(await createLocalReq({}, payload), { transactionID: req.transactionID })
          const [warm, cold] = [await fresh(), await fresh()]
          await time('tenantQuota(), cache hit', () => tenantQuota(warm, tenantId))
          emptyQuotaCache()
          await time('tenantQuota(), cache empty (one statement)', () => tenantQuota(cold, tenantId))
          throw new RollBack()
        }).catch((error: unknown) => {
          if (!(error instanceof RollBack)) throw error
        })
      })
    }

    log()
    log(
      `quota bench: ${TENANTS} tenants × ${ROWS} seeded products (${totals.reduce((a, t) => a + t.products, 0)} at the end), every plan limit ${BENCH_LIMIT}; ` +
        `${ROUNDS} rounds × ${CALLS} calls per mode and workload after 1 warm-up round; seed ${SEED}`,
    )
    log(
      `seeded in ${f((seeded - started) / 1000, 1)} s; ${creates.products} products and ${creates.leads} leads created; ` +
        `usage ledger +${after.ledgerLeads - before.ledgerLeads} = lead creates in ${QUOTA_MODES.join(', ')} ${creates.quotaLeads}; ` +
        `products totals = real counts after ${deleted} deletes through Payload and ${uncounted.length} uncounted removed: ${totals.map((t) => t.total).join(', ')}`,
    )
    log()
    log(`${pad('workload', 18)} ${pad('mode', 8)} median ms   p90 ms  mean ms  statements/call`)
    for (const w of workloads) {
      for (const m of MODES) {
        const xs = samples[w.name][m]
        log(`${pad(w.name, 18)} ${pad(m, 8)} ${[median(xs), percentile(xs, 90), mean(xs)].map((x) => f(x, 3).padStart(8)).join(' ')}  ${statements[w.name][m].length}`)
      }
    }
    log()
    for (const w of workloads) {
      const s = samples[w.name]
      const ratio = (m: Mode) => median(s[m]) / median(s.without)
      const ratios = (m: 'with' | 'cold') => `${f(ratio(m), 3)} (mean ${f(mean(s[m]) / mean(s.without), 3)}, paired ${f(median(paired[w.name][m]), 3)})`
      log(
        `quota ${w.name}: with ${f(median(s.with))} ms (p90 ${f(percentile(s.with, 90))}), cold ${f(median(s.cold))} ms (p90 ${f(percentile(s.cold, 90))}), ` +
          `without ${f(median(s.without))} ms (p90 ${f(percentile(s.without, 90))})`,
      )
      const delta = (m: Mode) => `${f(median(s[m]) - median(s.without), 2)} ms`
      log(
        `  with/without ${ratios('with')} — target <= ${f(TARGET)}: ${ratio('with') <= TARGET ? 'met' : 'NOT met'}; cold/without ${ratios('cold')}; median − without: with +${delta('with')}, cold +${delta('cold')}`,
      )
    }
    log()
    for (const w of workloads) {
      for (const m of ['with', 'cold'] as const) {
        const extra = multisetDifference(statements[w.name][m], statements[w.name].without)
        log(`statements '${m}' adds to ${w.name} (${extra.length}):`)
        for (const text of extra) log(`  ${text.length > 150 ? `${text.slice(0, 150)}…` : text}`)
      }
    }
    log()
    log('pieces alone (median of 300, ms):')
    for (const [name, xs] of Object.entries(micro)) log(`  ${pad(name, 50)} ${f(median(xs), 3)}`)
    log(`total ${f((performance.now() - started) / 1000, 1)} s`)
    log()
  } finally {
    modes.use('with')
  }
})

/** `a` minus `b`, as multisets: what `a` sends that `b` does not. */
function multisetDifference(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>()
  for (const text of b) left.set(text, (left.get(text) ?? 0) + 1)
  return a.filter((text) => {
    const k = left.get(text) ?? 0
    if (k > 0) left.set(text, k - 1)
    return k === 0
  })
}
