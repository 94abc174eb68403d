import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Plan, Tenant, User } from '../../payload-types'
import { consume, peek, periodOf, QuotaExceededError } from '../../plugins/quotas'
import { runWithTenant } from '../../src/tenancy/request-context'
import { api, login } from './helpers/api'
import { asSystem, createPlan, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/** Work done for one tenant, as a job or another plugin would: its own request, in its context. */
const forTenant = async <T>(payload: Payload, tenant: Tenant, fn: (req: PayloadRequest) => Promise<T>) => runWithTenant({ tenantId: tenant.id, via: 'job' }, async () => fn(await createLocalReq({}, payload)))

/** The tenant's monthly ledger rows (running totals of count limits have period `total`). */
const ledgerRows = (payload: Payload, tenant: Tenant) =>
  asSystem(() => payload.find({ collection: 'usage-counters', where: { tenant: { equals: tenant.id }, period: { not_equals: 'total' } }, overrideAccess: true, pagination: false })).then((r) => r.docs)

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
    expect((await ledgerRows(payload, dhaka)).map((r) => [r.period, r.count]).sort()).toEqual([
      ['2026-12', 1],
      ['2027-01', 5],
    ])
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

  it('an anonymous storefront order uses ordersPerMonth only when staff confirm it; past the limit the confirm is refused', async () => {
    const product = await createProduct(payload, shop, { stock: 10 })
    const order = (phone: string, headers: Record<string, string> = { 'x-tenant': shop.slug }) =>
      api('POST', '/storefront/orders', {
        headers,
        body: { customer: { name: 'Rahim', phone, address: { line1: '12 Road 5', city: 'Dhaka' } }, items: [{ productId: product.id, quantity: 1 }] },
      })
    // A stranger's orders land as pending and use nothing: a script cannot spend the shop's month.
    const placed = [await order('+8801711000001'), await order('+8801711000002')]
    expect(placed.map((r) => [r.status, r.body.order?.status])).toEqual([
      [201, 'pending'],
      [201, 'pending'],
    ])
    expect(await ledgerRows(payload, shop)).toEqual([])

    const { docs } = await asSystem(() => payload.find({ collection: 'orders', where: { tenant: { equals: shop.id } }, sort: 'number', overrideAccess: true }))
    expect(docs.map((o) => o.quotaCounted)).toEqual([false, false])
    const token = await login(admin.email, PASSWORD)
    const confirm = (id: string) => api('PATCH', `/orders/${id}`, { token, body: { status: 'confirmed' } })
    expect((await confirm(docs[0].id)).status).toBe(200)
    const ledger = await ledgerRows(payload, shop)
    expect(ledger.map((r) => [r.metric, r.count, r.period])).toEqual([['ordersPerMonth', 1, periodOf(new Date(), 'Asia/Dhaka')]])

    // The month is used up: confirming the second is refused and it stays pending, its stock untaken.
    const refused = await confirm(docs[1].id)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: 'quota_exceeded', limit: 'ordersPerMonth', used: 1, max: 1 })
    const second = await asSystem(() => payload.findByID({ collection: 'orders', id: docs[1].id, overrideAccess: true }))
    expect(second).toMatchObject({ status: 'pending', quotaCounted: false })
    expect((await asSystem(() => payload.findByID({ collection: 'products', id: product.id, overrideAccess: true }))).stock).toBe(9)
    // It can still be cancelled, and that uses nothing.
    expect((await api('PATCH', `/orders/${docs[1].id}`, { token, body: { status: 'cancelled' } })).status).toBe(200)
    expect((await ledgerRows(payload, shop)).find((r) => r.metric === 'ordersPerMonth')?.count).toBe(1)
  })

  it('an order with an API key (or by staff) uses ordersPerMonth when created: past it nothing is stored, no customer either', async () => {
    const product = await createProduct(payload, shop, { stock: 10 })
    const key = (await asSystem(() => payload.create({ collection: 'api-keys', data: { tenant: shop.id, label: 'shop server', scopes: ['orders-create', 'customers-create'] }, overrideAccess: true }))) as {
      key?: string
    }
    const refused = await api('POST', '/storefront/orders', {
      headers: { 'x-api-key': key.key! },
      body: { customer: { name: 'Karim', phone: '+8801711000009' }, items: [{ productId: product.id, quantity: 1 }] },
    })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: 'quota_exceeded', limit: 'ordersPerMonth', used: 1, max: 1 })
    const customers = await asSystem(() => payload.count({ collection: 'customers', where: { phone: { equals: '+8801711000009' } }, overrideAccess: true }))
    expect(customers.totalDocs).toBe(0)
    // A client cannot mark its own order as counted (or not): the server decides.
    const customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant: shop.id, name: 'C', phone: '+8801711000010' }, overrideAccess: true }))
    const token = await login(admin.email, PASSWORD)
    const sneaky = await api('POST', '/orders', { token, body: { tenant: shop.id, customer: customer.id, items: [{ product: product.id, quantity: 1 }], quotaCounted: true } })
    expect(sneaky.status).toBe(403)
    expect(sneaky.body).toMatchObject({ error: 'quota_exceeded', limit: 'ordersPerMonth' })
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
