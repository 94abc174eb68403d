import { parse } from 'csv-parse/sync'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Shipment, User } from '../../payload-types'
import { decimal } from '../../plugins/couriers'
import { flagsOf, type LedgerFacts } from '../../plugins/couriers'
import { sheetColumns, sheetDate, takaToMinor } from '../../plugins/couriers'
import { startFakeSteadfast, type FakeSteadfast } from '../fakes/couriers'
import { api, apiRaw, login, rawApi, route, testClientIp } from './helpers/api'
import { courierAccount, courierShop, daysFromNow, payoutsOf, readShipment, shipmentOf, type CourierShop } from './helpers/couriers-world'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload } from './helpers/payload'

/**
 * Cash on delivery (plugins/couriers/reconcile, jobs/payouts.ts): Steadfast payouts read from
 * its API (the fake), Pathao's `order.paid`, a payout sheet imported as CSV, a tenant-admin's
 * "mark settled", the reconciliation with its flags, totals and CSV — and that no shop ever
 * reads or settles another's parcels.
 */

const facts = (over: Partial<LedgerFacts> = {}): LedgerFacts => ({
  status: 'delivered',
  paymentMethod: 'cod',
  codExpected: 100_000,
  codCollected: 100_000,
  deliveryFee: 6_000,
  codFee: 1_000,
  settlementRef: 'P1',
  settledAmount: 93_000,
  settlementCount: 1,
  deliveredAt: new Date('2025-01-01T00:00:00Z'),
  payoutListedCollected: false,
  ...over,
})

describe('reconciliation rules, on their own (flags.ts, sheet.ts, csv.ts)', () => {
  const now = new Date('2025-01-20T00:00:00Z')
  const opts = { settleAfterDays: 7, now }

  it('flags each discrepancy and nothing on a parcel paid in full', () => {
    expect(flagsOf(facts(), opts)).toEqual([])
    expect(flagsOf(facts({ codCollected: 80_000, settledAmount: 73_000 }), opts)).toEqual(['short_paid'])
    expect(flagsOf(facts({ status: 'partially_delivered', codCollected: 60_000, settledAmount: 53_000 }), opts)).toEqual(['short_paid'])
    expect(flagsOf(facts({ settledAmount: 90_000 }), opts)).toEqual(['short_paid'])
    expect(flagsOf(facts({ settlementRef: null, settledAmount: null, deliveredAt: new Date('2025-01-10T00:00:00Z') }), opts)).toEqual(['not_settled'])
    expect(flagsOf(facts({ settlementRef: null, settledAmount: null, deliveredAt: new Date('2025-01-15T00:00:00Z') }), opts)).toEqual([])
    expect(flagsOf(facts({ settlementRef: null, settledAmount: null, deliveredAt: new Date('2025-01-15T00:00:00Z') }), { settleAfterDays: 3, now })).toEqual(['not_settled'])
    expect(flagsOf(facts({ settlementCount: 2, settledAmount: 186_000 }), opts)).toEqual(['settled_twice'])
    expect(flagsOf(facts({ status: 'returned', codCollected: 0, codFee: 500, settlementRef: null, settledAmount: null }), opts)).toEqual(['returned_but_charged'])
    expect(flagsOf(facts({ status: 'cancelled', codCollected: 0, codFee: 0, deliveryFee: 0, settlementRef: null, settledAmount: null, payoutListedCollected: true }), opts)).toEqual(['returned_but_charged'])
    expect(flagsOf(facts({ status: 'returned', codCollected: 0, codFee: 0, settlementRef: null, settledAmount: null }), opts)).toEqual([])
    expect(flagsOf(facts({ paymentMethod: 'prepaid', codExpected: 0, codCollected: null, settlementRef: null, settledAmount: null }), opts)).toEqual([])
  })

  it('reads payout sheets as couriers write them', () => {
    expect(sheetColumns(['Tracking ID', 'Merchant Invoice ID', 'Cash Collection', 'Delivery Charge', 'COD Charge', 'Payout ID', 'Date'])).toEqual({
      trackingCode: 'Tracking ID',
      invoice: 'Merchant Invoice ID',
      collected: 'Cash Collection',
      deliveryFee: 'Delivery Charge',
      codFee: 'COD Charge',
      reference: 'Payout ID',
      date: 'Date',
    })
    expect(sheetColumns(['tracking_id', 'invoice', 'COD', 'charge', 'Invoice No', 'paid_at'])).toMatchObject({
      trackingCode: 'tracking_id',
      invoice: 'invoice',
      collected: 'COD',
      deliveryFee: 'charge',
      reference: 'Invoice No',
      date: 'paid_at',
    })
    expect([takaToMinor('1,250.50'), takaToMinor('৳ 1250'), takaToMinor('Tk 60'), takaToMinor('9.5'), takaToMinor(''), takaToMinor('12,5x'), takaToMinor('-5')]).toEqual([
      125_050,
      125_000,
      6_000,
      950,
      null,
      undefined,
      undefined,
    ])
    expect(sheetDate('2025-01-31')?.toISOString()).toBe('2025-01-30T18:00:00.000Z')
    expect(sheetDate('31/01/2025')?.toISOString()).toBe('2025-01-30T18:00:00.000Z')
    expect(sheetDate('31 Jan 2025')?.toISOString()).toBe('2025-01-30T18:00:00.000Z')
    expect(sheetDate('2025-01-31 14:05:09')?.toISOString()).toBe('2025-01-31T08:05:09.000Z')
    expect([sheetDate('31/02/2025'), sheetDate('2025-02-30'), sheetDate('yesterday')]).toEqual([undefined, undefined, undefined])
    expect([decimal(1250), decimal(5), decimal(0), decimal(-5), decimal(null)]).toEqual(['12.50', '0.05', '0.00', '-0.05', ''])
  })
})

describe('cash on delivery', () => {
  let payload: Payload
  let sf: FakeSteadfast
  let a: CourierShop
  let b: CourierShop
  let stranger: { admin: User; token: string }
  let operatorA: string
  const savedUrl = process.env.STEADFAST_URL

  beforeAll(async () => {
    payload = await freshPayload()
    sf = await startFakeSteadfast({
      accounts: [
        { apiKey: 'sf-api-key', secretKey: 'sf-secret-key' },
        { apiKey: 'sf-b-key', secretKey: 'sf-b-secret' },
      ],
    })
    process.env.STEADFAST_URL = sf.url
    a = await courierShop(payload, { settings: { couriers: { settleAfterDays: 3 } } })
    b = await courierShop(payload, { credentials: { apiKey: 'sf-b-key', secretKey: 'sf-b-secret' } })
    const strangerTenant = await createTenant(payload, { name: 'Just signed up' })
    const strangerAdmin = await createStaff(payload, strangerTenant, 'tenant-admin')
    stranger = { admin: strangerAdmin, token: await login(strangerAdmin.email, PASSWORD) }
    operatorA = await login((await createStaff(payload, a.tenant, 'sales-operator')).email, PASSWORD)
  })
  afterAll(async () => {
    process.env.STEADFAST_URL = savedUrl
    await sf.close()
  })

  /** Book orders of `shop` through the app (POST /api/shipments/book, the booking job against the fake). */
  async function book(shop: CourierShop, count: number): Promise<Shipment[]> {
    const { orderOf } = await import('./helpers/couriers-world')
    const orders = await Promise.all(Array.from({ length: count }, () => orderOf(payload, shop)))
    const res = await api('POST', '/shipments/book', { token: shop.token, body: { account: shop.account.id, orders: orders.map((o) => o.id) } })
    expect(res.status).toBe(202)
    await drainQueue(payload)
    const ids = (res.body.accepted as { shipment: string }[]).map((x) => x.shipment)
    const shipments = await Promise.all(ids.map((id) => readShipment(payload, id)))
    for (const s of shipments) expect(s).toMatchObject({ bookingState: 'booked', consignmentId: expect.any(String) })
    return shipments
  }

  /** The courier delivers a parcel (the fake's state) and the shop hears of it by asking (POST …/refresh). */
  async function delivered(shop: CourierShop, shipment: Shipment, collectedTaka: number) {
    const c = sf.consignment(Number(shipment.consignmentId))!
    c.collected = collectedTaka
    c.status = 'delivered'
    const res = await api('POST', `/shipments/${shipment.id}/refresh`, { token: shop.token })
    expect(res.status).toBe(200)
    expect(res.body.doc.status).toBe('delivered')
  }

  it('reads Steadfast payouts from its API: parcels settled once, a second sync adds nothing, another shop’s parcel stays unmatched', async () => {
    const [s1, s2, s3] = await book(a, 3)
    const [sb] = await book(b, 1)
    await delivered(a, s1, 1060.5)
    await delivered(a, s2, 1000)
    await delivered(b, sb, 500)
    const payment = sf.createPayout([Number(s1.consignmentId), Number(s2.consignmentId), Number(sb.consignmentId)])

    const first = await api('POST', `/couriers/${a.account.id}/payouts/sync`, { token: a.token })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ payouts: 1, settled: 2, skipped: 0, unmatched: [expect.objectContaining({ payout: String(payment.id), consignmentId: sb.consignmentId, collected: 50_000 })] })
    expect(await readShipment(payload, s1.id)).toMatchObject({
      settlementRef: String(payment.id),
      codCollected: 106_050,
      deliveryFee: 6_000,
      codFee: 1_061,
      settledAmount: 106_050 - 6_000 - 1_061,
      settlementCount: 1,
    })
    expect(await readShipment(payload, s2.id)).toMatchObject({ settlementRef: String(payment.id), settledAmount: 100_000 - 6_000 - 1_000 })
    expect((await readShipment(payload, s3.id)).settlementRef ?? null).toBeNull()
    expect((await readShipment(payload, sb.id)).settlementRef ?? null).toBeNull()
    const [record] = await payoutsOf(payload, a.tenant)
    expect(record).toMatchObject({ reference: String(payment.id), source: 'api', provider: 'steadfast', status: 'paid', amount: Math.round(payment.amount * 100), currency: 'BDT' })
    // The payout's record lists all three parcels it paid for; the other shop's without a shipment.
    expect(record.items!.map((i) => i.shipment ?? null)).toEqual([s1.id, s2.id, null])

    const again = await api('POST', `/couriers/${a.account.id}/payouts/sync`, { token: a.token })
    expect(again.body).toEqual({ payouts: 0, settled: 0, skipped: 1, unmatched: [] })
    expect(await payoutsOf(payload, a.tenant)).toHaveLength(1)
    expect((await readShipment(payload, s1.id)).settlementCount).toBe(1)

    // The hourly fan-out queues a sync per shop; each shop's sync settles only its own account's parcels.
    await delivered(a, s3, 1000)
    const second = sf.createPayout([Number(s3.consignmentId)])
    await payload.jobs.queue({ task: 'courierQueuePayoutSyncs' as never, input: {} as never })
    await drainQueue(payload)
    expect(await readShipment(payload, s3.id)).toMatchObject({ settlementRef: String(second.id), settlementCount: 1 })
    expect(await readShipment(payload, sb.id)).toMatchObject({ settlementRef: String(payment.id), settledAmount: 50_000 - 6_000 - 500, settlementCount: 1 })
    for (const s of [s1, s2]) expect((await readShipment(payload, s.id)).settlementCount).toBe(1)
    const bPayouts = await payoutsOf(payload, b.tenant)
    expect(bPayouts.find((p) => p.reference === String(payment.id))!.items!.map((i) => i.shipment ?? null)).toEqual([sb.id, null, null])
    expect((await payoutsOf(payload, a.tenant)).map((p) => p.reference)).toEqual([String(payment.id), String(second.id)])
  })

  it('refuses the payout sync to other shops, other roles and couriers without a payout API', async () => {
    expect((await api('POST', `/couriers/${a.account.id}/payouts/sync`, { token: b.token })).status).toBe(404)
    expect((await api('POST', `/couriers/${a.account.id}/payouts/sync`, { token: stranger.token })).status).toBe(404)
    // A sales operator sees the shop's courier accounts (to book) but may not manage them.
    expect((await api('POST', `/couriers/${a.account.id}/payouts/sync`, { token: operatorA })).status).toBe(403)
    expect((await api('POST', `/couriers/${a.account.id}/payouts/sync`)).status).toBe(401)
    const redx = await courierAccount(payload, a.tenant, 'redx', { token: 'redx-token' })
    const res = await api('POST', `/couriers/${redx.id}/payouts/sync`, { token: a.token })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/import/)
  })

  it('settles a Pathao parcel from its order.paid webhook, each parcel of one invoice into one payout', async () => {
    const pathao = await courierAccount(payload, a.tenant, 'pathao', { clientId: 'c', clientSecret: 's', username: 'u@example.test', password: 'p' })
    const hook = await api('GET', `/couriers/${pathao.id}/webhook`, { token: a.token })
    expect(hook.status).toBe(200)
    const delivered = { status: 'delivered' as const, codCollected: 50_000, deliveryFee: 7_000, deliveredAt: daysFromNow(-1) }
    const p1 = await shipmentOf(payload, a, { ...delivered, consignmentId: 'DL121224VS8TTJ', trackingCode: 'DL121224VS8TTJ' }, pathao)
    const p2 = await shipmentOf(payload, a, { ...delivered, consignmentId: 'DL121224VS8TTK', trackingCode: 'DL121224VS8TTK' }, pathao)
    const paid = (s: Shipment) => ({
      event: 'order.paid',
      consignment_id: s.consignmentId,
      merchant_order_id: s.invoice,
      invoice_id: 'PINV-9001',
      updated_at: '2025-03-02 12:45:30',
      timestamp: '2025-03-02T06:45:30Z',
    })
    const send = (body: object) =>
      route(
        new Request(hook.body.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-pathao-signature': hook.body.secret, 'x-forwarded-for': testClientIp() }, body: JSON.stringify(body) }),
      )
    expect((await send(paid(p1))).status).toBe(200)
    await drainQueue(payload)
    expect(await readShipment(payload, p1.id)).toMatchObject({ settlementRef: 'PINV-9001', settledAmount: 43_000, settlementCount: 1 })
    expect((await send(paid(p2))).status).toBe(200)
    expect((await send(paid(p1))).status).toBe(200) // delivered twice: stored once
    await drainQueue(payload)
    const record = (await payoutsOf(payload, a.tenant)).find((p) => p.reference === 'PINV-9001')!
    expect(record).toMatchObject({ source: 'webhook', provider: 'pathao', amount: 86_000 })
    expect(record.items!.map((i) => i.shipment)).toEqual([p1.id, p2.id])
    expect((await readShipment(payload, p1.id)).settlementCount).toBe(1)
  })

  describe('the reconciliation', () => {
    let acct: Awaited<ReturnType<typeof courierAccount>>
    const rows: Record<string, Shipment> = {}
    const recon = (query: string, token = a.token) => api('GET', `/couriers/reconciliation?${query}`, { token })

    beforeAll(async () => {
      acct = await courierAccount(payload, a.tenant, 'redx', { token: 'redx-token' })
      const mk = (name: string, data: Parameters<typeof shipmentOf>[2]) => shipmentOf(payload, a, data, acct).then((s) => (rows[name] = s))
      const paid = { status: 'delivered' as const, codExpected: 100_000, codCollected: 100_000, deliveryFee: 6_000, codFee: 1_000 }
      await mk('clean', { ...paid, settlementRef: 'R1', settledAmount: 93_000, settlementCount: 1, settledAt: daysFromNow(-1), deliveredAt: daysFromNow(-9) })
      await mk('shortCollected', { ...paid, codCollected: 80_000, settlementRef: 'R1', settledAmount: 73_000, settlementCount: 1, deliveredAt: daysFromNow(-8) })
      await mk('shortPaid', { ...paid, settlementRef: 'R1', settledAmount: 90_000, settlementCount: 1, deliveredAt: daysFromNow(-7) })
      await mk('notSettled', { ...paid, deliveredAt: daysFromNow(-5) })
      await mk('recent', { ...paid, deliveredAt: daysFromNow(-2) })
      await mk('twice', { ...paid, settlementRef: 'R1', settledAmount: 186_000, settlementCount: 2, deliveredAt: daysFromNow(-6) })
      await mk('returnedFee', { status: 'returned', codExpected: 100_000, codCollected: 0, deliveryFee: 6_000, codFee: 1_000 })
      await mk('cancelledListed', { status: 'cancelled', codExpected: 50_000, codCollected: 0 })
      await mk('prepaid', { status: 'delivered', paymentMethod: 'prepaid', deliveryFee: 6_000, deliveredAt: daysFromNow(-10) })
      await mk('inTransit', { status: 'in_transit', codExpected: 70_000 })
      await mk('lastYear', { ...paid, deliveredAt: daysFromNow(-400), createdAt: daysFromNow(-401) })
      // A payout sheet listed the cancelled parcel as collected.
      await asSystem(() =>
        payload.create({
          collection: 'courier-payouts',
          data: {
            tenant: a.tenant.id,
            account: acct.id,
            provider: 'redx',
            reference: 'R-LISTED',
            amount: 45_000,
            currency: 'BDT',
            source: 'csv',
            items: [{ shipment: rows.cancelledListed.id, collected: 50_000, deliveryFee: 5_000 }],
          },
          overrideAccess: true,
        }),
      )
    })

    it('flags each parcel, flagged rows first, totals over the rows, the period on booking dates', async () => {
      const res = await recon(`account=${acct.id}`)
      expect(res.status).toBe(200)
      const flagsBy = Object.fromEntries(Object.entries(rows).map(([name, s]) => [name, res.body.rows.find((r: { shipment: string }) => r.shipment === s.id)?.flags]))
      expect(flagsBy).toEqual({
        clean: [],
        shortCollected: ['short_paid'],
        shortPaid: ['short_paid'],
        // settleAfterDays is 3 in this shop: five days is late, two is not.
        notSettled: ['not_settled'],
        recent: [],
        twice: ['settled_twice'],
        returnedFee: ['returned_but_charged'],
        cancelledListed: ['returned_but_charged'],
        prepaid: [],
        inTransit: [],
        lastYear: undefined,
      })
      const order = res.body.rows.map((r: { shipment: string }) => Object.keys(rows).find((k) => rows[k].id === r.shipment))
      expect(order).toEqual(['shortCollected', 'shortPaid', 'twice', 'notSettled', 'returnedFee', 'cancelledListed', 'prepaid', 'clean', 'recent', 'inTransit'])
      expect(res.body.rows[0]).toEqual({
        shipment: rows.shortCollected.id,
        order: expect.any(String),
        orderNumber: rows.shortCollected.invoice,
        provider: 'redx',
        account: acct.id,
        trackingCode: rows.shortCollected.trackingCode,
        consignmentId: rows.shortCollected.consignmentId,
        status: 'delivered',
        paymentMethod: 'cod',
        expected: 100_000,
        collected: 80_000,
        settled: 73_000,
        deliveryFee: 6_000,
        codFee: 1_000,
        settlementRef: 'R1',
        settledAt: null,
        deliveredAt: rows.shortCollected.deliveredAt,
        flags: ['short_paid'],
      })
      expect(res.body.currency).toBe('BDT')
      expect(res.body.totals).toEqual({
        shipments: 10,
        expected: 100_000 * 7 + 50_000 + 70_000,
        collected: 100_000 * 5 + 80_000,
        settled: 93_000 + 73_000 + 90_000 + 186_000,
        // Owed: the two unsettled deliveries (93 000 each) and the short payout's 3 000.
        outstanding: 93_000 * 2 + 3_000,
        deliveryFees: 6_000 * 8,
        codFees: 1_000 * 7,
        flagged: 6,
      })
      const flagged = await recon(`account=${acct.id}&flag=short_paid,returned_but_charged`)
      expect(flagged.body.rows.map((r: { shipment: string }) => r.shipment)).toEqual([rows.shortCollected.id, rows.shortPaid.id, rows.returnedFee.id, rows.cancelledListed.id])
      expect(flagged.body.totals).toMatchObject({ shipments: 4, flagged: 4 })
      const old = await recon(`account=${acct.id}&from=${daysFromNow(-402).slice(0, 10)}&to=${daysFromNow(-400).slice(0, 10)}`)
      expect(old.body.rows.map((r: { shipment: string }) => r.shipment)).toEqual([rows.lastYear.id])
    })

    it('answers the same rows as a CSV download, money in taka', async () => {
      const json = await recon(`account=${acct.id}`)
      const res = await rawApi('GET', `/couriers/reconciliation?account=${acct.id}&format=csv`, { headers: { authorization: `JWT ${a.token}`, 'x-forwarded-for': testClientIp() } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cod-reconciliation-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/)
      const records = parse<Record<string, string>>(res.text, { columns: true })
      expect(records.map((r) => r.shipment)).toEqual(json.body.rows.map((r: { shipment: string }) => r.shipment))
      expect(records[0]).toMatchObject({
        shipment: rows.shortCollected.id,
        expected: '1000.00',
        collected: '800.00',
        settled: '730.00',
        deliveryFee: '60.00',
        codFee: '10.00',
        settlementRef: 'R1',
        flags: 'short_paid',
        status: 'delivered',
      })
      expect(records.find((r) => r.shipment === rows.inTransit.id)).toMatchObject({ collected: '', settled: '', flags: '' })
    })

    it('names each wrong query parameter', async () => {
      const bad = async (query: string) => {
        const res = await recon(query)
        expect(res.status).toBe(400)
        return res.body.errors.map((e: { path: string }) => e.path)
      }
      expect(await bad('account=nope')).toEqual(['account'])
      expect(await bad('from=2025-02-30&to=2025-13-01')).toEqual(['to', 'from'])
      expect(await bad('from=2025-03-01&to=2025-02-01')).toEqual(['from'])
      expect(await bad('from=2024-01-01&to=2025-03-01')).toEqual(['to'])
      expect(await bad('flag=lost&format=xml')).toEqual(['flag', 'format'])
      expect((await recon('from=2024-01-01&to=2024-12-31')).status).toBe(200)
    })

    it('is the shop’s own: other shops, strangers and other roles read nothing of it', async () => {
      expect((await recon(`account=${acct.id}`, b.token)).status).toBe(404)
      expect((await recon(`account=${acct.id}`, stranger.token)).status).toBe(404)
      expect((await recon(`tenant=${a.tenant.id}`, b.token)).status).toBe(403)
      expect((await recon(`account=${acct.id}&tenant=${b.tenant.id}`, b.token)).status).toBe(404)
      expect((await recon('', operatorA)).status).toBe(403)
      expect((await api('GET', '/couriers/reconciliation')).status).toBe(401)
      const own = await recon('', stranger.token)
      expect(own.status).toBe(200)
      expect(own.body.rows).toEqual([])
      const theirs = await recon('', b.token)
      const aIds = new Set(Object.values(rows).map((s) => s.id))
      expect(theirs.body.rows.length).toBeGreaterThan(0)
      expect(theirs.body.rows.some((r: { shipment: string }) => aIds.has(r.shipment))).toBe(false)
    })
  })

  describe('marking a parcel settled', () => {
    const settle = (id: string, body: unknown, token = a.token) => api('POST', `/shipments/${id}/settle`, { token, body })
    const delivered = { status: 'delivered' as const, codExpected: 100_000, codCollected: 100_000, deliveryFee: 6_000, codFee: 1_000, deliveredAt: daysFromNow(-4) }

    it('records a manual payout, audited under the tenant-admin’s name', async () => {
      const s = await shipmentOf(payload, a, delivered)
      const since = new Date().toISOString()
      const res = await settle(s.id, { reference: 'BKASH-TX-77', note: 'Paid by bKash' })
      expect(res.status).toBe(200)
      expect(res.body.doc).toMatchObject({ id: s.id, settlementRef: 'BKASH-TX-77', settledAmount: 93_000, settlementCount: 1, settledAt: expect.any(String) })
      expect(res.body.payout).toMatchObject({ reference: 'BKASH-TX-77', amount: 93_000, source: 'manual' })
      const log = (
        await asSystem(() =>
          payload.find({
            collection: 'audit-logs',
            where: { documentId: { in: [s.id, res.body.payout.id] }, createdAt: { greater_than_equal: since } },
            sort: 'createdAt',
            pagination: false,
            overrideAccess: true,
            depth: 0,
          }),
        )
      ).docs
      expect(log.map((e) => [e.collection, e.action])).toEqual([
        ['courier-payouts', 'create'],
        ['shipments', 'update'],
      ])
      for (const e of log) expect(e).toMatchObject({ actorType: 'user', actorLabel: a.admin.email })
      expect((log[1].changes as Record<string, { after: unknown }>).settlementRef.after).toBe('BKASH-TX-77')
      // Once per reference.
      expect((await settle(s.id, { reference: 'BKASH-TX-77' })).status).toBe(409)
    })

    it('records what was paid, flagged when it is short', async () => {
      const s = await shipmentOf(payload, a, delivered)
      const res = await settle(s.id, { reference: 'CASH-12', amount: 50_000 })
      expect(res.body.doc).toMatchObject({ settlementRef: 'CASH-12', settledAmount: 50_000 })
      const recon = await api('GET', `/couriers/reconciliation?account=${a.account.id}`, { token: a.token })
      expect(recon.body.rows.find((r: { shipment: string }) => r.shipment === s.id).flags).toEqual(['short_paid'])
    })

    it('refuses parcels still on their way, bad bodies, other roles and other shops', async () => {
      const moving = await shipmentOf(payload, a, { status: 'in_transit' })
      expect((await settle(moving.id, { reference: 'X-1' })).status).toBe(409)
      const s = await shipmentOf(payload, a, delivered)
      const bad = await settle(s.id, { reference: '', amount: -1, note: 5 })
      expect(bad.status).toBe(400)
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['reference', 'amount', 'note'])
      expect((await settle(s.id, { reference: 'X-2' }, operatorA)).status).toBe(403)
      expect((await settle(s.id, { reference: 'X-2' }, b.token)).status).toBe(404)
      expect((await settle(s.id, { reference: 'X-2' }, stranger.token)).status).toBe(404)
      expect((await settle('not-an-id', { reference: 'X-2' })).status).toBe(400)
      expect((await readShipment(payload, s.id)).settlementRef ?? null).toBeNull()
    })
  })

  describe('importing a payout sheet', () => {
    let redxA: Awaited<ReturnType<typeof courierAccount>>
    let redxB: Awaited<ReturnType<typeof courierAccount>>
    const parcels: Record<string, Shipment> = {}
    const upload = (account: string, csv: string, { token = a.token, query = '', type = 'text/csv' } = {}) =>
      apiRaw('POST', `/couriers/${account}/payouts/import${query}`, { token, headers: { 'content-type': type }, body: csv })
    const HEADER = 'Tracking ID,Merchant Invoice ID,Cash Collection,Delivery Charge,COD Charge,Payout ID,Date'

    beforeAll(async () => {
      redxA = await courierAccount(payload, a.tenant, 'redx', { token: 'redx-a' })
      redxB = await courierAccount(payload, b.tenant, 'redx', { token: 'redx-b' })
      const d = { status: 'delivered' as const, codExpected: 100_000, deliveredAt: daysFromNow(-2) }
      parcels.one = await shipmentOf(payload, a, { ...d, trackingCode: 'RX-ONE' }, redxA)
      parcels.two = await shipmentOf(payload, a, { ...d, trackingCode: 'RX-TWO', codExpected: 95_050 }, redxA)
      parcels.three = await shipmentOf(payload, a, { ...d, trackingCode: null }, redxA)
      parcels.four = await shipmentOf(payload, a, { ...d, trackingCode: 'RX-FOUR' }, redxA)
      parcels.theirs = await shipmentOf(payload, b, { ...d, trackingCode: 'RX-THEIRS' }, redxB)
    })

    it('settles the account’s parcels by tracking id, then invoice; others’ parcels stay unmatched', async () => {
      const csv = [
        HEADER,
        'RX-ONE,,"৳1,000.00",60,10,PAY-55,31/01/2025',
        'RX-TWO,,950.50,60,9.50,PAY-55,31/01/2025',
        `,${parcels.three.invoice},1000,70,10,PAY-55,31/01/2025`,
        'RX-THEIRS,,1000,60,10,PAY-55,31/01/2025',
        'RX-NOWHERE,,1000,60,10,PAY-55,31/01/2025',
        'RX-ONE,,"1,000.00",60,10,PAY-55,31/01/2025',
      ].join('\n')
      const res = await upload(redxA.id, csv)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ reference: 'PAY-55', matched: 3, added: 3, payout: { reference: 'PAY-55', source: 'csv', amount: 93_000 + 88_100 + 92_000, items: 3 } })
      expect(res.body.unmatched).toEqual([
        { line: 5, trackingCode: 'RX-THEIRS', invoice: null, reason: expect.stringMatching(/No shipment of this courier account/) },
        { line: 6, trackingCode: 'RX-NOWHERE', invoice: null, reason: expect.stringMatching(/No shipment of this courier account/) },
        { line: 7, trackingCode: 'RX-ONE', invoice: null, reason: 'The same parcel as line 2.' },
      ])
      expect(await readShipment(payload, parcels.one.id)).toMatchObject({
        settlementRef: 'PAY-55',
        codCollected: 100_000,
        deliveryFee: 6_000,
        codFee: 1_000,
        settledAmount: 93_000,
        settledAt: '2025-01-30T18:00:00.000Z',
      })
      expect(await readShipment(payload, parcels.three.id)).toMatchObject({ settlementRef: 'PAY-55', settledAmount: 92_000 })
      expect((await readShipment(payload, parcels.theirs.id)).settlementRef ?? null).toBeNull()
      expect((await readShipment(payload, parcels.four.id)).settlementRef ?? null).toBeNull()
      // The same sheet again adds nothing.
      const again = await upload(redxA.id, csv)
      expect(again.body).toMatchObject({ matched: 3, added: 0, payout: { items: 3, amount: 273_100 } })
      expect((await readShipment(payload, parcels.one.id)).settlementCount).toBe(1)
    })

    it('takes other header spellings and ?reference=', async () => {
      const res = await upload(redxA.id, 'tracking_id,invoice,COD,charge\nRX-FOUR,,1000,60\n', { query: '?reference=REDX-FEB' })
      expect(res.body).toMatchObject({ reference: 'REDX-FEB', matched: 1, added: 1, unmatched: [] })
      expect(await readShipment(payload, parcels.four.id)).toMatchObject({ settlementRef: 'REDX-FEB', settledAmount: 94_000 })
    })

    it('stores nothing from a malformed sheet, naming its lines', async () => {
      const before = (await payoutsOf(payload, a.tenant)).length
      const fresh = await shipmentOf(payload, a, { status: 'delivered', trackingCode: 'RX-FRESH' }, redxA)
      const badAmount = await upload(redxA.id, [HEADER, 'RX-FRESH,,1000,60,10,PAY-66,2025-02-01', 'RX-ONE,,12;5x,60,10,PAY-66,2025-02-01', 'RX-TWO,,100,60,10,PAY-66,2025-02-30'].join('\n'))
      expect(badAmount.status).toBe(400)
      expect(badAmount.body.error).toBe('invalid_input')
      expect(badAmount.body.errors).toEqual([
        { path: 'line 3: Cash Collection', message: expect.stringContaining('"12;5x" is not an amount') },
        { path: 'line 4: Date', message: expect.stringContaining('"2025-02-30" is not a date') },
      ])
      const broken = await upload(redxA.id, `${HEADER}\nRX-FRESH,"unclosed,1000,60,10,PAY-66,2025-02-01\n`)
      expect(broken.status).toBe(400)
      expect(broken.body.error).toBe('invalid_input')
      expect((await upload(redxA.id, 'Name,Amount\nRahim,1000\n')).status).toBe(400)
      expect((await upload(redxA.id, `${HEADER}\nRX-FRESH,,1000,60,10,PAY-66,2025-02-01\nRX-ONE,,1000,60,10,PAY-67,2025-02-01\n`)).status).toBe(400)
      expect((await upload(redxA.id, 'Tracking ID,COD\nRX-FRESH,1000\n')).body.errors).toEqual([{ path: 'reference', message: 'Required.' }])
      expect((await upload(redxA.id, '')).status).toBe(400)
      expect((await upload(redxA.id, `${HEADER}\n`)).status).toBe(400)
      expect((await upload(redxA.id, JSON.stringify({ rows: [] }), { type: 'application/json' })).status).toBe(415)
      expect((await payoutsOf(payload, a.tenant)).length).toBe(before)
      expect((await readShipment(payload, fresh.id)).settlementRef ?? null).toBeNull()
    })

    it('is for the account’s own shop’s tenant-admins only', async () => {
      const csv = `${HEADER}\nRX-THEIRS,,1000,60,10,PAY-X,2025-02-01\n`
      expect((await upload(redxA.id, csv, { token: b.token })).status).toBe(404)
      expect((await upload(redxA.id, csv, { token: stranger.token })).status).toBe(404)
      expect((await upload(redxA.id, csv, { token: operatorA })).status).toBe(403)
      // B imports into its own account: its parcel, never A's.
      const own = await upload(redxB.id, `${HEADER}\nRX-THEIRS,,1000,60,10,PAY-B,2025-02-01\nRX-FOUR,,1000,60,10,PAY-B,2025-02-01\n`, { token: b.token })
      expect(own.body).toMatchObject({ matched: 1, unmatched: [expect.objectContaining({ line: 3, trackingCode: 'RX-FOUR' })] })
      expect((await readShipment(payload, parcels.four.id)).settlementCount).toBe(1)
    })
  })
})
