import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adapterFor, PATHAO_ECHO_HEADER, PATHAO_FIXED_HANDSHAKE_SECRET, type CourierAdapter, type WebhookRequest } from '../../plugins/couriers'
import { startFakePathao, type FakePathao } from '../fakes/couriers'
import { booking, contextFor, receiverFor, rejection, thrown, type TestContext } from '../fakes/couriers/harness'

/** The Pathao adapter against the fake Pathao over real HTTP (integrations.md §3.2, §8.3). */

const creds = { clientId: 'pathao-client', clientSecret: 'pathao-client-secret', username: 'shop@example.com', password: 'lovePathao' }
const dhaka = { cityId: 1, zoneId: 298 }

describe('Pathao adapter against the fake', () => {
  let fake: FakePathao
  let ctx: TestContext
  let pathao: CourierAdapter
  const apiCalls = () => fake.calls.filter((c) => c.path !== '/issue-token')

  beforeAll(async () => {
    fake = await startFakePathao({ storesPerPage: 2, bulkDelayMs: null, perMinute: null, pricePlan: { discount: 10, promo_discount: 5, additional_charge: 3 } })
    ctx = contextFor(fake.url, creds)
    pathao = adapterFor('pathao', ctx)
  })
  afterAll(() => fake.close())

  it('issues a token with the password grant once, then calls with Bearer; reads every page of stores', async () => {
    const stores = await pathao.stores()
    expect(fake.grants).toEqual([{ grant_type: 'password', ok: true }])
    expect(fake.calls[0].body).toMatchObject({ client_id: 'pathao-client', grant_type: 'password', username: 'shop@example.com', password: 'lovePathao' })
    expect(apiCalls().map((c) => `${c.path}?${c.query.toString()}`)).toEqual(['/stores?page=1', '/stores?page=2'])
    expect(apiCalls()[0].headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/)
    expect(stores).toEqual([
      { id: '130001', name: 'Main warehouse', address: 'House 130001, Road 7, Gulshan 1, Dhaka', active: true, isDefault: true },
      { id: '130002', name: 'Dhanmondi shop', address: 'House 130002, Road 7, Gulshan 1, Dhaka', active: true, isDefault: false },
      { id: '130003', name: 'Old store', address: 'House 130003, Road 7, Gulshan 1, Dhaka', active: false, isDefault: false },
    ])
  })

  it('lists cities, zones of a city and areas of a zone, cached: the second ask makes no request', async () => {
    const cities = await pathao.locations('city')
    expect(cities).toEqual([
      { id: 1, name: 'Dhaka', kind: 'city' },
      { id: 2, name: 'Chittagong', kind: 'city' },
    ])
    expect((await pathao.locations('zone', 1)).map((z) => z.name)).toEqual(['Gulshan', 'Dhanmondi'])
    expect(await pathao.locations('area', 298)).toEqual([
      { id: 3069, name: 'Gulshan 1', kind: 'area', parentId: 298 },
      { id: 3070, name: 'Gulshan 2', kind: 'area', parentId: 298 },
    ])
    const before = fake.calls.length
    expect(await pathao.locations('city')).toEqual(cities)
    expect(await pathao.locations('area', 298)).toHaveLength(2)
    expect(fake.calls.length).toBe(before)
    expect((await rejection(pathao.locations('zone'))).code).toBe('validation')
  })

  it('quotes from the price plan: fee = price − discount − promo + additional, COD fee = cod_percentage of the COD', async () => {
    const quote = await pathao.quote({ recipient: { ...booking('q').recipient, ...dhaka }, codAmount: 150000, weightGrams: 1200, storeId: '130001' })
    // price 60 + 15 (2nd kg) = 75 − 10 − 5 + 3 = 63 taka; COD 1 % of 1 500 taka = 15 taka.
    expect(quote).toEqual({ deliveryFee: 6300, codFee: 1500, total: 7800 })
    expect(apiCalls().at(-1)!.body).toEqual({ store_id: 130001, item_type: 2, delivery_type: 48, item_weight: 1.2, recipient_city: 1, recipient_zone: 298 })
    const before = fake.calls.length
    const missing = await rejection(pathao.quote({ recipient: booking('q').recipient, codAmount: 0, weightGrams: 500, storeId: '130001' }))
    expect(missing.fieldErrors.map((f) => f.path)).toEqual(['recipient_city', 'recipient_zone'])
    expect(fake.calls.length).toBe(before)
  })

  it('books one order: whole taka, kg clamped to 0.5–10, no null city/zone sent; the fee in minor units', async () => {
    const booked = await pathao.book(booking('PA-1', { storeId: '130001', codAmount: 125050, weightGrams: 200, note: 'Fragile' }))
    expect(booked).toMatchObject({ invoice: 'PA-1', rawStatus: 'pending', status: 'booked', deliveryFee: 4800 })
    expect(booked.consignmentId).toMatch(/^DL\d{6}[A-Z0-9]{6}$/)
    expect(booked.trackingCode).toBe(booked.consignmentId)
    const body = apiCalls().at(-1)!.body as Record<string, unknown>
    expect(body).toMatchObject({ store_id: 130001, merchant_order_id: 'PA-1', recipient_phone: '01712345678', amount_to_collect: 1251, item_weight: 0.5, item_quantity: 1, special_instruction: 'Fragile' })
    expect(Object.keys(body)).not.toContain('recipient_city')
    await pathao.book(booking('PA-2', { storeId: '130001', weightGrams: 25_000 }, dhaka))
    expect(apiCalls().at(-1)!.body).toMatchObject({ item_weight: 10, recipient_city: 1, recipient_zone: 298 })
  })

  it('maps 422 to validation with Pathao’s field names; a missing store or a bad phone is refused before any call', async () => {
    const e = await rejection(pathao.book(booking('PA-3', { storeId: '130001' }, { address: 'Dhaka' })))
    expect(e).toMatchObject({ code: 'validation', httpStatus: 422 })
    expect(e.fieldErrors).toEqual([{ path: 'recipient_address', message: 'The recipient address must be between 10 and 220 characters.' }])
    const before = fake.calls.length
    expect((await rejection(pathao.book(booking('PA-4')))).fieldErrors[0].path).toBe('store_id')
    expect((await rejection(pathao.book(booking('PA-5', { storeId: '130001' }, { phone: '02-9123456' })))).fieldErrors[0].path).toBe('recipient_phone')
    expect(fake.calls.length).toBe(before)
  })

  it('bulk-books as Pathao does: 202 → every order pending without ids, which arrive by order.created webhooks', async () => {
    const receiver = await receiverFor(pathao, 'pathao-hook-secret')
    try {
      fake.setWebhook(receiver.url, 'pathao-hook-secret')
      const results = await pathao.bookMany([booking('PB-1', { storeId: '130001' }), booking('PB-2', { storeId: '130002' }, { phone: 'nope' }), booking('PB-3', { storeId: '130001' })])
      expect(results.map((r) => (r.ok ? [r.invoice, r.booked.pending, r.booked.consignmentId] : [r.invoice, r.error.code]))).toEqual([
        ['PB-1', true, null],
        ['PB-2', 'validation'],
        ['PB-3', true, null],
      ])
      expect(fake.state.orders.size).toBe(2) // PA-1, PA-2: nothing created yet
      const deliveries = await fake.flushBulk()
      expect(deliveries.every((d) => d.status === 200 && d.echoOk)).toBe(true)
      const created = receiver.events.map((e) => [e.kind, e.rawStatus, e.status, e.invoice, e.consignmentId])
      expect(created).toEqual([
        ['status', 'created', 'booked', 'PB-1', fake.order('PB-1')!.consignment_id],
        ['status', 'created', 'booked', 'PB-3', fake.order('PB-3')!.consignment_id],
      ])
      expect(receiver.events[0].deliveryFee).toBe(6300)
    } finally {
      await receiver.close()
    }
  })

  it('a bulk refused by 422 fails every order, each with its own field errors', async () => {
    const results = await pathao.bookMany([booking('PC-1', { storeId: '130001' }), booking('PC-2', { storeId: '130001' }, { address: 'short' })])
    expect(results.map((r) => !r.ok && r.error.fieldErrors.map((f) => f.path))).toEqual([[], ['recipient_address']])
  })

  it('reads status by consignment id; Pathao cannot find by invoice, cancel or list payouts', async () => {
    const cid = fake.order('PA-1')!.consignment_id
    expect(await pathao.status({ consignmentId: cid })).toMatchObject({ rawStatus: 'pending', status: 'booked', settlementRef: null })
    fake.order('PA-1')!.slug = 'at-the-sorting-hub'
    expect((await pathao.status({ consignmentId: cid })).status).toBe('in_transit')
    expect((await rejection(pathao.status({ invoice: 'PA-1' }))).code).toBe('not_found')
    expect(await pathao.findByInvoice('PA-1')).toBeNull()
    expect((await rejection(pathao.cancel({ consignmentId: cid }, 'x'))).message).toMatch(/Pathao merchant panel/)
    expect(pathao.payoutsApi).toBe(false)
    expect((await rejection(pathao.payouts())).code).toBe('unsupported')
  })

  it('renews an expired token transparently: 401 → refresh grant → the call retried once', async () => {
    fake.expireTokens()
    const before = apiCalls().length
    expect((await pathao.stores()).length).toBe(3)
    expect(fake.grants.at(-1)).toEqual({ grant_type: 'refresh_token', ok: true })
    expect(apiCalls().length - before).toBe(3) // /stores page 1 (401), then pages 1 and 2
  })

  it('refreshes ahead of expiry (within an hour), and falls back to the password when the refresh is refused', async () => {
    fake.setTokenTtl(1800)
    fake.expireTokens()
    await pathao.locations('zone', 2) // 401 → refresh → a token that lives 30 min
    const grants = fake.grants.length
    await pathao.status({ consignmentId: fake.order('PA-1')!.consignment_id })
    expect(fake.grants.slice(grants)).toEqual([{ grant_type: 'refresh_token', ok: true }]) // before the call, no 401
    fake.setTokenTtl(432000)
    const cached = ctx.cache.entries.get('token')!.value as { refreshToken: string }
    cached.refreshToken = 'revoked'
    fake.expireTokens()
    await pathao.locations('zone', 99)
    expect(fake.grants.slice(-2)).toEqual([
      { grant_type: 'refresh_token', ok: false },
      { grant_type: 'password', ok: true },
    ])
  })

  it('maps a wrong password to bad_credentials, 429 (no Retry-After) to rate_limited, down to unavailable', async () => {
    const wrong = await rejection(adapterFor('pathao', contextFor(fake.url, { ...creds, password: 'nope' })).stores())
    expect(wrong).toMatchObject({ code: 'bad_credentials', httpStatus: 400 })
    fake.rateLimitBurst(1)
    expect(await rejection(pathao.locations('zone', 3))).toMatchObject({ code: 'rate_limited', httpStatus: 429, retryAfterMs: undefined })
    await fake.down()
    expect((await rejection(pathao.locations('zone', 3))).code).toBe('unavailable')
    await fake.up()
    expect(await pathao.locations('zone', 3)).toEqual([])
  })

  it('counts calls against a per-minute limit (429 beyond it)', async () => {
    const limited = await startFakePathao({ perMinute: 2 })
    try {
      const p = adapterFor('pathao', contextFor(limited.url, creds))
      await p.locations('city') // issue-token + city-list
      expect((await rejection(p.locations('zone', 1))).code).toBe('rate_limited')
    } finally {
      await limited.close()
    }
  })

  it('receives webhooks: signature header, handshake 202 with the echo header (merchant secret or the fixed value), payouts, deliveries', async () => {
    const merchant = await receiverFor(pathao, 'pathao-hook-secret')
    const fixed = await receiverFor(pathao, 'pathao-hook-secret', { handshakeSecret: PATHAO_FIXED_HANDSHAKE_SECRET })
    try {
      fake.setWebhook(merchant.url, 'pathao-hook-secret')
      expect(await fake.handshake()).toMatchObject({ status: 202, echoed: 'pathao-hook-secret' })
      fake.setWebhook(fixed.url, 'pathao-hook-secret', { handshakeSecret: PATHAO_FIXED_HANDSHAKE_SECRET })
      const h = await fake.handshake()
      expect(h).toMatchObject({ status: 202, echoed: PATHAO_FIXED_HANDSHAKE_SECRET })
      expect(h.delivery.echoOk).toBe(true)
      expect(fixed.events[0]).toMatchObject({ kind: 'handshake', consignmentId: null })
      fake.setWebhook(merchant.url, 'pathao-hook-secret')
      const cid = fake.order('PA-1')!.consignment_id
      const delivered = await fake.deliver('PA-1', 1000)
      expect([delivered.status, delivered.echoOk]).toEqual([200, true])
      await fake.pay('PA-1', 'INV-7781')
      expect(merchant.events.slice(-2).map((e) => [e.kind, e.rawStatus, e.status, e.collected ?? null, e.settlementRef ?? null, e.consignmentId])).toEqual([
        ['status', 'partial-delivery', 'partially_delivered', 100000, null, cid],
        ['payout', 'paid', null, null, 'INV-7781', cid],
      ])
      fake.setWebhook(merchant.url, 'wrong')
      const refused = await fake.advance('PA-1', 'returned')
      expect([refused.status, refused.attempts.length, refused.echoOk]).toEqual([401, 1, false])
    } finally {
      await merchant.close()
      await fixed.close()
    }
  })

  it('parses each body shape, dedupes by (event, id, time), refuses malformed bodies', () => {
    const req = (sig?: string): WebhookRequest => ({ headers: sig ? { 'x-pathao-signature': sig } : {}, query: new URLSearchParams(), body: {} })
    expect(pathao.authenticate(req('s'), 's')).toBe(true)
    expect(pathao.authenticate(req('S'), 's')).toBe(false)
    expect(pathao.authenticate(req(), 's')).toBe(false)
    const body = { event: 'order.delivered', consignment_id: 'DL1', merchant_order_id: 'A1', store_id: 1, updated_at: '2025-01-05 18:00:00', timestamp: '2025-01-05T12:00:00.000Z', collected_amount: 1200 }
    const [e] = pathao.parseWebhook(body)
    expect(e).toMatchObject({ kind: 'status', status: 'delivered', collected: 120000, invoice: 'A1' })
    expect(e.at.toISOString()).toBe('2025-01-05T12:00:00.000Z')
    expect(pathao.parseWebhook({ ...body })[0].key).toBe(e.key)
    expect(pathao.parseWebhook({ ...body, event: 'order.returned' })[0].key).not.toBe(e.key)
    expect(pathao.parseWebhook({ event: 'store.updated', store_id: 9, store_name: 'X', updated_at: '2025-01-05 18:00:00' })[0].kind).toBe('store')
    expect(pathao.parseWebhook({ event: 'merchant.something' })).toEqual([])
    for (const bad of [null, 'x', {}, { event: 'order.delivered' }]) expect(thrown(() => pathao.parseWebhook(bad)).code).toBe('validation')
    expect(pathao.reply([e], 'secret')).toEqual({ status: 200, headers: { [PATHAO_ECHO_HEADER]: 'secret' }, body: { message: 'ok' } })
  })
})
