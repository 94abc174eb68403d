import fc from 'fast-check'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { medianResponse, roundedSeconds } from '../../plugins/dashboards'
import { api, login } from './helpers/api'
import { clearWorld, fixtures, orderIds, rollupOf, writeWorld, type Fixtures, type RawWorld } from './helpers/dashboards-world'
import { createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/**
 * The dashboards' daily rollup (plugins/dashboards/rollup) against a direct computation over the
 * raw rows: for random orders, leads, conversations and parcels of two shops in different time
 * zones, every (day, metric, dimension) the rollup stores equals the sum computed here from the
 * rows themselves, and nothing else is stored — so the other shop's rows never count.
 */

const FROM = '2026-10-30'
const TO = '2026-11-12'
const T0 = Date.UTC(2026, 9, 31, 12)
const T1 = Date.UTC(2026, 10, 11, 12)
const DAY = 86_400_000

const instant = fc.integer({ min: T0 / 1000, max: T1 / 1000 }).map((s) => s * 1000)
const iso = (ms: number) => new Date(ms).toISOString()
const later = (base: number, maxHours: number) => fc.integer({ min: 0, max: maxHours * 3600 }).map((s) => base + s * 1000)

const orderArb = fc.record({
  at: instant,
  source: fc.constantFrom('facebook', 'whatsapp', 'storefront', 'manual'),
  status: fc.constantFrom('pending', 'confirmed', 'delivered', 'returned', 'cancelled'),
  total: fc.integer({ min: 0, max: 500_000 }),
  customer: fc.integer({ min: 0, max: 2 }),
  items: fc.array(fc.record({ product: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 1, max: 5 }), unitPrice: fc.integer({ min: 0, max: 90_000 }) }), { maxLength: 2 }),
})
const leadArb = fc.record({ at: instant, source: fc.constantFrom('scrape', 'import', 'lead-ad', 'manual'), status: fc.constantFrom('new', 'converted', 'lost') })
const conversationArb = instant.chain((at) =>
  fc.record({
    at: fc.constant(at),
    channel: fc.constantFrom('whatsapp', 'messenger'),
    customer: fc.option(fc.integer({ min: 0, max: 2 })),
    messages: fc.array(fc.record({ at: later(at, 30), direction: fc.constantFrom('inbound' as const, 'outbound' as const) }), { maxLength: 4 }),
  }),
)
const shipmentArb = instant.chain((at) =>
  fc.record({
    at: fc.constant(at),
    status: fc.constantFrom('booked', 'in_transit', 'delivered', 'partially_delivered', 'returned', 'cancelled'),
    cod: fc.boolean(),
    codExpected: fc.integer({ min: 0, max: 300_000 }),
    deliveredAt: fc.option(later(at, 72)),
    codCollected: fc.integer({ min: 0, max: 300_000 }),
    settledAt: fc.option(later(at + 3 * DAY, 48)),
    settledAmount: fc.integer({ min: 0, max: 300_000 }),
  }),
)
const worldArb = fc.record({
  orders: fc.array(orderArb, { maxLength: 12 }),
  leads: fc.array(leadArb, { maxLength: 6 }),
  conversations: fc.array(conversationArb, { maxLength: 6 }),
  shipments: fc.array(shipmentArb, { maxLength: 6 }),
})

/** The calendar day of an instant in a time zone. */
const dayIn = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))

/** What the rollup must hold, computed straight from the raw rows: `day|metric|dimension` → sum, zeros left out. */
function expected(world: RawWorld, f: Fixtures, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {}
  const add = (ms: number, metric: string, dimension: string, value: number) => {
    const day = dayIn(ms, timeZone)
    if (day < FROM || day > TO) return
    const key = `${day}|${metric}|${dimension}`
    out[key] = (out[key] ?? 0) + value
  }
  const ms = (s: string) => Date.parse(s)
  for (const o of world.orders) {
    const keptOrder = o.status !== 'cancelled' && o.status !== 'returned'
    add(ms(o.at), 'orders', o.source, 1)
    add(ms(o.at), 'orders_status', o.status, 1)
    if (keptOrder) add(ms(o.at), 'revenue', o.source, o.total)
    for (const i of o.items) {
      if (!keptOrder) continue
      add(ms(o.at), 'product_units', f.products[i.product], i.quantity)
      add(ms(o.at), 'product_revenue', f.products[i.product], i.quantity * i.unitPrice)
    }
  }
  for (const l of world.leads) {
    add(ms(l.at), 'leads', l.source, 1)
    if (l.status === 'converted') add(ms(l.at), 'leads_converted', l.source, 1)
  }
  for (const c of world.conversations) {
    const at = ms(c.at)
    add(at, 'conversations', c.channel, 1)
    if (c.customer !== null && world.orders.some((o) => o.customer === c.customer && ms(o.at) >= at && ms(o.at) < at + 7 * DAY)) add(at, 'conversations_ordered', '', 1)
    for (const m of c.messages) add(ms(m.at), 'messages', m.direction, 1)
    const inbound = c.messages.filter((m) => m.direction === 'inbound').map((m) => ms(m.at))
    if (inbound.length === 0) continue
    const first = Math.min(...inbound)
    const replies = c.messages.filter((m) => m.direction === 'outbound' && ms(m.at) >= first).map((m) => ms(m.at))
    if (replies.length === 0) continue
    add(at, 'first_response_s', '', (Math.min(...replies) - first) / 1000)
    add(at, 'first_response_n', '', 1)
    add(at, 'first_response_h', String(roundedSeconds((Math.min(...replies) - first) / 1000)), 1)
  }
  for (const s of world.shipments) {
    add(ms(s.at), 'shipments', s.status, 1)
    if (s.cod) add(ms(s.at), 'cod_expected', '', s.codExpected)
    if (s.cod && s.deliveredAt) add(ms(s.deliveredAt), 'cod_collected', '', s.codCollected)
    if (s.settledAt) add(ms(s.settledAt), 'cod_settled', '', s.settledAmount)
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0))
}

/** The generated world with ISO timestamps, as the tables store them. */
const asRows = (w: typeof worldArb extends fc.Arbitrary<infer W> ? W : never): RawWorld => ({
  orders: w.orders.map((o) => ({ ...o, at: iso(o.at) })),
  leads: w.leads.map((l) => ({ ...l, at: iso(l.at) })),
  conversations: w.conversations.map((c) => ({ ...c, at: iso(c.at), messages: c.messages.map((m) => ({ ...m, at: iso(m.at) })) })),
  shipments: w.shipments.map((s) => ({ ...s, at: iso(s.at), deliveredAt: s.deliveredAt === null ? null : iso(s.deliveredAt), settledAt: s.settledAt === null ? null : iso(s.settledAt) })),
})

describe('the daily rollup equals a direct computation over the raw rows', () => {
  let payload: Payload
  let dhaka: Tenant
  let york: Tenant
  let a: Fixtures
  let b: Fixtures
  let adminA: string
  let adminB: string

  beforeAll(async () => {
    payload = await freshPayload()
    dhaka = await createTenant(payload, { timezone: 'Asia/Dhaka' })
    york = await createTenant(payload, { timezone: 'America/New_York' })
    a = await fixtures(dhaka.id)
    b = await fixtures(york.id)
    adminA = await login((await createStaff(payload, dhaka, 'tenant-admin')).email, PASSWORD)
    adminB = await login((await createStaff(payload, york, 'tenant-admin')).email, PASSWORD)
  })

  const recompute = async (token: string, tenant: Tenant) => {
    const res = await api('POST', `/dashboards/recompute?tenant=${tenant.id}&from=${FROM}&to=${TO}`, { token })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  it('for random data of two shops in different time zones (each shop counts only its own rows)', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, worldArb, async (wa, wb) => {
        const [rowsA, rowsB] = [asRows(wa), asRows(wb)]
        await clearWorld(a)
        await clearWorld(b)
        await writeWorld(a, rowsA)
        await writeWorld(b, rowsB)
        await recompute(adminA, dhaka)
        await recompute(adminB, york)
        expect(await rollupOf(dhaka.id, FROM, TO)).toEqual(expected(rowsA, a, 'Asia/Dhaka'))
        expect(await rollupOf(york.id, FROM, TO)).toEqual(expected(rowsB, b, 'America/New_York'))
      }),
      { numRuns: 20, seed: 19 },
    )
  })

  it('another shop’s new orders never change my figures, even after both are recomputed', async () => {
    await clearWorld(a)
    await clearWorld(b)
    const mine: RawWorld = { orders: [{ at: '2026-11-05T10:00:00.000Z', source: 'facebook', status: 'confirmed', total: 12_345, customer: 0, items: [] }], leads: [], conversations: [], shipments: [] }
    await writeWorld(a, mine)
    await recompute(adminA, dhaka)
    const before = await rollupOf(dhaka.id, FROM, TO)
    await writeWorld(b, { ...mine, orders: Array.from({ length: 20 }, () => ({ ...mine.orders[0], total: 99_999 })) })
    await recompute(adminB, york)
    await recompute(adminA, dhaka)
    expect(await rollupOf(dhaka.id, FROM, TO)).toEqual(before)
    expect(before).toEqual({ '2026-11-05|orders|facebook': 1, '2026-11-05|orders_status|confirmed': 1, '2026-11-05|revenue|facebook': 12_345 })
  })

  it('the tenant job brings the rollup up to date: a changed order is re-counted on its own day, without a recompute', async () => {
    await clearWorld(a)
    const day = new Date(Date.now() - 20 * DAY).toISOString()
    await writeWorld(a, {
      orders: [{ at: day, source: 'whatsapp', status: 'pending', total: 5_000, customer: 1, items: [{ product: 0, quantity: 1, unitPrice: 5_000 }] }],
      leads: [],
      conversations: [],
      shipments: [],
    })
    await payload.jobs.queue({ task: 'dashboardsRollup', input: { tenantId: dhaka.id } })
    await payload.jobs.run({ limit: 10 })
    const local = dayIn(Date.parse(day), 'Asia/Dhaka')
    expect(await rollupOf(dhaka.id, local, local)).toMatchObject({ [`${local}|orders_status|pending`]: 1, [`${local}|revenue|whatsapp`]: 5_000 })
    // The order is cancelled 20 days later: the next run finds it by its update and fixes its day.
    const [id] = await orderIds(dhaka.id, 'whatsapp')
    const res = await api('PATCH', `/orders/${id}`, { token: adminA, body: { status: 'cancelled' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await payload.jobs.queue({ task: 'dashboardsRollup', input: { tenantId: dhaka.id } })
    await payload.jobs.run({ limit: 10 })
    const after = await rollupOf(dhaka.id, local, local)
    expect(after[`${local}|orders_status|cancelled`]).toBe(1)
    expect(after[`${local}|orders_status|pending`]).toBeUndefined()
    expect(after[`${local}|revenue|whatsapp`]).toBeUndefined()
  })
})

describe('the median first response read from the rollup', () => {
  it('is the lower median of the responses, to two significant figures, for any mix of responses', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 200_000, noNaN: true }), { minLength: 1, maxLength: 60 }), (seconds) => {
        // The day rows' histograms, merged over a period as the summary merges them.
        const histogram = new Map<string, number>()
        for (const s of seconds) histogram.set(String(roundedSeconds(s)), (histogram.get(String(roundedSeconds(s))) ?? 0) + 1)
        const median = medianResponse({ totals: new Map([['first_response_h', histogram]]), daily: new Map(), rolledUp: 0 })
        const sorted = [...seconds].sort((a, b) => a - b)
        const exact = sorted[Math.ceil(sorted.length / 2) - 1]
        expect(median).toBe(roundedSeconds(exact))
        expect(Math.abs(median! - exact)).toBeLessThanOrEqual(Math.max(0.5, exact * 0.05))
      }),
    )
    expect(medianResponse({ totals: new Map(), daily: new Map(), rolledUp: 0 })).toBeNull()
  })
})
