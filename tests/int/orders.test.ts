import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Customer, Order, Product, Tenant } from '../../payload-types'
import type { TenantRole } from '../../src/tenancy/roles'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'

/**
 * Orders over REST, as tenant staff (never overrideAccess): per-tenant numbering, server-side
 * totals, status moves and stock under concurrency, relationships kept inside the tenant, roles.
 */
let payload: Payload
let phones = 0

const createCustomer = (tenant: Tenant): Promise<Customer> =>
  asSystem(() =>
    payload.create({
      collection: 'customers',
      data: { name: 'Rahim', phone: `+88017${String(1_000_000 + phones++).padStart(8, '0')}`, tenant: tenant.id },
      overrideAccess: true,
    }),
  )

async function tokenFor(tenant: Tenant, role: TenantRole): Promise<string> {
  const user = await createStaff(payload, tenant, role)
  return login(user.email, PASSWORD)
}

const stockOf = async (product: Product) => (await asSystem(() => payload.findByID({ collection: 'products', id: product.id, overrideAccess: true }))).stock
const orderIn = async (id: string) => asSystem(() => payload.findByID({ collection: 'orders', id, depth: 0, overrideAccess: true }))
const ordersOf = async (tenant: Tenant) => (await asSystem(() => payload.count({ collection: 'orders', where: { tenant: { equals: tenant.id } }, overrideAccess: true }))).totalDocs
const errorsOf = (body: any): { path: string; message: string }[] => body?.errors ?? []
const messageOf = (body: any): string => [body?.message, ...(body?.errors ?? []).map((e: { message: string }) => e.message)].filter(Boolean).join(' | ')

type Line = { product: Product; quantity?: number }
const orderBody = (customer: Customer, lines: Line[], extra: Record<string, unknown> = {}) => ({
  customer: customer.id,
  items: lines.map(({ product, quantity = 1 }) => ({ product: product.id, quantity })),
  ...extra,
})

async function placeOrder(token: string, customer: Customer, lines: Line[], extra: Record<string, unknown> = {}): Promise<Order> {
  const res = await api('POST', '/orders', { token, body: orderBody(customer, lines, extra) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Order
}

const setStatus = (token: string, order: Order, status: Order['status']) => api('PATCH', `/orders/${order.id}`, { token, body: { status } })

type PgClient = { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>; release: () => void }

/**
 * Make requests truly simultaneous: hold the order's row lock from another connection, start
 * them, wait until `requests.length` sessions are blocked on it (each has read the order by
 * then), and let go.
 */
async function whileOrderLocked<T>(order: Order, start: () => Promise<T>[]): Promise<T[]> {
  // As the owner: only it sees every role's sessions in pg_stat_activity (the requests run as the request role).
  const blocker = (await ownerPool().connect()) as unknown as PgClient
  try {
    await blocker.query('begin')
    await blocker.query('select 1 from orders where id = $1 for update', [order.id])
    const requests = start()
    for (let waited = 0; ; waited += 20) {
      const { rows } = await blocker.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
      if (rows[0].n === requests.length) break
      if (waited > 10_000) throw new Error(`only ${String(rows[0].n)} of ${requests.length} requests reached the lock`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await blocker.query('rollback')
    return await Promise.all(requests)
  } finally {
    blocker.release()
  }
}

beforeAll(async () => {
  payload = await freshPayload()
})

describe('order numbers', () => {
  let acme: Tenant
  let dhaka: Tenant
  let adminAcme: string
  let adminDhaka: string
  let acmeCustomer: Customer
  let dhakaCustomer: Customer
  let acmeProduct: Product
  let dhakaProduct: Product

  beforeAll(async () => {
    acme = await createTenant(payload, { settings: { orderNumberPrefix: 'ACME' } })
    dhaka = await createTenant(payload, { settings: { orderNumberPrefix: 'DHK' } })
    adminAcme = await tokenFor(acme, 'tenant-admin')
    adminDhaka = await tokenFor(dhaka, 'sales-operator')
    acmeCustomer = await createCustomer(acme)
    dhakaCustomer = await createCustomer(dhaka)
    acmeProduct = await createProduct(payload, acme, { stock: 100 })
    dhakaProduct = await createProduct(payload, dhaka, { stock: 100 })
  })

  it('runs per tenant: each tenant starts at its own 000001', async () => {
    expect((await placeOrder(adminAcme, acmeCustomer, [{ product: acmeProduct }])).number).toBe('ACME-000001')
    expect((await placeOrder(adminAcme, acmeCustomer, [{ product: acmeProduct }])).number).toBe('ACME-000002')
    expect((await placeOrder(adminDhaka, dhakaCustomer, [{ product: dhakaProduct }])).number).toBe('DHK-000001')
    expect((await placeOrder(adminAcme, acmeCustomer, [{ product: acmeProduct }])).number).toBe('ACME-000003')
  })

  it('ignores a client-sent number, on create and on update', async () => {
    const order = await placeOrder(adminDhaka, dhakaCustomer, [{ product: dhakaProduct }], { number: 'DHK-999999' })
    expect(order.number).toBe('DHK-000002')
    const res = await api('PATCH', `/orders/${order.id}`, { token: adminDhaka, body: { number: 'HACKED-1' } })
    expect(res.status).toBe(200)
    expect((await orderIn(order.id)).number).toBe('DHK-000002')
  })

  it('gives 10 parallel creates 10 distinct consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => api('POST', '/orders', { token: adminAcme, body: orderBody(acmeCustomer, [{ product: acmeProduct }]) })))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201))
    const numbers = results.map((r) => r.body.doc.number as string).sort()
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `ACME-${String(i + 4).padStart(6, '0')}`))
  })

  it('gives the number of a rejected create back', async () => {
    const rejected = await api('POST', '/orders', { token: adminDhaka, body: orderBody(dhakaCustomer, [{ product: acmeProduct }]) })
    expect(rejected.status).toBe(400)
    expect((await placeOrder(adminDhaka, dhakaCustomer, [{ product: dhakaProduct }])).number).toBe('DHK-000003')
  })
})

describe('totals and captured prices', () => {
  let shop: Tenant
  let sales: string
  let customer: Customer
  let shirt: Product
  let cap: Product

  beforeAll(async () => {
    shop = await createTenant(payload)
    sales = await tokenFor(shop, 'sales-operator')
    customer = await createCustomer(shop)
    shirt = await createProduct(payload, shop, { price: 1250, stock: 50 })
    cap = await createProduct(payload, shop, { price: 399, stock: 50 })
  })

  it('computes subtotal and total on the server, ignoring client-sent totals and prices', async () => {
    const body = orderBody(
      customer,
      [
        { product: shirt, quantity: 2 },
        { product: cap, quantity: 3 },
      ],
      {
        shipping: 100,
        discount: 50,
        subtotal: 1,
        total: 1,
      },
    )
    body.items[0] = { ...body.items[0], unitPrice: 1 } as (typeof body.items)[number]
    const res = await api('POST', '/orders', { token: sales, body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const stored = await orderIn(res.body.doc.id)
    expect(stored.items.map((i) => i.unitPrice)).toEqual([1250, 399])
    expect(stored.subtotal).toBe(2 * 1250 + 3 * 399)
    expect(stored.shipping).toBe(100)
    expect(stored.discount).toBe(50)
    expect(stored.total).toBe(2 * 1250 + 3 * 399 + 100 - 50)
  })

  it('keeps an item’s captured unit price when the product price later changes', async () => {
    const order = await placeOrder(sales, customer, [{ product: shirt, quantity: 1 }])
    await asSystem(() => payload.update({ collection: 'products', id: shirt.id, data: { price: 2000 }, overrideAccess: true }))
    const [item] = (await orderIn(order.id)).items
    const res = await api('PATCH', `/orders/${order.id}`, {
      token: sales,
      body: {
        items: [
          { id: item.id, product: shirt.id, quantity: 3, unitPrice: 1 },
          { product: shirt.id, quantity: 1 },
        ],
        total: 5,
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const stored = await orderIn(order.id)
    expect(stored.items.map((i) => [i.quantity, i.unitPrice])).toEqual([
      [3, 1250],
      [1, 2000],
    ])
    expect(stored.subtotal).toBe(3 * 1250 + 2000)
    expect(stored.total).toBe(3 * 1250 + 2000)
  })

  it('refuses a product priced in another currency, and a currency change', async () => {
    const dollars = await createProduct(payload, shop, { currency: 'USD', price: 500 })
    const res = await api('POST', '/orders', { token: sales, body: orderBody(customer, [{ product: dollars }]) })
    expect(res.status).toBe(400)
    expect(errorsOf(res.body)).toEqual([{ path: 'items.0.product', message: expect.stringMatching(/priced in USD.*order is in BDT/) }])
    const order = await placeOrder(sales, customer, [{ product: cap }])
    const change = await api('PATCH', `/orders/${order.id}`, { token: sales, body: { currency: 'USD' } })
    expect(change.status).toBe(400)
    expect(errorsOf(change.body).map((e) => e.path)).toEqual(['currency'])
  })

  it('never lets the discount take the total below zero', async () => {
    const order = await placeOrder(sales, customer, [{ product: cap }], { shipping: 0, discount: 100_000 })
    expect((await orderIn(order.id)).total).toBe(0)
  })
})

describe('status and stock', () => {
  let shop: Tenant
  let admin: string
  let sales: string
  let customer: Customer

  beforeAll(async () => {
    shop = await createTenant(payload)
    admin = await tokenFor(shop, 'tenant-admin')
    sales = await tokenFor(shop, 'sales-operator')
    customer = await createCustomer(shop)
  })

  it('refuses moves outside the allowed transitions with a 400 naming from and to', async () => {
    const product = await createProduct(payload, shop, { stock: 10 })
    const order = await placeOrder(sales, customer, [{ product }])
    const skip = await setStatus(sales, order, 'shipped')
    expect(skip.status).toBe(400)
    expect(messageOf(skip.body)).toMatch(/from pending to shipped/)
    expect((await orderIn(order.id)).status).toBe('pending')

    expect((await setStatus(sales, order, 'cancelled')).status).toBe(200)
    const revive = await setStatus(sales, order, 'confirmed')
    expect(revive.status).toBe(400)
    expect(messageOf(revive.body)).toMatch(/from cancelled to confirmed/)
    expect(await stockOf(product)).toBe(10)
  })

  it('starts every order as pending', async () => {
    const product = await createProduct(payload, shop, { stock: 10 })
    const res = await api('POST', '/orders', { token: sales, body: orderBody(customer, [{ product }], { status: 'delivered' }) })
    expect(res.status).toBe(400)
    expect(messageOf(res.body)).toMatch(/pending/)
    expect(await stockOf(product)).toBe(10)
  })

  it('walks the happy path, taking stock on confirm and keeping it through delivery', async () => {
    const product = await createProduct(payload, shop, { stock: 5 })
    const order = await placeOrder(sales, customer, [{ product, quantity: 2 }])
    expect(await stockOf(product)).toBe(5)
    for (const status of ['confirmed', 'packed', 'shipped', 'delivered'] as const) {
      const res = await setStatus(sales, order, status)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(await stockOf(product)).toBe(3)
    }
  })

  it('counts a staff order in the month’s orders once, when created — confirming it does not count it again', async () => {
    const product = await createProduct(payload, shop, { stock: 5 })
    const monthOrders = async () =>
      (await asSystem(() => payload.find({ collection: 'usage-counters', where: { tenant: { equals: shop.id }, metric: { equals: 'ordersPerMonth' } }, overrideAccess: true }))).docs[0]?.count ?? 0
    const before = await monthOrders()
    const order = await placeOrder(sales, customer, [{ product }], { quotaCounted: false })
    expect(await monthOrders()).toBe(before + 1)
    // The client-sent flag is ignored: the server records that this order was counted.
    expect((await orderIn(order.id)).quotaCounted).toBe(true)
    expect((await setStatus(sales, order, 'confirmed')).status).toBe(200)
    expect(await monthOrders()).toBe(before + 1)
  })

  it('puts the stock back when a confirmed order is cancelled or a shipped one returned', async () => {
    const product = await createProduct(payload, shop, { stock: 5 })
    const cancelled = await placeOrder(admin, customer, [{ product, quantity: 2 }])
    expect((await setStatus(admin, cancelled, 'confirmed')).status).toBe(200)
    expect(await stockOf(product)).toBe(3)
    expect((await setStatus(admin, cancelled, 'cancelled')).status).toBe(200)
    expect(await stockOf(product)).toBe(5)

    const returned = await placeOrder(admin, customer, [{ product, quantity: 4 }])
    for (const status of ['confirmed', 'packed', 'shipped'] as const) expect((await setStatus(admin, returned, status)).status).toBe(200)
    expect(await stockOf(product)).toBe(1)
    expect((await setStatus(admin, returned, 'returned')).status).toBe(200)
    expect(await stockOf(product)).toBe(5)
  })

  it('lets exactly one of two parallel confirms take the last unit; the other gets a clear 409', async () => {
    const product = await createProduct(payload, shop, { stock: 1 })
    const first = await placeOrder(sales, customer, [{ product }])
    const second = await placeOrder(admin, customer, [{ product }])
    const results = await Promise.all([setStatus(sales, first, 'confirmed'), setStatus(admin, second, 'confirmed')])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const loser = results.find((r) => r.status === 409)!
    expect(messageOf(loser.body)).toMatch(/not enough stock/i)
    // Not enough stock and a stale write are both 409s; the code tells a client which one.
    expect(loser.body).toMatchObject({ error: 'out_of_stock', requested: 1, available: 0, errors: [{ path: 'items' }] })
    expect(await stockOf(product)).toBe(0)
    const statuses = [(await orderIn(first.id)).status, (await orderIn(second.id)).status].sort()
    expect(statuses).toEqual(['confirmed', 'pending'])
  })

  it('takes and returns stock once when the same order is confirmed or cancelled twice at once', async () => {
    const product = await createProduct(payload, shop, { stock: 5 })
    const order = await placeOrder(sales, customer, [{ product, quantity: 2 }])
    const confirms = await whileOrderLocked(order, () => [setStatus(sales, order, 'confirmed'), setStatus(admin, order, 'confirmed')])
    expect(confirms.map((r) => r.status).sort()).toEqual([200, 409])
    expect(messageOf(confirms.find((r) => r.status === 409)!.body)).toMatch(/changed by someone else.*now confirmed.*reload/)
    expect(confirms.find((r) => r.status === 409)!.body).toMatchObject({ error: 'conflict_stale', status: 'confirmed', errors: [] })
    expect(await stockOf(product)).toBe(3)
    const cancels = await whileOrderLocked(order, () => [setStatus(sales, order, 'cancelled'), setStatus(admin, order, 'cancelled')])
    expect(cancels.map((r) => r.status).sort()).toEqual([200, 409])
    expect(await stockOf(product)).toBe(5)
  })

  it('does not deadlock when two orders take the same products in opposite order', async () => {
    const a = await createProduct(payload, shop, { stock: 10 })
    const b = await createProduct(payload, shop, { stock: 10 })
    const orders = await Promise.all(Array.from({ length: 6 }, (_, i) => placeOrder(sales, customer, i % 2 ? [{ product: a }, { product: b }] : [{ product: b }, { product: a }])))
    const results = await Promise.all(orders.map((order) => setStatus(admin, order, 'confirmed')))
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200))
    expect([await stockOf(a), await stockOf(b)]).toEqual([4, 4])
  })

  it('leaves nothing half-done when one item of an order is short', async () => {
    // Stock is taken in product-id order: make the short product the second one taken, so the
    // first one's decrement has already happened when the 409 comes and must be rolled back.
    const pair = [await createProduct(payload, shop, { stock: 10 }), await createProduct(payload, shop, { stock: 10 })]
    const [plenty, scarce] = pair.sort((a, b) => (a.id < b.id ? -1 : 1)) as [Product, Product]
    await asSystem(() => payload.update({ collection: 'products', id: scarce.id, data: { stock: 1 }, overrideAccess: true }))
    const order = await placeOrder(sales, customer, [
      { product: plenty, quantity: 3 },
      { product: scarce, quantity: 2 },
    ])
    const res = await api('PATCH', `/orders/${order.id}`, { token: sales, body: { status: 'confirmed', notes: 'call first' } })
    expect(res.status).toBe(409)
    expect(messageOf(res.body)).toContain(scarce.name)
    expect(await stockOf(plenty)).toBe(10)
    expect(await stockOf(scarce)).toBe(1)
    const stored = await orderIn(order.id)
    expect([stored.status, stored.notes ?? null]).toEqual(['pending', null])
  })

  it('freezes the items once the order has left pending', async () => {
    const product = await createProduct(payload, shop, { stock: 10 })
    const other = await createProduct(payload, shop, { stock: 10 })
    const order = await placeOrder(sales, customer, [{ product, quantity: 2 }])
    expect((await setStatus(sales, order, 'confirmed')).status).toBe(200)
    const [item] = (await orderIn(order.id)).items

    const attempts = [
      [{ id: item.id, product: product.id, quantity: 5 }],
      [{ id: item.id, product: other.id, quantity: 2 }],
      [
        { id: item.id, product: product.id, quantity: 2 },
        { product: other.id, quantity: 1 },
      ],
    ]
    for (const items of attempts) {
      const res = await api('PATCH', `/orders/${order.id}`, { token: admin, body: { items } })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(messageOf(res.body) + JSON.stringify(errorsOf(res.body))).toMatch(/items.*cannot be changed.*confirmed/i)
    }
    const stored = await orderIn(order.id)
    expect(stored.items.map((i) => [i.product, i.quantity])).toEqual([[product.id, 2]])
    expect([await stockOf(product), await stockOf(other)]).toEqual([8, 10])

    // Saving the order unchanged (as the admin panel does) and editing other fields still works.
    const same = await api('PATCH', `/orders/${order.id}`, {
      token: admin,
      body: { items: [{ id: item.id, product: product.id, quantity: 2 }], notes: 'fragile', shipping: 60 },
    })
    expect(same.status, JSON.stringify(same.body)).toBe(200)
    expect((await orderIn(order.id)).total).toBe(2 * product.price + 60)
  })

  it('refuses bulk updates, whose shared transaction could keep half of a failed confirm', async () => {
    const product = await createProduct(payload, shop, { stock: 5 })
    const order = await placeOrder(admin, customer, [{ product }])
    const res = await api('PATCH', `/orders?where[id][equals]=${order.id}`, { token: admin, body: { status: 'confirmed' } })
    expect(res.status).toBe(403)
    expect([(await orderIn(order.id)).status, await stockOf(product)]).toEqual(['pending', 5])
  })

  it('refuses to delete an order that still holds returnable stock', async () => {
    const product = await createProduct(payload, shop, { stock: 3 })
    const order = await placeOrder(admin, customer, [{ product }])
    expect((await setStatus(admin, order, 'confirmed')).status).toBe(200)
    const res = await api('DELETE', `/orders/${order.id}`, { token: admin })
    expect(res.status).toBe(400)
    expect(messageOf(res.body)).toMatch(/confirmed order holds stock.*cancelled/)
    expect(await stockOf(product)).toBe(2)
    expect((await setStatus(admin, order, 'cancelled')).status).toBe(200)
    expect((await api('DELETE', `/orders/${order.id}`, { token: admin })).status).toBe(200)
    expect(await stockOf(product)).toBe(3)
  })
})

describe('relationships stay inside the tenant', () => {
  let shopA: Tenant
  let shopB: Tenant
  let adminA: string
  let customerA: Customer
  let customerB: Customer
  let productA: Product
  let productB: Product

  beforeAll(async () => {
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    adminA = await tokenFor(shopA, 'tenant-admin')
    customerA = await createCustomer(shopA)
    customerB = await createCustomer(shopB)
    productA = await createProduct(payload, shopA, { stock: 5 })
    productB = await createProduct(payload, shopB, { stock: 5, status: 'draft', name: 'B secret draft' })
  })

  it('refuses another tenant’s product with a 400 on items.0.product, storing nothing', async () => {
    const res = await api('POST', '/orders', { token: adminA, body: orderBody(customerA, [{ product: productB }]) })
    expect(res.status).toBe(400)
    expect(errorsOf(res.body).map((e) => e.path)).toEqual(['items.0.product'])
    expect(JSON.stringify(res.body)).not.toContain('B secret draft')
    expect(await ordersOf(shopA)).toBe(0)
    expect(await stockOf(productB)).toBe(5)
  })

  it('refuses another tenant’s customer with a 400 on customer, storing nothing', async () => {
    const res = await api('POST', '/orders', { token: adminA, body: orderBody(customerB, [{ product: productA }]) })
    expect(res.status).toBe(400)
    expect(errorsOf(res.body).map((e) => e.path)).toEqual(['customer'])
    expect(await ordersOf(shopA)).toBe(0)
  })

  it('refuses to swap in another tenant’s product or customer on update', async () => {
    const order = await placeOrder(adminA, customerA, [{ product: productA }])
    const res = await api('PATCH', `/orders/${order.id}`, { token: adminA, body: { customer: customerB.id } })
    expect(res.status).toBe(400)
    expect(errorsOf(res.body).map((e) => e.path)).toEqual(['customer'])
    const items = await api('PATCH', `/orders/${order.id}`, { token: adminA, body: { items: [{ product: productB.id, quantity: 1 }] } })
    expect(items.status).toBe(400)
    expect(errorsOf(items.body).map((e) => e.path)).toEqual(['items.0.product'])
    const confirming = await api('PATCH', `/orders/${order.id}`, {
      token: adminA,
      body: { status: 'confirmed', items: [{ product: productB.id, quantity: 1 }] },
    })
    expect(confirming.status).toBe(400)
    expect(errorsOf(confirming.body).map((e) => e.path)).toEqual(['items.0.product'])
    const stored = await orderIn(order.id)
    expect([stored.status, stored.customer, stored.items.map((i) => i.product)]).toEqual(['pending', customerA.id, [productA.id]])
    expect([await stockOf(productA), await stockOf(productB)]).toEqual([5, 5])
  })

  it('refuses draft and archived products with a 400', async () => {
    for (const status of ['draft', 'archived'] as const) {
      const product = await createProduct(payload, shopA, { status, stock: 5 })
      const res = await api('POST', '/orders', { token: adminA, body: orderBody(customerA, [{ product: productA }, { product }]) })
      expect(res.status).toBe(400)
      expect(errorsOf(res.body)).toEqual([{ path: 'items.1.product', message: expect.stringContaining(status) }])
    }
    expect(await ordersOf(shopA)).toBe(1)
  })

  it('hides one tenant’s orders from another tenant’s staff', async () => {
    const [order] = (await asSystem(() => payload.find({ collection: 'orders', where: { tenant: { equals: shopA.id } }, overrideAccess: true }))).docs
    const adminB = await tokenFor(shopB, 'tenant-admin')
    expect((await api('GET', `/orders/${order.id}`, { token: adminB })).status).toBe(404)
    expect((await api('GET', '/orders', { token: adminB })).body.totalDocs).toBe(0)
    expect([403, 404]).toContain((await setStatus(adminB, order, 'cancelled')).status)
    expect((await orderIn(order.id)).status).toBe('pending')
  })
})

describe('GraphQL and the Local API apply the same rules', () => {
  let shopA: Tenant
  let shopB: Tenant
  let customerA: Customer
  let productA: Product
  let productB: Product

  beforeAll(async () => {
    shopA = await createTenant(payload, { settings: { orderNumberPrefix: 'GQL' } })
    shopB = await createTenant(payload)
    customerA = await createCustomer(shopA)
    productA = await createProduct(payload, shopA, { price: 700, stock: 1 })
    productB = await createProduct(payload, shopB)
  })

  it('GraphQL: server totals and number, other tenant’s product refused', async () => {
    const token = await tokenFor(shopA, 'sales-operator')
    const create = `mutation ($data: mutationOrderInput!) { createOrder(data: $data) { id number subtotal total status } }`
    // Payload's GraphQL input marks required fields non-null even when they have a default.
    const required = { paymentMethod: 'cod', source: 'manual', status: 'pending' }
    const ok = await graphql(create, {
      token,
      variables: { data: { ...orderBody(customerA, [{ product: productA, quantity: 2 }], required), total: 1, number: 'X-1' } },
    })
    expect(ok.body.errors, JSON.stringify(ok.body.errors)).toBeUndefined()
    expect(ok.body.data.createOrder).toMatchObject({ number: 'GQL-000001', subtotal: 1400, total: 1400, status: 'pending' })
    const cross = await graphql(create, { token, variables: { data: orderBody(customerA, [{ product: productB }], required) } })
    expect(JSON.stringify(cross.body.errors)).toContain('items.0.product')
    expect(await ordersOf(shopA)).toBe(1)

    const confirm = await graphql(`mutation { updateOrder(id: "${ok.body.data.createOrder.id}", data: { status: confirmed }) { status } }`, { token })
    expect(JSON.stringify(confirm.body.errors)).toMatch(/not enough stock/i)
    expect([(await orderIn(ok.body.data.createOrder.id)).status, await stockOf(productA)]).toEqual(['pending', 1])
  })

  it('Local API as the user (overrideAccess: false): same stock and transition rules', async () => {
    const user = await createStaff(payload, shopA, 'tenant-admin')
    const order = await payload.create({
      collection: 'orders',
      data: { customer: customerA.id, items: [{ product: productA.id, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending', total: 1 },
      overrideAccess: false,
      user,
    })
    expect([order.number, order.total]).toEqual(['GQL-000002', 700])
    await payload.update({ collection: 'orders', id: order.id, data: { status: 'confirmed' }, overrideAccess: false, user })
    expect(await stockOf(productA)).toBe(0)
    await expect(payload.update({ collection: 'orders', id: order.id, data: { status: 'delivered' }, overrideAccess: false, user })).rejects.toThrow(/from confirmed to delivered/)
    const marketing = await createStaff(payload, shopA, 'marketing-manager')
    await expect(payload.find({ collection: 'orders', overrideAccess: false, user: marketing })).rejects.toThrow()
  })
})

describe('roles', () => {
  let shop: Tenant
  let customer: Customer
  let product: Product
  let order: Order

  beforeAll(async () => {
    shop = await createTenant(payload)
    customer = await createCustomer(shop)
    product = await createProduct(payload, shop, { stock: 5 })
    order = await placeOrder(await tokenFor(shop, 'sales-operator'), customer, [{ product }])
  })

  it('lets a support-agent read orders and change only their notes', async () => {
    const support = await tokenFor(shop, 'support-agent')
    expect((await api('GET', `/orders/${order.id}`, { token: support })).status).toBe(200)
    const notes = await api('PATCH', `/orders/${order.id}`, { token: support, body: { notes: 'customer called' } })
    expect(notes.status, JSON.stringify(notes.body)).toBe(200)

    const status = await setStatus(support, order, 'confirmed')
    expect(status.status).toBe(403)
    expect(messageOf(status.body)).toMatch(/notes.*status/)
    const shipping = await api('PATCH', `/orders/${order.id}`, { token: support, body: { shipping: 999, discount: 5 } })
    expect(shipping.status).toBe(403)
    expect(messageOf(shipping.body)).toMatch(/shipping, discount/)

    const create = await api('POST', '/orders', { token: support, body: orderBody(customer, [{ product }]) })
    expect(create.status).toBe(403)
    expect((await api('DELETE', `/orders/${order.id}`, { token: support })).status).toBe(403)
    const stored = await orderIn(order.id)
    expect([stored.status, stored.notes, stored.shipping ?? 0]).toEqual(['pending', 'customer called', 0])
    expect(stored.items.map((i) => [i.product, i.quantity, i.unitPrice])).toEqual([[product.id, 1, product.price]])
    expect(await stockOf(product)).toBe(5)
  })

  it('gives a marketing-manager nothing', async () => {
    const marketing = await tokenFor(shop, 'marketing-manager')
    expect((await api('GET', '/orders', { token: marketing })).status).toBe(403)
    expect([403, 404]).toContain((await api('GET', `/orders/${order.id}`, { token: marketing })).status)
    expect((await api('POST', '/orders', { token: marketing, body: orderBody(customer, [{ product }]) })).status).toBe(403)
    expect([403, 404]).toContain((await setStatus(marketing, order, 'cancelled')).status)
    expect((await orderIn(order.id)).status).toBe('pending')
    expect(await ordersOf(shop)).toBe(1)
  })

  it('lets the super-admin place an order, in the tenant it names', async () => {
    const root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    const none = await api('POST', '/orders', { token: root, body: orderBody(customer, [{ product }]) })
    expect(none.status).toBe(400)
    expect(JSON.stringify(none.body)).toContain('tenant')
    const ok = await api('POST', '/orders', { token: root, body: orderBody(customer, [{ product }], { tenant: shop.id }) })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.doc.number).toBe('SHOP-000002')
    expect(await ordersOf(shop)).toBe(2)
  })

  it('does not let a sales-operator delete an order', async () => {
    const sales = await tokenFor(shop, 'sales-operator')
    expect((await api('DELETE', `/orders/${order.id}`, { token: sales })).status).toBe(403)
    expect(await ordersOf(shop)).toBe(2)
  })
})
