import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Plan, Tenant, User } from '../../payload-types'
import { consume, peek, QuotaExceededError } from '../../plugins/quotas'
import { periodOf } from '../../plugins/quotas/period'
import { runWithTenant } from '../../src/tenancy/request-context'
import { api } from './helpers/api'
import { asSystem, createPlan, createProduct, createStaff, createTenant } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/** Work done for one tenant, as a job or another plugin would: its own request, in its context. */
const forTenant = async <T>(payload: Payload, tenant: Tenant, fn: (req: PayloadRequest) => Promise<T>) =>
  runWithTenant({ tenantId: tenant.id, via: 'job' }, async () => fn(await createLocalReq({}, payload)))

/** The tenant's monthly ledger rows (running totals of count limits have period `total`). */
const ledgerRows = (payload: Payload, tenant: Tenant) =>
  asSystem(() =>
    payload.find({ collection: 'usage-counters', where: { tenant: { equals: tenant.id }, period: { not_equals: 'total' } }, overrideAccess: true, pagination: false }),
  ).then((r) => r.docs)

describe('usage ledger: consume and peek', () => {
  let payload: Payload
  let plan: Plan
  let shop: Tenant

  beforeAll(async () => {
    payload = await freshPayload()
    plan = await createPlan(payload, { monthlyMessages: 5, aiRequestsPerMonth: 10, ordersPerMonth: 1, leadsPerMonth: 2 })
    shop = await createTenant(payload, { plan: plan.id, timezone: 'UTC' })
  })

  it('counts up and refuses all or nothing: a consume that does not fit changes nothing', async () => {
    await expect(forTenant(payload, shop, (req) => consume(req, shop.id, 'monthlyMessages', 3))).resolves.toMatchObject({ used: 3, max: 5 })
    const refused = await forTenant(payload, shop, (req) => consume(req, shop.id, 'monthlyMessages', 3)).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(QuotaExceededError)
    expect((refused as QuotaExceededError).data).toEqual({ error: 'quota_exceeded', limit: 'monthlyMessages', used: 3, max: 5, plan: plan.slug })
    expect((refused as QuotaExceededError).message).toMatch(/asked for 3 more/)
    await expect(forTenant(payload, shop, (req) => peek(req, shop.id, 'monthlyMessages'))).resolves.toMatchObject({ used: 3, max: 5 })
    await expect(forTenant(payload, shop, (req) => consume(req, shop.id, 'monthlyMessages', 2))).resolves.toMatchObject({ used: 5 })
    await expect(forTenant(payload, shop, (req) => consume(req, shop.id, 'monthlyMessages', 1))).rejects.toBeInstanceOf(QuotaExceededError)
  })

  it('refuses more than the whole limit at once without creating a ledger row', async () => {
    const other = await createTenant(payload, { plan: plan.id })
    await expect(forTenant(payload, other, (req) => consume(req, other.id, 'monthlyMessages', 6))).rejects.toBeInstanceOf(QuotaExceededError)
    expect(await ledgerRows(payload, other)).toEqual([])
  })

  it('is race-safe: 30 concurrent consumes against a limit of 10 → exactly 10', async () => {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => forTenant(payload, shop, (req) => consume(req, shop.id, 'aiRequestsPerMonth', 1))))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(QuotaExceededError)
    await expect(forTenant(payload, shop, (req) => peek(req, shop.id, 'aiRequestsPerMonth'))).resolves.toMatchObject({ used: 10 })
  })

  it('keeps one row per tenant, metric and calendar month of the tenant’s timezone', async () => {
    const dhaka = await createTenant(payload, { plan: plan.id, timezone: 'Asia/Dhaka' })
    const utc = await createTenant(payload, { plan: plan.id, timezone: 'UTC' })
    // 19:00 UTC on 30 November is 01:00 on 1 December in Dhaka (UTC+6).
    const evening = new Date('2026-11-30T19:00:00Z')
    const a = await forTenant(payload, dhaka, (req) => consume(req, dhaka.id, 'monthlyMessages', 1, evening))
    const b = await forTenant(payload, utc, (req) => consume(req, utc.id, 'monthlyMessages', 1, evening))
    expect(a.period).toBe('2026-12')
    expect(b.period).toBe('2026-11')
    // A new month starts from zero.
    await forTenant(payload, dhaka, (req) => consume(req, dhaka.id, 'monthlyMessages', 5, new Date('2027-01-01T00:00:00Z')))
    expect((await ledgerRows(payload, dhaka)).map((r) => [r.period, r.count]).sort()).toEqual([['2026-12', 1], ['2027-01', 5]])
    expect(periodOf(evening, 'Asia/Dhaka')).toBe('2026-12')
  })

  it('runs in the tenant’s database context: work for one tenant cannot write another’s ledger', async () => {
    const victim = await createTenant(payload, { plan: plan.id })
    const intruder = await createTenant(payload, { plan: plan.id })
    const attempt = await forTenant(payload, intruder, (req) => consume(req, victim.id, 'monthlyMessages', 1)).catch((e: unknown) => e)
    // The victim's tenant (and so its plan) is not even visible in the intruder's context.
    expect(String((attempt as Error)?.cause ?? attempt)).toMatch(/row-level security|No tenant/)
    expect(await ledgerRows(payload, victim)).toEqual([])
  })
})

describe('monthly limits on creates', () => {
  let payload: Payload
  let shop: Tenant
  let admin: User

  beforeAll(async () => {
    payload = await freshPayload()
    const plan = await createPlan(payload, { ordersPerMonth: 1, leadsPerMonth: 2 })
    shop = await createTenant(payload, { plan: plan.id, timezone: 'Asia/Dhaka' })
    admin = await createStaff(payload, shop, 'tenant-admin')
  })

  it('an order uses ordersPerMonth; the storefront is refused past it and stores nothing (no customer either)', async () => {
    const product = await createProduct(payload, shop, { stock: 10 })
    const order = (phone: string) =>
      api('POST', '/storefront/orders', {
        headers: { 'x-tenant': shop.slug },
        body: { customer: { name: 'Rahim', phone, address: { line1: '12 Road 5', city: 'Dhaka' } }, items: [{ productId: product.id, quantity: 1 }] },
      })
    expect((await order('+8801711000001')).status).toBe(201)
    const refused = await order('+8801711000002')
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: 'quota_exceeded', limit: 'ordersPerMonth', used: 1, max: 1 })
    const customers = await asSystem(() => payload.count({ collection: 'customers', where: { tenant: { equals: shop.id } }, overrideAccess: true }))
    expect(customers.totalDocs).toBe(1)
    const ledger = await ledgerRows(payload, shop)
    expect(ledger.map((r) => [r.metric, r.count, r.period])).toEqual([['ordersPerMonth', 1, periodOf(new Date(), 'Asia/Dhaka')]])
  })

  it('a lead uses leadsPerMonth, and a failed create gives the unit back (same transaction)', async () => {
    const lead = (phone: string) => payload.create({ collection: 'leads', data: { tenant: shop.id, name: 'Lead', phone, source: 'manual', status: 'new' }, user: admin, overrideAccess: false })
    await lead('+8801811000001')
    // Same phone again: refused by the per-tenant uniqueness check after the unit was taken.
    await expect(lead('+8801811000001')).rejects.toThrow()
    await lead('+8801811000002')
    await expect(lead('+8801811000003')).rejects.toBeInstanceOf(QuotaExceededError)
    const leads = await ledgerRows(payload, shop)
    expect(leads.find((r) => r.metric === 'leadsPerMonth')?.count).toBe(2)
  })
})
