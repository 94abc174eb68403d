import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Shipment } from '../../payload-types'
import { runQueuedJobs } from '../../src/jobs/run-queued-jobs'
import { startFakeSteadfast, type FakeSteadfast } from '../fakes/couriers'
import { startFakeSmtp } from '../fakes/smtp'
import { api, login } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { confirmedOrder, courierShop, type CourierShop } from './helpers/couriers'
import { asSystem, createPlan, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload } from './helpers/payload'

const SF = { apiKey: 'sf-api-key', secretKey: 'sf-secret-key' }

/**
 * Booking shipments from orders (plugins/couriers/booking) against the fake Steadfast: one order
 * and many, idempotency (double booking, a retry after a timeout, the provider down), the
 * provider's refusals in words, quotas and plan features, and who may book — another shop's
 * staff and a freshly signed-up stranger never can.
 */
describe('Couriers: booking', () => {
  let payload: Payload
  let fake: FakeSteadfast
  let shop: CourierShop

  beforeAll(async () => {
    payload = await freshPayload()
    fake = await startFakeSteadfast()
    process.env.STEADFAST_URL = fake.url
    shop = await courierShop(payload, 'steadfast', SF)
  })
  afterAll(() => fake.close())

  const book = (body: Record<string, unknown>, token = shop.token, query = '') => api('POST', `/shipments/book${query}`, { token, body })
  const shipmentOf = async (orderId: string) =>
    (await asSystem(() => payload.find({ collection: 'shipments', where: { order: { equals: orderId } }, sort: '-createdAt', depth: 0, overrideAccess: true }))).docs[0] as Shipment | undefined
  const orderOf = (id: string) => asSystem(() => payload.findByID({ collection: 'orders', id, depth: 0, overrideAccess: true }))
  const creates = () => fake.calls.filter((c) => c.path.endsWith('/create_order')).length

  it('books one confirmed order: the consignment at the courier, its ids on the shipment, the order packed', async () => {
    const order = await confirmedOrder(payload, shop)
    const res = await book({ account: shop.account.id, orders: [order.id], weightGrams: 800 })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    expect(res.body.accepted).toHaveLength(1)
    expect((await orderOf(order.id)).status).toBe('packed')
    await drainQueue(payload)
    const shipment = (await shipmentOf(order.id))!
    expect(shipment).toMatchObject({ bookingState: 'booked', status: 'booked', provider: 'steadfast', invoice: order.number, codExpected: order.total, paymentMethod: 'cod' })
    const consignment = fake.consignment(order.number!)!
    expect(shipment.consignmentId).toBe(String(consignment.consignment_id))
    expect(shipment.trackingCode).toBe(consignment.tracking_code)
    // The wire: taka, an 11-digit local phone, the address from the customer.
    expect(consignment.cod_amount).toBe(order.total! / 100)
    expect(consignment.recipient_phone).toMatch(/^01\d{9}$/)
    expect(consignment.recipient_phone).toBe(shop.customer.phone.replace('+88', ''))
    expect(shipment.history?.map((h) => h.source)).toEqual(['booking'])
    // A second booking of the same order is refused, and books nothing.
    const again = await book({ account: shop.account.id, orders: [order.id] })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: 'conflict' })
    await drainQueue(payload)
    expect(fake.state.consignments.size).toBe(1)
  })

  it('books many in one provider call, refusing the orders that cannot go with the reason, and reports progress', async () => {
    const good = [await confirmedOrder(payload, shop), await confirmedOrder(payload, shop), await confirmedOrder(payload, shop)]
    const pending = await asSystem(() =>
      payload.create({
        collection: 'orders',
        overrideAccess: true,
        data: { tenant: shop.tenant.id, customer: shop.customer.id, items: [{ product: shop.product, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending' },
      }),
    )
    const other = await courierShop(payload, 'steadfast', SF)
    const theirs = await confirmedOrder(payload, other)
    const bulkBefore = fake.calls.filter((c) => c.path.endsWith('/bulk-order')).length
    const res = await book({ account: shop.account.id, orders: [...good.map((o) => o.id), pending.id, theirs.id] })
    expect(res.status).toBe(202)
    expect(res.body.accepted.map((a: { order: string }) => a.order).sort()).toEqual(good.map((o) => o.id).sort())
    expect(res.body.refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ order: pending.id, error: 'conflict', message: expect.stringContaining('only confirmed orders') }),
        expect.objectContaining({ order: theirs.id, error: 'not_found' }),
      ]),
    )
    const queued = await api('GET', `/shipments/batch/${res.body.batch}`, { token: shop.token })
    expect(queued.body).toMatchObject({ total: 3, queued: 3, booked: 0, done: false })
    await drainQueue(payload)
    const done = await api('GET', `/shipments/batch/${res.body.batch}`, { token: shop.token })
    expect(done.body).toMatchObject({ total: 3, booked: 3, failed: 0, done: true })
    expect(fake.calls.filter((c) => c.path.endsWith('/bulk-order')).length).toBe(bulkBefore + 1)
    // Another shop's admin cannot read this batch.
    expect((await api('GET', `/shipments/batch/${res.body.batch}`, { token: other.token })).status).toBe(404)
    // The other shop's order was not touched.
    expect((await orderOf(theirs.id)).status).toBe('confirmed')
    expect(await shipmentOf(theirs.id)).toBeUndefined()
  })

  it('fails a shipment the courier refuses, with the courier’s words, and lets the order be booked again', async () => {
    const order = await confirmedOrder(payload, shop)
    // The courier already holds a consignment with this invoice from some other system.
    fake.state.consignments.set(999_001, { ...fake.consignment(fake.state.consignments.keys().next().value!)!, consignment_id: 999_001, invoice: 'TAKEN-1' })
    await asSystem(() => payload.update({ collection: 'orders', id: order.id, data: { notes: 'x' }, overrideAccess: true }))
    fake.failNext(1, { status: 200, body: { status: 400, message: 'Validation failed', errors: { recipient_address: ['The recipient address field is required.'] } } })
    const smtp = await startFakeSmtp()
    const restoreEmail = await routeEmailTo(payload, smtp.url)
    try {
      await book({ account: shop.account.id, orders: [order.id] })
      await drainQueue(payload)
      // The shop's admins are told, in the shop's email, with the courier's words.
      const [mail] = await smtp.waitFor(1)
      expect(mail.to).toMatchObject({ value: [{ address: shop.admin.email }] })
      expect(mail.subject).toBe(`${shop.tenant.name}: Steadfast refused a parcel`)
      expect(mail.text).toContain(`Order ${order.number}:`)
      expect(mail.text).toContain('recipient address field is required')
      expect(mail.text).toMatch(/Open the shipments: \S*\/admin\/collections\/shipments/)
    } finally {
      restoreEmail()
      await smtp.close()
    }
    const failed = (await shipmentOf(order.id))!
    expect(failed).toMatchObject({ bookingState: 'failed', active: false })
    expect(failed.bookingError).toContain('recipient address field is required')
    const retry = await book({ account: shop.account.id, orders: [order.id] })
    expect(retry.status).toBe(202)
    await drainQueue(payload)
    expect((await shipmentOf(order.id))!.bookingState).toBe('booked')
  })

  it('a retry after a timeout finds the consignment by its invoice instead of booking twice', async () => {
    const order = await confirmedOrder(payload, shop)
    await book({ account: shop.account.id, orders: [order.id] })
    await drainQueue(payload)
    const first = (await shipmentOf(order.id))!
    // As if the answer had been lost: the shipment is still `sending` and the job runs again.
    await asSystem(() => payload.update({ collection: 'shipments', id: first.id, data: { bookingState: 'sending', consignmentId: null, trackingCode: null }, overrideAccess: true }))
    const before = creates()
    await payload.jobs.queue({ task: 'courierBook', input: { tenantId: shop.tenant.id, shipmentIds: [first.id] } })
    await drainQueue(payload)
    expect(creates()).toBe(before)
    expect((await shipmentOf(order.id))!.bookingState).toBe('booked')
    expect([...fake.state.consignments.values()].filter((c) => c.invoice === order.number)).toHaveLength(1)
  })

  it('keeps a booking while the courier is down and books it once it is back', async () => {
    const order = await confirmedOrder(payload, shop)
    await fake.down('refuse')
    try {
      expect((await book({ account: shop.account.id, orders: [order.id] })).status).toBe(202)
      await runQueuedJobs(payload)
      expect((await shipmentOf(order.id))!.bookingState).toBe('sending')
    } finally {
      await fake.up()
    }
    await drainQueue(payload, 60_000)
    expect((await shipmentOf(order.id))!.bookingState).toBe('booked')
    expect([...fake.state.consignments.values()].filter((c) => c.invoice === order.number)).toHaveLength(1)
  })

  it('refuses malformed requests with 400 naming each field, and stores nothing', async () => {
    const before = (await asSystem(() => payload.count({ collection: 'shipments', overrideAccess: true }))).totalDocs
    for (const body of [{}, { account: 'nope', orders: [] }, { account: shop.account.id, orders: ['x'] }, { account: shop.account.id, orders: [shop.account.id], weightGrams: -5, codAmount: 1.5 }]) {
      const res = await book(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error).toBe('invalid_input')
      expect(res.body.errors.length).toBeGreaterThan(0)
    }
    const res = await api('POST', '/shipments/book', { token: shop.token, body: 'not json' })
    expect(res.status).toBe(400)
    expect((await asSystem(() => payload.count({ collection: 'shipments', overrideAccess: true }))).totalDocs).toBe(before)
  })

  it('refuses an order without a Bangladeshi mobile or an address, naming what to fix', async () => {
    const customer = await asSystem(() => payload.create({ collection: 'customers', overrideAccess: true, data: { tenant: shop.tenant.id, name: 'Abroad', phone: '+447700900123' } }))
    const order = await confirmedOrder(payload, shop, { customer: customer.id })
    const res = await book({ account: shop.account.id, orders: [order.id] })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['recipient.address', 'recipient.phone'])
    const fixed = await book({ account: shop.account.id, orders: [order.id], recipient: { phone: '+880 1812-345678', address: 'Flat 3B, 22 Agrabad Road', district: 'Chattogram' } })
    expect(fixed.status).toBe(202)
    await drainQueue(payload)
    expect(fake.consignment(order.number!)!.recipient_phone).toBe('01812345678')
  })

  it('uses the plan: shipmentsPerMonth caps bookings, and a plan without couriers books nothing', async () => {
    const capped = await courierShop(payload, 'steadfast', SF)
    const plan = await createPlan(payload, { shipmentsPerMonth: 1 })
    await asSystem(() => payload.update({ collection: 'tenants', id: capped.tenant.id, data: { plan: plan.id }, overrideAccess: true }))
    const [a, b] = [await confirmedOrder(payload, capped), await confirmedOrder(payload, capped)]
    expect((await book({ account: capped.account.id, orders: [a.id] }, capped.token)).status).toBe(202)
    const over = await book({ account: capped.account.id, orders: [b.id] }, capped.token)
    expect(over.status).toBe(403)
    expect(over.body).toMatchObject({ error: 'quota_exceeded', limit: 'shipmentsPerMonth' })
    expect((await orderOf(b.id)).status).toBe('confirmed')
    const noCouriers = await createPlan(payload, {}, ['whatsapp'])
    await asSystem(() => payload.update({ collection: 'tenants', id: capped.tenant.id, data: { plan: noCouriers.id }, overrideAccess: true }))
    const gated = await book({ account: capped.account.id, orders: [b.id] }, capped.token)
    expect(gated.status).toBe(403)
    expect(gated.body.error).toBe('feature_not_in_plan')
  })

  it('lets only staff who may update orders and shipments book, in their own shop', async () => {
    const order = await confirmedOrder(payload, shop)
    for (const role of ['support-agent', 'marketing-manager'] as const) {
      const user = await createStaff(payload, shop.tenant, role)
      const res = await book({ account: shop.account.id, orders: [order.id] }, await login(user.email, PASSWORD))
      expect(res.status, role).toBe(403)
    }
    // A freshly signed-up stranger with a shop of their own: naming A's shop, or A's account from theirs.
    const stranger = await createStaff(payload, await createTenant(payload), 'tenant-admin')
    const token = await login(stranger.email, PASSWORD)
    expect((await book({ account: shop.account.id, orders: [order.id] }, token, `?tenant=${shop.tenant.id}`)).status).toBe(403)
    expect((await book({ account: shop.account.id, orders: [order.id] }, token)).status).toBe(404)
    expect((await api('GET', `/couriers/bookable?tenant=${shop.tenant.id}`, { token })).status).toBe(403)
    expect((await api('GET', `/couriers/${shop.account.id}/webhook`, { token })).status).toBe(404)
    expect((await api('POST', '/shipments/book', { body: { account: shop.account.id, orders: [order.id] } })).status).toBe(401)
    // A sales-operator of the shop may.
    const seller = await createStaff(payload, shop.tenant, 'sales-operator')
    expect((await book({ account: shop.account.id, orders: [order.id] }, await login(seller.email, PASSWORD))).status).toBe(202)
    expect((await orderOf(order.id)).status).toBe('packed')
  })
})
