import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PATHAO_FIXED_HANDSHAKE_SECRET } from '../../plugins/couriers'
import { startFakePathao, startFakeRedx, startFakeSteadfast, type FakePathao, type FakeRedx, type FakeSteadfast } from '../fakes/couriers'
import { api, graphql, rawApi } from './helpers/api'
import { confirmedOrder, courierShop, onServer, startRouteServer, webhookOf, type CourierShop } from './helpers/couriers'
import { asSystem } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload } from './helpers/payload'

/**
 * Tracking (plugins/couriers/webhook, jobs): each courier's webhook, sent by the fake to a real
 * loopback URL served by the production route module — its proof, storing once, the rank
 * guard, the order following its shipment — Pathao's async bulk and handshake, RedX's token and
 * cancel, polling, and that one shop's webhook can never touch another shop's shipment.
 */
/** A webhook URL's path as the API helpers take it (without the leading /api). */
const apiPath = (url: string) => new URL(url).pathname.replace(/^\/api/, '')

describe('Couriers: tracking', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRouteServer>>
  let steadfast: FakeSteadfast
  let pathao: FakePathao
  let redx: FakeRedx
  let sf: CourierShop

  beforeAll(async () => {
    payload = await freshPayload()
    server = await startRouteServer()
    ;[steadfast, pathao, redx] = await Promise.all([startFakeSteadfast(), startFakePathao(), startFakeRedx({ tokens: ['redx-token'] })])
    process.env.STEADFAST_URL = steadfast.url
    process.env.PATHAO_URL = pathao.url
    process.env.REDX_URL = redx.url
    sf = await courierShop(payload, 'steadfast', { apiKey: 'sf-api-key', secretKey: 'sf-secret-key' })
    const hook = await webhookOf(sf)
    steadfast.setWebhook(onServer(server.origin, hook.url), hook.secret)
  })
  afterAll(async () => {
    await Promise.all([steadfast.close(), pathao.close(), redx.close(), server.close()])
  })

  const shipmentOf = async (orderId: string) =>
    (await asSystem(() => payload.find({ collection: 'shipments', where: { order: { equals: orderId } }, sort: '-createdAt', depth: 0, overrideAccess: true }))).docs[0]
  const orderStatus = async (id: string) => (await asSystem(() => payload.findByID({ collection: 'orders', id, depth: 0, overrideAccess: true }))).status
  const events = () => asSystem(() => payload.find({ collection: 'courier-events', depth: 0, limit: 0, pagination: false, overrideAccess: true }))
  const booked = async (shop: CourierShop, extra: Record<string, unknown> = {}) => {
    const order = await confirmedOrder(payload, shop)
    const res = await api('POST', '/shipments/book', { token: shop.token, body: { account: shop.account.id, orders: [order.id], ...extra } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    await drainQueue(payload)
    return { order, shipment: await shipmentOf(order.id) }
  }

  it('Steadfast: a delivery webhook stores once, moves the shipment and the order, and keeps the collected cash', async () => {
    const { order, shipment } = await booked(sf)
    const cid = Number(shipment.consignmentId)
    await steadfast.advance(cid, 'pending')
    const delivery = await steadfast.deliver(cid)
    expect(delivery.status).toBe(200)
    expect(delivery.attempts.at(-1)!.body).toContain('Webhook received successfully.')
    await drainQueue(payload)
    const after = await shipmentOf(order.id)
    expect(after).toMatchObject({ status: 'delivered', rawStatus: 'delivered', codCollected: order.total })
    expect(after.deliveredAt).toBeTruthy()
    expect(await orderStatus(order.id)).toBe('delivered')
    // The same delivery again: acknowledged, stored once, no second effect.
    const again = await rawApi('POST', apiPath(delivery.url), { headers: { ...delivery.headers, 'content-type': 'application/json' }, body: JSON.stringify(delivery.body) })
    expect(again.status).toBe(200)
    expect(JSON.parse(again.text)).toMatchObject({ stored: 0, duplicates: 1 })
    // A late, lower-ranked update is kept in the history but never moves the status back.
    await steadfast.track(cid, 'Package arrived at the sorting center.')
    await drainQueue(payload)
    const late = await shipmentOf(order.id)
    expect(late.status).toBe('delivered')
    expect(late.history!.at(-1)).toMatchObject({ source: 'webhook', applied: false })
  })

  it('refuses a webhook without the account’s secret, a malformed one and an unknown address, storing nothing', async () => {
    const { url, secret } = await webhookOf(sf)
    const path = apiPath(url)
    const before = (await events()).totalDocs
    const body = JSON.stringify({ notification_type: 'delivery_status', consignment_id: 1, status: 'delivered', updated_at: '2026-12-01 10:00:00' })
    expect((await rawApi('POST', path, { headers: { 'content-type': 'application/json', authorization: 'Bearer guess' }, body })).status).toBe(401)
    expect((await rawApi('POST', path, { headers: { 'content-type': 'application/json' }, body })).status).toBe(401)
    const broken = await rawApi('POST', path, { headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: '{"notification_type": ' })
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.text).error).toBe('invalid_json')
    const shapeless = await rawApi('POST', path, { headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: '[1,2]' })
    expect(shapeless.status).toBe(400)
    expect((await rawApi('POST', path.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000'), { headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body })).status).toBe(404)
    expect((await rawApi('POST', path.replace('/steadfast/', '/pathao/'), { headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body })).status).toBe(404)
    expect((await events()).totalDocs).toBe(before)
  })

  it('a webhook for shop B’s account can never touch shop A’s shipment, even naming A’s consignment', async () => {
    const { order, shipment } = await booked(sf)
    const b = await courierShop(payload, 'steadfast', { apiKey: 'sf-api-key', secretKey: 'sf-secret-key' })
    const hookB = await webhookOf(b)
    const body = JSON.stringify({
      notification_type: 'delivery_status',
      consignment_id: Number(shipment.consignmentId),
      invoice: shipment.invoice,
      status: 'cancelled',
      cod_amount: 0,
      delivery_charge: 60,
      updated_at: '2026-12-01 11:00:00',
    })
    const res = await rawApi('POST', apiPath(hookB.url), { headers: { 'content-type': 'application/json', authorization: `Bearer ${hookB.secret}` }, body })
    expect(res.status).toBe(200)
    await drainQueue(payload)
    expect((await shipmentOf(order.id)).status).toBe('booked')
    const stored = (await events()).docs.filter((e) => String(e.tenant && typeof e.tenant === 'object' ? e.tenant.id : e.tenant) === b.tenant.id)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ state: 'ignored' })
    // And B's admin sees none of A's shipments, events or payouts, over REST and GraphQL.
    for (const slug of ['shipments', 'courier-events', 'courier-payouts']) {
      const list = await api('GET', `/${slug}?limit=100`, { token: b.token })
      expect(list.status).toBe(200)
      expect(
        list.body.docs.every((d: { tenant: { id: string } | string }) => (typeof d.tenant === 'string' ? d.tenant : d.tenant.id) === b.tenant.id),
        slug,
      ).toBe(true)
    }
    expect((await api('GET', `/shipments/${shipment.id}`, { token: b.token })).status).toBe(404)
    const gql = await graphql(
      `
        {
          Shipments(limit: 100) {
            docs {
              id
            }
          }
        }
      `,
      { token: b.token },
    )
    expect(gql.body.data.Shipments.docs.map((d: { id: string }) => d.id)).not.toContain(shipment.id)
    expect((await api('POST', `/shipments/${shipment.id}/refresh`, { token: b.token })).status).toBe(404)
    expect((await api('POST', `/shipments/${shipment.id}/cancel`, { token: b.token, body: {} })).status).toBe(404)
  })

  it('Pathao: a bulk is accepted now and its consignment ids arrive by webhook; the handshake echoes the configured value', async () => {
    const shop = await courierShop(
      payload,
      'pathao',
      { clientId: 'pathao-client', clientSecret: 'pathao-client-secret', username: 'shop@example.com', password: 'lovePathao' },
      { storeId: String(pathao.state.stores[0].store_id) },
    )
    const hook = await webhookOf(shop)
    pathao.setWebhook(onServer(server.origin, hook.url), hook.secret, { handshakeSecret: hook.secret })
    const handshake = await pathao.handshake()
    expect(handshake).toMatchObject({ status: 202, echoed: hook.secret })
    // The fixed value other sources give, chosen on the account.
    await api('PATCH', `/couriers/${shop.account.id}`, { token: shop.token, body: { pathaoHandshake: 'fixed' } })
    pathao.setWebhook(onServer(server.origin, hook.url), hook.secret, { handshakeSecret: PATHAO_FIXED_HANDSHAKE_SECRET })
    expect(await pathao.handshake()).toMatchObject({ status: 202, echoed: PATHAO_FIXED_HANDSHAKE_SECRET })
    const orders = [await confirmedOrder(payload, shop), await confirmedOrder(payload, shop)]
    const res = await api('POST', '/shipments/book', { token: shop.token, body: { account: shop.account.id, orders: orders.map((o) => o.id) } })
    expect(res.status).toBe(202)
    await drainQueue(payload)
    for (const o of orders) expect(await shipmentOf(o.id)).toMatchObject({ bookingState: 'booked', status: 'booked' })
    await pathao.flushBulk()
    await drainQueue(payload)
    for (const o of orders) expect((await shipmentOf(o.id)).consignmentId).toBe(pathao.order(o.number!)!.consignment_id)
    // Delivered, then paid: the payout reference settles it.
    const cid = pathao.order(orders[0].number!)!.consignment_id
    await pathao.advance(cid, 'picked')
    await pathao.deliver(cid)
    await pathao.pay(cid, 'PINV-1001')
    await drainQueue(payload)
    expect(await shipmentOf(orders[0].id)).toMatchObject({ status: 'delivered', settlementRef: 'PINV-1001', settlementCount: 1 })
    expect(await orderStatus(orders[0].id)).toBe('delivered')
    // A wrong X-PATHAO-Signature is refused.
    const forged = await rawApi('POST', apiPath(hook.url), {
      headers: { 'content-type': 'application/json', 'x-pathao-signature': 'guess' },
      body: JSON.stringify({ event: 'order.delivered', consignment_id: cid }),
    })
    expect(forged.status).toBe(401)
  })

  it('RedX: the token in the callback URL proves the webhook, and a booked parcel can be cancelled at the courier', async () => {
    const shop = await courierShop(payload, 'redx', { token: 'redx-token' })
    const hook = await webhookOf(shop)
    expect(hook.url).toContain('?token=')
    redx.setWebhook(onServer(server.origin, hook.url.split('?')[0]), hook.secret)
    const recipient = { areaId: 1, areaName: 'Mohammadpur(Dhaka)' }
    const first = await booked(shop, { recipient })
    expect(first.shipment).toMatchObject({ bookingState: 'booked', trackingCode: expect.any(String) })
    await redx.advance(first.shipment.trackingCode!, 'delivery-in-progress')
    await redx.deliver(first.shipment.trackingCode!)
    await drainQueue(payload)
    expect((await shipmentOf(first.order.id)).status).toBe('delivered')
    const tokenless = await rawApi('POST', apiPath(hook.url), {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tracking_number: first.shipment.trackingCode, status: 'returned', timestamp: new Date().toISOString() }),
    })
    expect(tokenless.status).toBe(401)
    const second = await booked(shop, { recipient })
    const cancel = await api('POST', `/shipments/${second.shipment.id}/cancel`, { token: shop.token, body: { reason: 'Customer changed their mind' } })
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200)
    expect(cancel.body.doc).toMatchObject({ status: 'cancelled', active: false })
    expect(redx.calls.some((c) => c.method === 'PATCH' && c.path.endsWith('/parcels'))).toBe(true)
    // The order stays packed and may be booked again.
    expect(await orderStatus(second.order.id)).toBe('packed')
    expect((await api('POST', '/shipments/book', { token: shop.token, body: { account: shop.account.id, orders: [second.order.id], recipient } })).status).toBe(202)
  })

  it('polls shipments not heard of for a while, and applies what the courier says', async () => {
    const { order, shipment } = await booked(sf)
    steadfast.consignment(Number(shipment.consignmentId))!.status = 'hold'
    await asSystem(() => payload.update({ collection: 'shipments', id: shipment.id, data: { lastEventAt: new Date(Date.now() - 24 * 3_600_000).toISOString() }, overrideAccess: true }))
    await payload.jobs.queue({ task: 'courierPoll', input: { tenantId: sf.tenant.id } })
    await drainQueue(payload)
    const after = await shipmentOf(order.id)
    expect(after).toMatchObject({ status: 'on_hold', rawStatus: 'hold' })
    expect(after.history!.at(-1)).toMatchObject({ source: 'poll', applied: true })
    // Refresh on demand, by staff of the shop.
    steadfast.consignment(Number(shipment.consignmentId))!.status = 'delivered'
    const refreshed = await api('POST', `/shipments/${shipment.id}/refresh`, { token: sf.token })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.doc.status).toBe('delivered')
  })
})
