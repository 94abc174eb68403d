import type { CollectionBeforeChangeHook, Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { ApiKey, Product, Tenant } from '../../payload-types'
import { api, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

type Scope = 'catalog-read' | 'orders-create' | 'customers-create'

async function createApiKey(payload: Payload, tenant: Tenant, scopes: Scope[]) {
  const doc = (await asSystem(() =>
    payload.create({
      collection: 'api-keys',
      data: { tenant: tenant.id, label: `key ${scopes.join('+')}`, scopes },
      overrideAccess: true,
    }),
  )) as ApiKey & { key: string }
  return doc.key
}

const order = (body: unknown, headers: Record<string, string>, token?: string) => api('POST', '/storefront/orders', { body, headers, token })

describe('POST /api/storefront/orders', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let tshirt: Product
  let mug: Product
  let draft: Product
  let productB: Product
  let fullKey: string
  let catalogKey: string

  const counts = async () => ({
    customers: (await asSystem(() => payload.count({ collection: 'customers', overrideAccess: true }))).totalDocs,
    orders: (await asSystem(() => payload.count({ collection: 'orders', overrideAccess: true }))).totalDocs,
  })

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload, { name: 'Acme', slug: 'acme', domains: [{ domain: 'shop.acme.example' }] })
    shopB = await createTenant(payload, { name: 'Other' })
    tshirt = await createProduct(payload, shopA, { sku: 'TSHIRT-M', name: 'T-shirt', price: 50_000, stock: 10 })
    mug = await createProduct(payload, shopA, { sku: 'MUG', name: 'Mug', price: 12_500, stock: 3 })
    draft = await createProduct(payload, shopA, { sku: 'SECRET', name: 'Unreleased', status: 'draft' })
    productB = await createProduct(payload, shopB, { sku: 'TSHIRT-M', price: 1 })
    fullKey = await createApiKey(payload, shopA, ['orders-create', 'customers-create'])
    catalogKey = await createApiKey(payload, shopA, ['catalog-read', 'orders-create'])
  })

  it('places an order for a new customer: 201 with number, total, currency, status', async () => {
    const res = await order(
      {
        customer: { name: 'Rahim', phone: '+8801711000001', email: 'rahim@example.com', address: { line1: '12 Road 5', city: 'Dhaka' } },
        items: [
          { sku: 'TSHIRT-M', quantity: 2 },
          { productId: mug.id, quantity: 1 },
        ],
        notes: 'Call before delivery',
        // Ignored: the tenant, price and state are the server's.
        tenant: shopB.id,
        total: 1,
        status: 'delivered',
        source: 'manual',
      },
      { 'x-tenant': 'acme' },
    )
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ order: { number: 'ACME-000001', total: 2 * 50_000 + 12_500, currency: 'BDT', status: 'pending' } })

    const { docs } = await asSystem(() => payload.find({ collection: 'orders', where: { number: { equals: 'ACME-000001' } }, depth: 1, overrideAccess: true }))
    const stored = docs[0]
    expect(stored).toMatchObject({ source: 'storefront', paymentMethod: 'cod', notes: 'Call before delivery', subtotal: 112_500 })
    expect(typeof stored.tenant === 'object' ? stored.tenant?.id : stored.tenant).toBe(shopA.id)
    expect(stored.customer).toMatchObject({ name: 'Rahim', phone: '+8801711000001', email: 'rahim@example.com' })
    expect(typeof stored.customer === 'object' && stored.customer.addresses?.[0]).toMatchObject({ line1: '12 Road 5', city: 'Dhaka', country: 'BD' })
    expect(stored.items.map((i) => [typeof i.product === 'object' ? i.product.id : i.product, i.quantity, i.unitPrice])).toEqual([
      [tshirt.id, 2, 50_000],
      [mug.id, 1, 12_500],
    ])
  })

  it('finds the customer by phone in that tenant, without changing their name; a new address is added', async () => {
    const before = await counts()
    const res = await order(
      { customer: { name: 'Someone Else', phone: '+8801711000001', address: { line1: 'New flat 3', city: 'Khulna' } }, items: [{ sku: 'MUG', quantity: 1 }], paymentMethod: 'prepaid' },
      { host: 'shop.acme.example' },
    )
    expect(res.status).toBe(201)
    expect(res.body.order.number).toBe('ACME-000002')
    const after = await counts()
    expect(after).toEqual({ customers: before.customers, orders: before.orders + 1 })
    const { docs } = await asSystem(() => payload.find({ collection: 'customers', where: { phone: { equals: '+8801711000001' } }, overrideAccess: true }))
    expect(docs).toHaveLength(1)
    expect(docs[0].name).toBe('Rahim')
    expect(docs[0].addresses?.map((a) => a.city)).toEqual(['Dhaka', 'Khulna'])
  })

  it('an anonymous order waits for staff to count it: stored uncounted, counted in the month’s orders only when confirmed', async () => {
    const monthOrders = async () =>
      (await asSystem(() => payload.find({ collection: 'usage-counters', where: { tenant: { equals: shopA.id }, metric: { equals: 'ordersPerMonth' } }, overrideAccess: true }))).docs[0]?.count ?? 0
    const before = await monthOrders()
    const res = await order({ customer: { name: 'Nadia', phone: '+8801711000050' }, items: [{ sku: 'TSHIRT-M', quantity: 1 }] }, { 'x-tenant': 'acme' })
    expect(res.status).toBe(201)
    expect(await monthOrders()).toBe(before)
    const { docs } = await asSystem(() => payload.find({ collection: 'orders', where: { number: { equals: res.body.order.number } }, depth: 0, overrideAccess: true }))
    expect(docs[0]).toMatchObject({ status: 'pending', quotaCounted: false })

    const staff = await createStaff(payload, shopA, 'sales-operator')
    const token = await login(staff.email, PASSWORD)
    // Staff cannot mark it counted by hand (the field is the server's), so the confirm still counts it.
    await api('PATCH', `/orders/${docs[0].id}`, { token, body: { quotaCounted: true } })
    const confirmed = await api('PATCH', `/orders/${docs[0].id}`, { token, body: { status: 'confirmed' } })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.doc).toMatchObject({ status: 'confirmed', quotaCounted: true })
    expect(await monthOrders()).toBe(before + 1)
    // Moving on (packed) does not count it again.
    expect((await api('PATCH', `/orders/${docs[0].id}`, { token, body: { status: 'packed' } })).status).toBe(200)
    expect(await monthOrders()).toBe(before + 1)
  })

  it('keeps customers per tenant: the same phone in another shop is another customer', async () => {
    await createProduct(payload, shopB, { sku: 'B-ONLY' })
    const res = await order({ customer: { name: 'Rahim B', phone: '+8801711000001' }, items: [{ sku: 'B-ONLY', quantity: 1 }] }, { 'x-tenant-id': shopB.id })
    expect(res.status).toBe(201)
    const { docs } = await asSystem(() => payload.find({ collection: 'customers', where: { phone: { equals: '+8801711000001' } }, depth: 0, overrideAccess: true }))
    expect(docs.map((c) => c.tenant).sort()).toEqual([shopA.id, shopB.id].sort())
  })

  it('accepts an API key with orders-create and customers-create', async () => {
    const res = await order({ customer: { name: 'Karim', phone: '+8801711000002' }, items: [{ sku: 'TSHIRT-M', quantity: 1 }] }, { 'x-api-key': fullKey })
    expect(res.status).toBe(201)
    expect(res.body.order).toMatchObject({ total: 50_000, status: 'pending' })
  })

  it('refuses an API key without customers-create (403), storing nothing', async () => {
    const before = await counts()
    const res = await order({ customer: { name: 'Karim', phone: '+8801711000003' }, items: [{ sku: 'MUG', quantity: 1 }] }, { authorization: `Bearer ${catalogKey}` })
    expect(res.status).toBe(403)
    expect(res.body.message).toBe('This API key lacks the customers-create scope.')
    expect(await counts()).toEqual(before)
  })

  it('answers 400 with field paths for bad input, and stores nothing', async () => {
    const before = await counts()
    const res = await order(
      {
        customer: { name: '', phone: '01711000004', email: 'not-an-email', address: { line1: 'x' } },
        items: [{ sku: 'TSHIRT-M', quantity: 0 }, { quantity: 1 }, { sku: 'A', productId: tshirt.id }],
        paymentMethod: 'bitcoin',
      },
      { 'x-tenant': 'acme' },
    )
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(['customer.name', 'customer.phone', 'customer.email', 'customer.address.city', 'items.0.quantity', 'items.1', 'items.2', 'paymentMethod'])
    expect(await counts()).toEqual(before)
  })

  it('answers 400 for products that are not for sale in this shop: unknown, draft, another tenant’s, out of stock', async () => {
    const before = await counts()
    const res = await order(
      {
        customer: { name: 'Nadia', phone: '+8801711000005' },
        items: [{ sku: 'NOPE', quantity: 1 }, { sku: 'SECRET', quantity: 1 }, { productId: productB.id, quantity: 1 }, { productId: draft.id }, { sku: 'MUG', quantity: 4 }],
      },
      { 'x-tenant': 'acme' },
    )
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([
      { path: 'items.0.sku', message: 'No product with SKU "NOPE" is for sale in this shop.' },
      { path: 'items.1.sku', message: 'No product with SKU "SECRET" is for sale in this shop.' },
      { path: 'items.2.productId', message: 'No such product is for sale in this shop.' },
      { path: 'items.3.productId', message: 'No such product is for sale in this shop.' },
      { path: 'items.4.quantity', message: 'Only 3 of "Mug" in stock.' },
    ])
    expect(await counts()).toEqual(before)
  })

  it('rolls the new customer back when the order itself fails', async () => {
    const failing: CollectionBeforeChangeHook = () => {
      throw new Error('simulated failure after the customer was created')
    }
    const hooks = payload.collections.orders.config.hooks.beforeChange
    hooks.push(failing)
    try {
      const before = await counts()
      const res = await order({ customer: { name: 'Ghost', phone: '+8801711000006' }, items: [{ sku: 'MUG', quantity: 1 }] }, { 'x-tenant': 'acme' })
      expect(res.status).toBe(500)
      expect(await counts()).toEqual(before)
      expect((await asSystem(() => payload.count({ collection: 'customers', where: { phone: { equals: '+8801711000006' } }, overrideAccess: true }))).totalDocs).toBe(0)
    } finally {
      hooks.splice(hooks.indexOf(failing), 1)
    }
    // The tenant's order counter was rolled back too: the next number has no gap.
    const next = await order({ customer: { name: 'Real', phone: '+8801711000007' }, items: [{ sku: 'MUG', quantity: 1 }] }, { 'x-tenant': 'acme' })
    expect(next.status).toBe(201)
    const { docs } = await asSystem(() => payload.find({ collection: 'orders', where: { tenant: { equals: shopA.id } }, pagination: false, overrideAccess: true }))
    const sequence = docs.map((o) => Number(o.number!.split('-')[1])).sort((a, b) => a - b)
    expect(sequence).toEqual(sequence.map((_, i) => i + 1))
    expect(Number(next.body.order.number.split('-')[1])).toBe(sequence.length)
  })

  it('needs a resolved, usable tenant: none → 400, unknown → 404, suspended → 403', async () => {
    const body = { customer: { name: 'X', phone: '+8801711000008' }, items: [{ sku: 'MUG', quantity: 1 }] }
    const none = await order(body, {})
    expect(none.status).toBe(400)
    expect(none.body.message).toContain('Name the shop')
    expect((await order(body, { 'x-tenant': 'no-such-shop' })).status).toBe(404)
    const sleepy = await createTenant(payload, { name: 'Sleepy', status: 'suspended' })
    await createProduct(payload, sleepy, { sku: 'MUG' })
    const suspended = await order(body, { 'x-tenant-id': sleepy.id })
    expect(suspended.status).toBe(403)
    expect(suspended.body.message).toBe('Shop "Sleepy" is suspended.')
    expect((await asSystem(() => payload.count({ collection: 'orders', where: { tenant: { equals: sleepy.id } }, overrideAccess: true }))).totalDocs).toBe(0)
  })

  it('rejects a body that is not JSON', async () => {
    const res = await api('POST', '/storefront/orders', { headers: { 'x-tenant': 'acme', 'content-type': 'application/json' }, body: undefined })
    expect(res.status).toBe(400)
  })

  it('refuses an oversized body with 413 and stores nothing', async () => {
    const before = (await asSystem(() => payload.count({ collection: 'customers', overrideAccess: true }))).totalDocs
    const res = await order({ customer: { name: 'x'.repeat(70 * 1024), phone: '+8801711000010' }, items: [{ sku: 'MUG', quantity: 1 }] }, { 'x-tenant': 'acme' })
    expect(res.status).toBe(413)
    expect(res.body.message).toBe('The body is larger than 64 KiB.')
    expect((await asSystem(() => payload.count({ collection: 'customers', overrideAccess: true }))).totalDocs).toBe(before)
  })

  it('does not let staff of another tenant order in this one by naming it', async () => {
    const staffB = await createStaff(payload, shopB, 'sales-operator')
    const token = await login(staffB.email, PASSWORD)
    const res = await order({ customer: { name: 'X', phone: '+8801711000009' }, items: [{ sku: 'MUG', quantity: 1 }] }, { 'x-tenant': 'acme' }, token)
    expect(res.status).toBe(403)
  })
})
