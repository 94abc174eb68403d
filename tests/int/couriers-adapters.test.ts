import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adapterFor, CourierError, isTerminal, mapStatus, moves, parseCredentials, STATUS_RANK, toLocalPhone, type CourierAdapter, type WebhookRequest } from '../../plugins/couriers'
import { startFakeSteadfast, startWebhookReceiver, type FakeSteadfast } from '../fakes/couriers'
import { booking, contextFor, receiverFor, rejection, thrown, type TestContext } from '../fakes/couriers/harness'

/**
 * The courier adapters against local fakes over real HTTP (no Payload): phone normalisation, the
 * canonical status model, the HTTP failure mapping and Steadfast. Pathao and RedX:
 * couriers-adapters-pathao.test.ts, couriers-adapters-redx.test.ts.
 */

describe('phone numbers go out as 01XXXXXXXXX (phone.ts)', () => {
  it('normalises +880 / 880 / 00880 / missing-zero forms, spaces, dashes and Bengali digits', () => {
    expect(toLocalPhone('+880 1712-345678')).toBe('01712345678')
    expect(toLocalPhone('8801812345678')).toBe('01812345678')
    expect(toLocalPhone('008801912345678')).toBe('01912345678')
    expect(toLocalPhone('(017) 1234.5678')).toBe('01712345678')
    expect(toLocalPhone('1312345678')).toBe('01312345678')
    expect(toLocalPhone('০১৭১২৩৪৫৬৭৮')).toBe('01712345678')
  })

  it('refuses what is not a BD mobile: landlines, 012, wrong length, letters', () => {
    for (const bad of ['+880 2 9123456', '01212345678', '0171234567', '017123456789', '01712abc678', '', 'call me']) expect(toLocalPhone(bad)).toBeNull()
  })
})

describe('one status model behind the three couriers (status-map.ts)', () => {
  it('maps each provider’s raw statuses (§8.1), unknown ones to null', () => {
    expect(mapStatus('steadfast', 'in_review')).toBe('booked')
    expect(mapStatus('steadfast', 'hold')).toBe('on_hold')
    expect(mapStatus('steadfast', 'partial_delivered_approval_pending')).toBe('partially_delivered')
    expect(mapStatus('steadfast', 'cancelled')).toBe('returned')
    expect(mapStatus('steadfast', 'cancelled', { cancelRequested: true })).toBe('cancelled')
    expect(mapStatus('steadfast', 'unknown_approval_pending')).toBeNull()
    expect(mapStatus('pathao', 'order.assigned-for-delivery')).toBe('out_for_delivery')
    expect(mapStatus('pathao', 'pickup-requested')).toBe('booked')
    expect(mapStatus('pathao', 'delivery-failed')).toBe('failed_attempt')
    expect(mapStatus('pathao', 'pickup-cancelled')).toBe('cancelled')
    expect(mapStatus('pathao', 'paid')).toBeNull()
    expect(mapStatus('redx', 'pickup-pending')).toBe('booked')
    expect(mapStatus('redx', 'agent-returning')).toBe('returning')
    expect(mapStatus('redx', 'cancelled')).toBe('cancelled')
    expect(mapStatus('redx', 'teleported')).toBeNull()
  })

  it('moves forward by rank only, sideways among out_for_delivery / on_hold / failed_attempt, never out of a terminal status', () => {
    expect(moves(null, 'in_transit')).toBe(true)
    expect(moves('booked', 'picked')).toBe(true)
    expect(moves('in_transit', 'picked')).toBe(false)
    expect(moves('out_for_delivery', 'failed_attempt')).toBe(true)
    expect(moves('failed_attempt', 'out_for_delivery')).toBe(true)
    expect(moves('on_hold', 'failed_attempt')).toBe(true)
    expect(moves('on_hold', 'on_hold')).toBe(false)
    expect(moves('returning', 'returned')).toBe(true)
    expect(moves('delivered', 'returned')).toBe(false)
    expect(moves('partially_delivered', 'returned')).toBe(false)
    expect(moves('cancelled', 'booked')).toBe(false)
    expect(STATUS_RANK.on_hold).toBe(STATUS_RANK.out_for_delivery)
    expect(['delivered', 'partially_delivered', 'returned', 'cancelled'].every((s) => isTerminal(s as 'delivered'))).toBe(true)
    expect(isTerminal('returning')).toBe(false)
  })
})

describe('credentials', () => {
  it('names every missing key, per provider; a RedX token pasted with "Bearer " loses the prefix', () => {
    const e = thrown(() => parseCredentials('pathao', { clientId: 'x', username: '' }))
    expect(e.code).toBe('validation')
    expect(e.fieldErrors.map((f) => f.path)).toEqual(['clientSecret', 'username', 'password'])
    expect(thrown(() => parseCredentials('steadfast', null)).message).toMatch(/apiKey, secretKey/)
    expect(parseCredentials('redx', { token: 'Bearer abc.def' })).toEqual({ token: 'abc.def' })
  })
})

describe('Steadfast adapter against the fake', () => {
  let fake: FakeSteadfast
  let ctx: TestContext
  let sf: CourierAdapter
  const creds = { apiKey: 'sf-api-key', secretKey: 'sf-secret-key' }

  beforeAll(async () => {
    fake = await startFakeSteadfast()
    ctx = contextFor(fake.url, creds)
    sf = adapterFor('steadfast', ctx)
  })
  afterAll(() => fake.close())

  it('books one parcel: keys in headers, phone as 01…, COD in taka; every call paced by beforeCall', async () => {
    const before = fake.calls.length
    const booked = await sf.book(booking('SF-1001', { note: 'Call before' }))
    expect(booked).toMatchObject({ invoice: 'SF-1001', rawStatus: 'in_review', status: 'booked' })
    expect(booked.consignmentId).toMatch(/^\d+$/)
    expect(booked.trackingCode).toMatch(/^[A-Z0-9]{8}$/)
    const call = fake.calls.at(-1)!
    expect(call.headers['api-key']).toBe('sf-api-key')
    expect(call.headers['secret-key']).toBe('sf-secret-key')
    expect(call.body).toMatchObject({ invoice: 'SF-1001', recipient_phone: '01712345678', cod_amount: 1060.5, note: 'Call before' })
    expect(ctx.beforeCalls).toBe(fake.calls.length - before)
  })

  it('refuses a phone that is not a BD mobile before any call', async () => {
    const before = fake.calls.length
    const e = await rejection(sf.book(booking('SF-1002', {}, { phone: '+1 555 0100' })))
    expect(e.code).toBe('validation')
    expect(e.fieldErrors[0].path).toBe('recipient_phone')
    expect(fake.calls.length).toBe(before)
  })

  it('reads body status under HTTP 200: {status: 400, errors} → validation with field errors; a taken invoice → duplicate', async () => {
    const invalid = await rejection(sf.book(booking('SF-1003', {}, { address: '' })))
    expect(invalid).toMatchObject({ code: 'validation', httpStatus: 200 })
    expect(invalid.fieldErrors).toEqual([{ path: 'recipient_address', message: 'The recipient address field is required.' }])
    const dup = await rejection(sf.book(booking('SF-1001')))
    expect(dup.code).toBe('duplicate')
    expect(dup.fieldErrors[0]).toEqual({ path: 'invoice', message: 'The invoice has already been taken.' })
  })

  it('books more than 500 in chunks of 500 (data as a JSON string), with a result per order', async () => {
    const inputs = Array.from({ length: 1002 }, (_, i) => booking(`SF-B${i}`))
    inputs[7] = booking('SF-B7', {}, { phone: '12345' }) // refused here, never sent
    inputs[8] = booking('SF-1001') // taken: Steadfast answers this row "error"
    const before = fake.calls.length
    const results = await sf.bookMany(inputs)
    const sent = fake.calls.slice(before)
    expect(sent.map((c) => c.path)).toEqual(['/create_order/bulk-order', '/create_order/bulk-order', '/create_order/bulk-order'])
    expect(sent.map((c) => (JSON.parse((c.body as { data: string }).data) as unknown[]).length)).toEqual([500, 500, 1])
    expect(results.map((r) => r.invoice)).toEqual(inputs.map((i) => i.invoice))
    expect(results.filter((r) => r.ok)).toHaveLength(1000)
    const [phone, taken] = [results[7], results[8]]
    expect(!phone.ok && phone.error.fieldErrors[0].path).toBe('recipient_phone')
    expect(taken.ok).toBe(false)
    const ok = results[1001]
    expect(ok.ok && ok.booked.consignmentId).toBe(String(fake.consignment('SF-B1001')!.consignment_id))
  })

  it('reads the variants seen in the wild: bulk wrapped in {data: [...]}, HTTP 200 with body status 404, HTTP 422 validation', async () => {
    const wrapped = await startFakeSteadfast({ bulkWrapped: true, notFoundHttpStatus: 200, validationHttpStatus: 422 })
    try {
      const other = adapterFor('steadfast', contextFor(wrapped.url, creds))
      const results = await other.bookMany([booking('W-1'), booking('W-2')])
      expect(results.every((r) => r.ok && r.booked.trackingCode)).toBe(true)
      expect(await other.findByInvoice('NO-SUCH')).toBeNull()
      expect(await rejection(other.book(booking('W-1')))).toMatchObject({ code: 'duplicate', httpStatus: 422 })
    } finally {
      await wrapped.close()
    }
  })

  it('looks statuses up by consignment id, tracking code or invoice; findByInvoice gives the status without ids, or null', async () => {
    const c = fake.consignment('SF-1001')!
    c.status = 'hold'
    expect(await sf.status({ consignmentId: String(c.consignment_id) })).toEqual({ rawStatus: 'hold', status: 'on_hold' })
    expect((await sf.status({ trackingCode: c.tracking_code })).status).toBe('on_hold')
    expect((await sf.status({ invoice: 'SF-1001' })).rawStatus).toBe('hold')
    expect(await sf.findByInvoice('SF-1001')).toEqual({ invoice: 'SF-1001', consignmentId: null, trackingCode: null, rawStatus: 'hold', status: 'on_hold' })
    expect(await sf.findByInvoice('NO-SUCH')).toBeNull()
    expect((await rejection(sf.status({ consignmentId: '1' }))).code).toBe('not_found')
  })

  it('has no quote, cancel or location API (unsupported) and no stores', async () => {
    expect(sf.quotes).toBe(false)
    expect((await rejection(sf.quote({ recipient: booking('x').recipient, codAmount: 0, weightGrams: 500 }))).code).toBe('unsupported')
    const cancel = await rejection(sf.cancel({ invoice: 'SF-1001' }, 'customer changed mind'))
    expect(cancel).toMatchObject({ code: 'unsupported', message: 'Steadfast has no cancel API; cancel it in the Steadfast panel' })
    expect((await rejection(sf.locations('city'))).code).toBe('unsupported')
    expect(await sf.stores()).toEqual([])
  })

  it('lists payouts from GET /payments and details one with its consignments, in minor units', async () => {
    const a = await sf.book(booking('SF-P1', { codAmount: 150000 }))
    const b = await sf.book(booking('SF-P2', { codAmount: 80000 }))
    fake.setWebhook('http://127.0.0.1:9/closed', 'unused', { retries: 0 })
    await fake.deliver(a.consignmentId!)
    await fake.deliver(b.consignmentId!, 500) // partial: 500 of 800 taka
    const p = fake.createPayout([a.consignmentId!, b.consignmentId!])
    expect(sf.payoutsApi).toBe(true)
    const list = await sf.payouts()
    expect(list).toEqual([{ id: String(p.id), amount: Math.round(p.amount * 100), status: 'paid', createdAt: new Date(p.created_at) }])
    const detail = await sf.payout(String(p.id))
    expect(detail.items).toEqual([
      { consignmentId: a.consignmentId, invoice: 'SF-P1', trackingCode: a.trackingCode, collected: 150000, deliveryFee: 6000, codFee: 1500 },
      { consignmentId: b.consignmentId, invoice: 'SF-P2', trackingCode: b.trackingCode, collected: 50000, deliveryFee: 6000, codFee: 500 },
    ])
  })

  it('maps wrong keys to bad_credentials and missing ones to validation without a call', async () => {
    const wrong = await rejection(adapterFor('steadfast', contextFor(fake.url, { apiKey: 'sf-api-key', secretKey: 'nope' })).book(booking('SF-X1')))
    expect(wrong).toMatchObject({ code: 'bad_credentials', httpStatus: 401 })
    expect(wrong.message).toMatch(/Unauthenticated/)
    const before = fake.calls.length
    const missing = await rejection(adapterFor('steadfast', contextFor(fake.url, { apiKey: 'k' })).book(booking('SF-X2')))
    expect(missing.fieldErrors.map((f) => f.path)).toEqual(['secretKey'])
    expect(fake.calls.length).toBe(before)
  })

  it('maps 429 → rate_limited with Retry-After, 5xx and a courier that is down → unavailable (retryable)', async () => {
    fake.rateLimitBurst(1)
    const limited = await rejection(sf.status({ invoice: 'SF-1001' }))
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000, retryable: true })
    fake.failNext(1, { status: 502, body: { message: 'Bad Gateway' } })
    expect(await rejection(sf.status({ invoice: 'SF-1001' }))).toMatchObject({ code: 'unavailable', httpStatus: 502 })
    await fake.down()
    expect(await rejection(sf.status({ invoice: 'SF-1001' }))).toMatchObject({ code: 'unavailable', httpStatus: 0, retryable: true })
    await fake.down('503')
    expect(await rejection(sf.status({ invoice: 'SF-1001' }))).toMatchObject({ code: 'unavailable', httpStatus: 503 })
    await fake.up()
    expect((await sf.status({ invoice: 'SF-1001' })).rawStatus).toBe('hold')
  })

  it('gives up after ctx.timeoutMs (unavailable) and makes no call when beforeCall refuses', async () => {
    const slow = await startWebhookReceiver(async () => {
      await new Promise((r) => setTimeout(r, 1000))
      return { status: 200, body: { status: 200, delivery_status: 'pending' } }
    })
    try {
      const e = await rejection(adapterFor('steadfast', contextFor(slow.url, creds, { timeoutMs: 100 })).status({ invoice: 'A' }))
      expect(e.code).toBe('unavailable')
      expect(e.message).toMatch(/within 100 ms/)
    } finally {
      await slow.close()
    }
    const before = fake.calls.length
    const paced = contextFor(fake.url, creds, {
      pace: async () => {
        throw new CourierError('steadfast', 'rate_limited', 'paced')
      },
    })
    expect((await rejection(adapterFor('steadfast', paced).status({ invoice: 'SF-1001' }))).message).toBe('paced')
    expect(fake.calls.length).toBe(before)
  })

  it('receives its webhooks: Bearer auth, statuses, collected amounts in minor units, Dhaka times, the expected reply', async () => {
    const receiver = await receiverFor(sf, 'sf-hook-secret', { failFirst: 1 })
    try {
      fake.setWebhook(receiver.url, 'sf-hook-secret', { retryDelayMs: 10 })
      const c = fake.consignment('SF-1001')!
      const held = await fake.advance('SF-1001', 'hold')
      expect(held.attempts.map((a) => a.status)).toEqual([500, 200]) // the courier retried a 5xx
      expect(JSON.parse(held.attempts[1].body)).toEqual({ status: 'success', message: 'Webhook received successfully.' })
      await fake.track('SF-1001', 'Package arrived at the sorting center.')
      await fake.deliver('SF-1001', 900)
      await fake.track('SF-1001', 'Amount has been changed from 900 to 850')
      expect(receiver.events.map((e) => [e.kind, e.rawStatus, e.status, e.collected ?? null])).toEqual([
        ['status', 'hold', 'on_hold', 0],
        ['tracking', null, 'in_transit', null],
        ['status', 'partial_delivered', 'partially_delivered', 90000],
        ['tracking', null, null, 85000],
      ])
      expect(receiver.events[2]).toMatchObject({ consignmentId: String(c.consignment_id), invoice: 'SF-1001', trackingCode: c.tracking_code, deliveryFee: 6000 })
      expect(Math.abs(receiver.events[2].at.getTime() - Date.now())).toBeLessThan(5000) // Dhaka wall time read as UTC+6
      fake.setWebhook(receiver.url, 'wrong-secret', { retryDelayMs: 10 })
      const refused = await fake.advance('SF-1001', 'delivered')
      expect(refused.attempts.map((a) => a.status)).toEqual([401]) // a 4xx is not retried
    } finally {
      await receiver.close()
    }
  })

  it('authenticates only the exact Bearer secret, dedupes by content, refuses malformed bodies', () => {
    const req = (authorization?: string): WebhookRequest => ({ headers: authorization ? { authorization } : {}, query: new URLSearchParams(), body: {} })
    expect(sf.authenticate(req('Bearer s3cret'), 's3cret')).toBe(true)
    expect(sf.authenticate(req('Bearer s3cret2'), 's3cret')).toBe(false)
    expect(sf.authenticate(req('s3cret'), 's3cret')).toBe(false)
    expect(sf.authenticate(req(), 's3cret')).toBe(false)
    const body = {
      notification_type: 'delivery_status',
      consignment_id: 12345,
      invoice: null,
      cod_amount: 1500.0,
      status: 'delivered',
      delivery_charge: 100.0,
      tracking_message: 'Delivered',
      updated_at: '2025-03-02 12:45:30',
    }
    const [event] = sf.parseWebhook(body)
    expect(event).toMatchObject({ kind: 'status', consignmentId: '12345', invoice: null, status: 'delivered', collected: 150000, deliveryFee: 10000 })
    expect(event.at.toISOString()).toBe('2025-03-02T06:45:30.000Z')
    expect(sf.parseWebhook({ ...body }).map((e) => e.key)).toEqual([event.key])
    expect(sf.parseWebhook({ ...body, status: 'partial_delivered' })[0].key).not.toBe(event.key)
    for (const bad of ['text', [], { notification_type: 'other', consignment_id: 1 }, { notification_type: 'delivery_status', status: 'delivered' }, { ...body, updated_at: 'yesterday' }]) {
      expect(thrown(() => sf.parseWebhook(bad)).code).toBe('validation')
    }
  })
})
