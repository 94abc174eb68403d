import { createLocalReq, type Payload } from 'payload'
import type pg from 'pg'

import { reconcileCounters } from '../../plugins/quotas'
import type { Plan, Tenant, User } from '../../payload-types'
import { withTransaction } from '../../src/db/transaction'
import { runWithTenant } from '../../src/tenancy/request-context'
import { createPlan, createStaff, createTenant } from '../../tests/int/helpers/factories'

/**
 * Limits high enough never to refuse, but not null (unlimited): a real limit is what a paying
 * tenant has, and the users limit is only enforced (lock + count) when it is set.
 */
export const BENCH_LIMIT = 1_000_000

export type Shop = { tenant: Tenant; user: User }

/**
 * `tenants` shops on one plan whose every limit is BENCH_LIMIT (users too: the tenant-admin
 * counts), each with a tenant-admin created through Payload and `rows` products written as the
 * owner with plain SQL (the create path would take minutes), then `vacuum analyze`. The rows go
 * in before any product create, and then the running totals (`usage_counters`, period `total`)
 * are set from the real counts by the plugin's own recount (reconcileCounters, as the daily
 * job does), so they start from the truth. No product is added by SQL after that.
 */
export async function seedShops(payload: Payload, owner: pg.Pool, tenants: number, rows: number): Promise<{ plan: Plan; shops: Shop[] }> {
  const limits = {
    users: BENCH_LIMIT,
    pages: BENCH_LIMIT,
    numbers: BENCH_LIMIT,
    couriers: BENCH_LIMIT,
    products: BENCH_LIMIT,
    monthlyMessages: BENCH_LIMIT,
    leadsPerMonth: BENCH_LIMIT,
    ordersPerMonth: BENCH_LIMIT,
    aiRequestsPerMonth: BENCH_LIMIT,
  }
  const plan = await createPlan(payload, limits)
  const shops: Shop[] = []
  for (let i = 1; i <= tenants; i++) {
    const slug = `quota-bench-${String(i).padStart(3, '0')}`
    const tenant = await createTenant(payload, { name: `Quota bench ${i}`, slug, status: 'active', plan: plan.id })
    shops.push({ tenant, user: await createStaff(payload, tenant, 'tenant-admin') })
  }
  await owner.query(
    `insert into products (tenant_id, name, sku, price, currency, stock, status, category, created_at, updated_at)
     select t.id, 'Seeded ' || p || ' of ' || t.slug, 'SEED-' || lpad(p::text, 7, '0'),
       100 + (p * 37) % 100000, 'BDT', p % 50, 'active', 'category-' || (p % 20), at, at
     from generate_series(1, $1::int) p
     cross join (select id, slug from tenants where id = any($2::uuid[])) t
     cross join lateral (select timestamptz '2026-01-01' + p * interval '1 second' as at) x
     order by p, t.slug`,
    [rows, shops.map((s) => s.tenant.id)],
  )
  for (const { tenant } of shops) await initTotals(payload, tenant.id)
  await owner.query('vacuum (analyze) tenants, plans, products, leads, usage_counters, users, users_tenants')
  return { plan, shops }
}

/** Set a tenant's running totals to the real counts, in a transaction, as the daily job does. */
export async function initTotals(payload: Payload, tenantId: string): Promise<void> {
  await runWithTenant({ tenantId, via: 'job' }, async () => {
    const req = await createLocalReq({}, payload)
    await withTransaction(req, () => reconcileCounters(req, tenantId))
  })
}

/** Per tenant: its products, and its products running total (null when there is no row). */
export async function productTotals(owner: pg.Pool, shops: readonly Shop[]): Promise<{ tenant: string; products: number; total: null | number }[]> {
  const { rows } = await owner.query<{ id: string; products: string; total: null | string }>(
    `select t.id, (select count(*) from products p where p.tenant_id = t.id) as products,
            (select c.count from usage_counters c where c.tenant_id = t.id and c.metric = 'products' and c.period = 'total') as total
     from tenants t where t.id = any($1::uuid[]) order by t.slug`,
    [shops.map((s) => s.tenant.id)],
  )
  return rows.map((r) => ({ tenant: r.id, products: Number(r.products), total: r.total === null ? null : Number(r.total) }))
}

/** How many products and leads the shops have, and the leads they consumed in the usage ledger. */
export async function tally(owner: pg.Pool, shops: readonly Shop[]): Promise<{ products: number; leads: number; ledgerLeads: number }> {
  const ids = shops.map((s) => s.tenant.id)
  const { rows } = await owner.query<{ products: string; leads: string; ledger_leads: string }>(
    `select (select count(*) from products where tenant_id = any($1::uuid[])) as products,
            (select count(*) from leads where tenant_id = any($1::uuid[])) as leads,
            (select coalesce(sum(count), 0) from usage_counters where tenant_id = any($1::uuid[]) and metric = 'leadsPerMonth') as ledger_leads`,
    [ids],
  )
  return { products: Number(rows[0].products), leads: Number(rows[0].leads), ledgerLeads: Number(rows[0].ledger_leads) }
}
