import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adapterFor, type CourierAdapter } from '../../plugins/couriers'
import { startFakeRedx, type FakeRedx } from '../fakes/couriers'
import { booking, contextFor, receiverFor, rejection, thrown } from '../fakes/couriers/harness'

/** The RedX adapter against the fake RedX over real HTTP (integrations.md §3.3). */

const area = { areaId: 2, areaName: 'Gulshan 1' }

describe('RedX adapter against the fake', () => {
  let fake: FakeRedx
  let redx: CourierAdapter

  beforeAll(async () => {
    fake = await startFakeRedx()
    redx = adapterFor('redx', contextFor(fake.url, { token: 'redx-jwt-token' }))
  })
  afterAll(() => fake.close())

  it('books a parcel: API-ACCESS-TOKEN with Bearer, amounts and weight as strings (taka, grams), one id for both refs', async () => {
    const booked = await redx.book(booking('RX-1', { storeId: '501', itemDescription: 'Panjabi', note: 'Gate 2' }, area))
    expect(booked).toMatchObject({ invoice: 'RX-1', rawStatus: 'pickup-pending', status: 'booked' })
    expect(booked.trackingCode).toMatch(/^[A-Z0-9]{12}$/)
    expect(booked.consignmentId).toBe(booked.trackingCode)
    const call = fake.calls.at(-1)!
    expect(call.headers['api-access-token']).toBe('Bearer redx-jwt-token')
    expect(call.body).toEqual({
      customer_name: 'Rahim Uddin',
      customer_phone: '01712345678',
      delivery_area: 'Gulshan 1',
      delivery_area_id: 2,
      customer_address: 'House 12, Road 5, Dhanmondi, Dhaka',
      merchant_invoice_id: 'RX-1',
      cash_collection_amount: '1060.5',
      parcel_weight: '1200',
      value: 1000,
      instruction: 'Gate 2',
      pickup_store_id: 501,
      parcel_details_json: [{ name: 'Panjabi', category: 'general', value: 1000 }],
    })
    expect(fake.parcel('RX-1')!.status).toBe('pickup-pending')
  })

  it('takes a token pasted with its "Bearer " prefix; a wrong token → bad_credentials', async () => {
    const pasted = adapterFor('redx', contextFor(fake.url, { token: 'Bearer redx-jwt-token' }))
    expect((await pasted.stores()).map((s) => s.id)).toEqual(['501'])
    expect(fake.calls.at(-1)!.headers['api-access-token']).toBe('Bearer redx-jwt-token')
    expect(await rejection(adapterFor('redx', contextFor(fake.url, { token: 'other' })).stores())).toMatchObject({ code: 'bad_credentials', httpStatus: 401 })
  })

  it('refuses a missing area or a bad phone before any call; RedX’s 400 {message} → validation in its words', async () => {
    const before = fake.calls.length
    const noArea = await rejection(redx.book(booking('RX-2')))
    expect(noArea.fieldErrors.map((f) => f.path)).toEqual(['delivery_area_id', 'delivery_area'])
    expect((await rejection(redx.book(booking('RX-3', {}, { ...area, phone: '+880 2 55667788' })))).fieldErrors[0].path).toBe('customer_phone')
    expect(fake.calls.length).toBe(before)
    const unknownArea = await rejection(redx.book(booking('RX-4', {}, { areaId: 999, areaName: 'Nowhere' })))
    expect(unknownArea).toMatchObject({ code: 'validation', httpStatus: 400 })
    expect(unknownArea.message).toMatch(/Invalid delivery_area_id/)
  })

  it('books many one by one (no bulk API), each with its own result', async () => {
    const results = await redx.bookMany([booking('RX-M1', {}, area), booking('RX-M2', {}, { areaId: 999, areaName: 'x' }), booking('RX-M3', {}, { areaId: 40, areaName: 'Agrabad' })])
    expect(results.map((r) => [r.invoice, r.ok])).toEqual([
      ['RX-M1', true],
      ['RX-M2', false],
      ['RX-M3', true],
    ])
    expect(fake.calls.slice(-3).map((c) => `${c.method} ${c.path}`)).toEqual(['POST /parcel', 'POST /parcel', 'POST /parcel'])
    expect(await redx.findByInvoice('RX-M1')).toBeNull()
  })

  it('reads parcel info (status, charge) and cancels by PATCH /parcels; a picked parcel cannot be cancelled', async () => {
    const id = fake.parcel('RX-1')!.tracking_id
    expect(await redx.status({ trackingCode: id })).toEqual({ rawStatus: 'pickup-pending', status: 'booked', deliveryFee: 7500, collected: null })
    await redx.cancel({ trackingCode: id }, 'Customer cancelled')
    expect(fake.calls.at(-1)!.body).toEqual({ entity_type: 'parcel-tracking-id', entity_id: id, update_details: { property_name: 'status', new_value: 'cancelled', reason: 'Customer cancelled' } })
    expect((await redx.status({ consignmentId: id })).status).toBe('cancelled')
    const other = fake.parcel('RX-M1')!
    other.status = 'ready-for-delivery'
    const e = await rejection(redx.cancel({ trackingCode: other.tracking_id }, 'late'))
    expect(e.code).toBe('validation')
    expect(e.message).toMatch(/can not be cancelled/)
    expect((await rejection(redx.status({ invoice: 'RX-1' }))).code).toBe('not_found')
  })

  it('quotes with the charge calculator, the pickup store’s area looked up once and cached', async () => {
    const q = { recipient: { ...booking('q').recipient, areaId: 40 }, codAmount: 100000, weightGrams: 1500, storeId: '501' }
    // Dhaka store → Chattogram: 120 + 15 for the 2nd kg; COD 1 % of 1 000 taka.
    expect(await redx.quote(q)).toEqual({ deliveryFee: 13500, codFee: 1000, total: 14500 })
    const calc = fake.calls.at(-1)!
    expect(Object.fromEntries(calc.query)).toEqual({ delivery_area_id: '40', pickup_area_id: '1', cash_collection_amount: '1000', weight: '1500' })
    expect((await redx.quote({ ...q, recipient: { ...q.recipient, areaId: 2 } })).deliveryFee).toBe(7500)
    expect(fake.calls.filter((c) => c.path.startsWith('/pickup/store/info/'))).toHaveLength(1)
    expect((await rejection(redx.quote({ ...q, storeId: undefined }))).fieldErrors.map((f) => f.path)).toEqual(['pickup_store_id'])
  })

  it('lists pickup stores and areas (cached 24 h, filtered by zone); no cities, zones or payouts', async () => {
    expect(await redx.stores()).toEqual([{ id: '501', name: 'Main pickup', address: 'House 3, Road 2, Mohammadpur', active: true, isDefault: false }])
    const all = await redx.locations('area')
    expect(all).toHaveLength(4)
    expect(all[0]).toEqual({ id: 1, name: 'Mohammadpur(Dhaka)', kind: 'area', parentId: 1, postCode: '1207' })
    const before = fake.calls.length
    expect((await redx.locations('area', 1)).map((a) => a.id)).toEqual([1, 2])
    expect(fake.calls.length).toBe(before)
    expect((await rejection(redx.locations('city'))).code).toBe('unsupported')
    expect((await rejection(redx.payouts())).code).toBe('unsupported')
  })

  it('maps 429 and a courier that is down', async () => {
    fake.rateLimitBurst(1)
    expect((await rejection(redx.stores())).code).toBe('rate_limited')
    await fake.down('503')
    expect(await rejection(redx.stores())).toMatchObject({ code: 'unavailable', httpStatus: 503 })
    await fake.up()
    expect(await redx.stores()).toHaveLength(1)
  })

  it('receives webhooks with the secret in ?token=, maps their statuses, refuses a wrong token', async () => {
    const receiver = await receiverFor(redx, 'redx-hook-token')
    try {
      fake.setWebhook(receiver.url, 'redx-hook-token')
      const p = fake.parcel('RX-M3')!
      const d = await fake.advance('RX-M3', 'delivery-in-progress')
      expect(d.url).toBe(`${receiver.url}?token=redx-hook-token`)
      expect([d.status, JSON.parse(d.attempts[0].body)]).toEqual([200, { message: 'ok' }])
      await fake.deliver('RX-M3')
      expect(receiver.events.map((e) => [e.rawStatus, e.status, e.trackingCode, e.invoice])).toEqual([
        ['delivery-in-progress', 'out_for_delivery', p.tracking_id, 'RX-M3'],
        ['delivered', 'delivered', p.tracking_id, 'RX-M3'],
      ])
      expect(receiver.events[0].message).toBe('Parcel status: delivery-in-progress')
      fake.setWebhook(receiver.url, 'guess')
      expect((await fake.advance('RX-M3', 'returned')).status).toBe(401)
    } finally {
      await receiver.close()
    }
  })

  it('parses the webhook body, dedupes by (tracking, status, timestamp), refuses malformed bodies', () => {
    expect(redx.authenticate({ headers: {}, query: new URLSearchParams('token=abc'), body: {} }, 'abc')).toBe(true)
    expect(redx.authenticate({ headers: {}, query: new URLSearchParams('token=abd'), body: {} }, 'abc')).toBe(false)
    expect(redx.authenticate({ headers: {}, query: new URLSearchParams(), body: {} }, 'abc')).toBe(false)
    const body = { tracking_number: '20A312THJDJ8', timestamp: '2025-02-01T10:00:00.000Z', status: 'agent-hold', message_en: 'Held', message_bn: 'হোল্ড', invoice_number: 'INV-1' }
    const [e] = redx.parseWebhook(body)
    expect(e).toMatchObject({ kind: 'status', status: 'on_hold', consignmentId: '20A312THJDJ8', invoice: 'INV-1', message: 'Held' })
    expect(e.at.toISOString()).toBe('2025-02-01T10:00:00.000Z')
    expect(redx.parseWebhook({ ...body })[0].key).toBe(e.key)
    expect(redx.parseWebhook({ ...body, timestamp: '2025-02-01T11:00:00.000Z' })[0].key).not.toBe(e.key)
    for (const bad of [undefined, 'x', { status: 'delivered' }, { tracking_number: 'A' }]) expect(thrown(() => redx.parseWebhook(bad)).code).toBe('validation')
    expect(redx.reply([e], '')).toEqual({ status: 200, body: { message: 'ok' } })
  })
})
