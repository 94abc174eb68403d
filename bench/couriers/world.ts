import type { Payload } from 'payload'
import { expect } from 'vitest'

import type { Order } from '../../payload-types'
import type { FakeSteadfast, SteadfastAccount } from '../../tests/fakes/couriers'
import { api } from '../../tests/int/helpers/api'
import { confirmedOrder, courierShop, onServer, webhookOf, type CourierShop } from '../../tests/int/helpers/couriers'
import { asSystem } from '../../tests/int/helpers/factories'
import { drainQueue } from '../../tests/int/helpers/jobs-queue'
import { timed } from './load'

/**
 * The couriers bench's world: shops on the fake Steadfast, each with an account of its own (the
 * fake refuses an invoice an account has used already, and every shop numbers its orders from
 * the same start), confirmed orders, and bookings through POST /api/shipments/book and the
 * `courierBook` job, as tests/int/couriers-booking.test.ts books them.
 */

export const steadfastAccounts = (shops: number): SteadfastAccount[] => Array.from({ length: shops }, (_, i) => ({ apiKey: `sf-bench-key-${i}`, secretKey: `sf-bench-secret-${i}` }))

/** A shop whose webhook the fake sends to on the route server, and the consignment ids of its booked shipments. */
export type BenchShop = CourierShop & { hook: { url: string; secret: string }; consignments: number[] }

export async function benchShop(payload: Payload, account: SteadfastAccount, origin: string): Promise<BenchShop> {
  const shop = await courierShop(payload, 'steadfast', account)
  const hook = await webhookOf(shop)
  return { ...shop, hook: { url: onServer(origin, hook.url), secret: hook.secret }, consignments: [] }
}

export async function confirmedOrders(payload: Payload, shop: CourierShop, count: number): Promise<Order[]> {
  const orders: Order[] = []
  for (let i = 0; i < count; i++) orders.push(await confirmedOrder(payload, shop))
  return orders
}

/** The consignment ids of these orders' booked shipments (every one must be booked). */
async function consignmentsOf(payload: Payload, orders: Order[]): Promise<number[]> {
  const { docs } = await asSystem(() =>
    payload.find({ collection: 'shipments', where: { order: { in: orders.map((o) => o.id) }, bookingState: { equals: 'booked' } }, depth: 0, limit: 0, pagination: false, overrideAccess: true }),
  )
  expect(docs.length, 'every order has a booked shipment').toBe(orders.length)
  return docs.map((s) => Number(s.consignmentId))
}

export type Booking = { orders: number; seconds: number; endpointSeconds: number; jobSeconds: number; providerCalls: number }

const providerCalls = (fake: FakeSteadfast) => fake.calls.filter((c) => c.path.endsWith('/create_order') || c.path.endsWith('/bulk-order')).length

/**
 * Book `orders` in one request, end to end: POST /api/shipments/book (each order checked and
 * queued in its own transaction), then the queue drained (`courierBook`: one bulk call for up
 * to 500), until every shipment is booked. The batch's progress is checked after the clock stops.
 */
export async function bookBulk(payload: Payload, fake: FakeSteadfast, shop: BenchShop, orders: Order[]): Promise<Booking> {
  const calls = providerCalls(fake)
  const post = await timed(() => api('POST', '/shipments/book', { token: shop.token, body: { account: shop.account.id, orders: orders.map((o) => o.id) } }))
  expect(post.value.status, JSON.stringify(post.value.body)).toBe(202)
  expect(post.value.body.accepted, 'every order accepted').toHaveLength(orders.length)
  const job = await timed(() => drainQueue(payload, 10 * 60_000))
  const progress = await api('GET', `/shipments/batch/${post.value.body.batch}`, { token: shop.token })
  expect(progress.body, 'the whole batch booked').toMatchObject({ total: orders.length, booked: orders.length, failed: 0, done: true })
  shop.consignments.push(...(await consignmentsOf(payload, orders)))
  return { orders: orders.length, seconds: post.seconds + job.seconds, endpointSeconds: post.seconds, jobSeconds: job.seconds, providerCalls: providerCalls(fake) - calls }
}

/** The same orders booked one at a time, as staff clicking "Book" on each order: a request and its job, then the next. */
export async function bookOneByOne(payload: Payload, fake: FakeSteadfast, shop: BenchShop, orders: Order[]): Promise<Booking> {
  const calls = providerCalls(fake)
  let endpointSeconds = 0
  let jobSeconds = 0
  for (const order of orders) {
    const post = await timed(() => api('POST', '/shipments/book', { token: shop.token, body: { account: shop.account.id, orders: [order.id] } }))
    expect(post.value.status, JSON.stringify(post.value.body)).toBe(202)
    endpointSeconds += post.seconds
    jobSeconds += (await timed(() => drainQueue(payload, 60_000))).seconds
  }
  shop.consignments.push(...(await consignmentsOf(payload, orders)))
  return { orders: orders.length, seconds: endpointSeconds + jobSeconds, endpointSeconds, jobSeconds, providerCalls: providerCalls(fake) - calls }
}

/** Runs of one workload as one (orders, seconds and calls summed). */
export const sumOf = (runs: Booking[]): Booking => ({
  orders: runs.reduce((s, r) => s + r.orders, 0),
  seconds: runs.reduce((s, r) => s + r.seconds, 0),
  endpointSeconds: runs.reduce((s, r) => s + r.endpointSeconds, 0),
  jobSeconds: runs.reduce((s, r) => s + r.jobSeconds, 0),
  providerCalls: runs.reduce((s, r) => s + r.providerCalls, 0),
})
