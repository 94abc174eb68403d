import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Courier } from '../../payload-types'
import { riskOf } from '../../plugins/couriers'
import { api, login } from './helpers/api'
import { courierAccount, courierShop, daysFromNow, orderOf, shipmentOf, type CourierShop } from './helpers/couriers-world'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/**
 * What the shop learns from its own deliveries (plugins/couriers/performance, risk): each
 * courier's KPIs by area and payment method, and the risk of a cash order to a phone — both from
 * the shop's own shipments only, for the roles the matrix allows.
 */

describe('the risk score, on its own (risk.ts)', () => {
  it('is the delivered share of outcomes, risky from two outcomes under the threshold', () => {
    expect(riskOf('01711111111', { delivered: 3, returned: 1, cancelled: 1, failedAttempts: 2 }, 60)).toEqual({
      phone: '01711111111',
      delivered: 3,
      returned: 1,
      cancelled: 1,
      failedAttempts: 2,
      total: 5,
      successRate: 0.6,
      score: 60,
      threshold: 60,
      risky: false,
    })
    expect(riskOf('01711111111', { delivered: 3, returned: 1, cancelled: 1, failedAttempts: 0 }, 70).risky).toBe(true)
    expect(riskOf('01711111111', { delivered: 0, returned: 1, cancelled: 0, failedAttempts: 0 }, 60)).toMatchObject({ total: 1, score: 0, risky: false })
    expect(riskOf('01711111111', { delivered: 0, returned: 0, cancelled: 0, failedAttempts: 0 }, 60)).toMatchObject({ total: 0, successRate: null, score: null, risky: false })
  })
})

describe('courier insights', () => {
  let payload: Payload
  let p: CourierShop
  let other: CourierShop
  let pathao: Courier
  let stranger: string
  let operator: string
  let agent: string
  let marketer: string

  beforeAll(async () => {
    payload = await freshPayload()
    p = await courierShop(payload)
    other = await courierShop(payload)
    pathao = await courierAccount(payload, p.tenant, 'pathao', { clientId: 'c', clientSecret: 's', username: 'u@example.test', password: 'p' })
    const t = await createTenant(payload, { name: 'Brand new shop' })
    stranger = await login((await createStaff(payload, t, 'tenant-admin')).email, PASSWORD)
    operator = await login((await createStaff(payload, p.tenant, 'sales-operator')).email, PASSWORD)
    agent = await login((await createStaff(payload, p.tenant, 'support-agent')).email, PASSWORD)
    marketer = await login((await createStaff(payload, p.tenant, 'marketing-manager')).email, PASSWORD)
  })

  describe('performance', () => {
    const at = (pickedDaysAgo: number, hours: number, settledAfterDays?: number) => {
      const picked = Date.now() - pickedDaysAgo * 86_400_000
      const delivered = picked + hours * 3_600_000
      return {
        pickedAt: new Date(picked).toISOString(),
        deliveredAt: new Date(delivered).toISOString(),
        ...(settledAfterDays === undefined ? {} : { settledAt: new Date(delivered + settledAfterDays * 86_400_000).toISOString(), settlementRef: 'S' }),
      }
    }
    const dhaka = { district: 'Dhaka', zone: 'Dhanmondi' }

    beforeAll(async () => {
      const cod = { codExpected: 100_000 }
      // Steadfast, Dhaka, COD: 2 delivered (one at the first attempt), 1 returned, 1 cancelled.
      await shipmentOf(payload, p, { ...cod, status: 'delivered', attempts: 0, codCollected: 100_000, deliveryFee: 6_000, recipient: dhaka, ...at(5, 24, 2) })
      await shipmentOf(payload, p, { ...cod, status: 'delivered', attempts: 1, codCollected: 100_000, deliveryFee: 6_000, recipient: { district: 'Dhaka', zone: 'Mirpur' }, ...at(5, 48) })
      await shipmentOf(payload, p, { ...cod, status: 'returned', attempts: 2, codCollected: 0, deliveryFee: 6_000, recipient: dhaka, pickedAt: daysFromNow(-4) })
      await shipmentOf(payload, p, { ...cod, status: 'cancelled', recipient: dhaka })
      // Steadfast, Chattogram, COD: partly delivered at the first attempt.
      await shipmentOf(payload, p, { ...cod, status: 'partially_delivered', attempts: 0, codCollected: 60_000, deliveryFee: 12_000, recipient: { district: 'Chattogram', zone: 'Agrabad' }, ...at(6, 72, 4) })
      // Steadfast, Dhaka, prepaid.
      await shipmentOf(payload, p, { paymentMethod: 'prepaid', status: 'delivered', attempts: 0, deliveryFee: 6_000, recipient: dhaka, ...at(3, 24) })
      // Pathao, Dhaka, COD: one on its way, one delivered.
      await shipmentOf(payload, p, { codExpected: 50_000, status: 'in_transit', recipient: dhaka }, pathao)
      await shipmentOf(payload, p, { codExpected: 50_000, status: 'delivered', attempts: 0, codCollected: 50_000, deliveryFee: 7_000, recipient: dhaka, ...at(2, 12) }, pathao)
      // Not counted: booked before the period, not booked yet, another shop's.
      await shipmentOf(payload, p, { ...cod, status: 'delivered', recipient: dhaka, createdAt: daysFromNow(-90) })
      await shipmentOf(payload, p, { ...cod, status: null, bookingState: 'queued', recipient: dhaka })
      await shipmentOf(payload, other, { ...cod, status: 'returned', recipient: dhaka })
    })

    it('answers each courier’s KPIs per district and payment method, with totals per provider', async () => {
      const res = await api('GET', '/couriers/performance?groupBy=district', { token: p.token })
      expect(res.status).toBe(200)
      expect(res.body.currency).toBe('BDT')
      const sf = { provider: 'steadfast', account: p.account.id, accountLabel: p.account.label }
      expect(res.body.rows).toEqual([
        {
          provider: 'pathao',
          account: pathao.id,
          accountLabel: pathao.label,
          area: 'Dhaka',
          payment: 'cod',
          booked: 2,
          delivered: 1,
          firstAttemptRate: 0.5,
          returnRate: 0,
          cancelRate: 0,
          partialRate: 0,
          avgPickupToDeliveryHours: 12,
          avgDeliveryFee: 7_000,
          codExpected: 100_000,
          codCollected: 50_000,
          avgRemittanceLagDays: null,
        },
        {
          ...sf,
          area: 'Chattogram',
          payment: 'cod',
          booked: 1,
          delivered: 1,
          firstAttemptRate: 1,
          returnRate: 0,
          cancelRate: 0,
          partialRate: 1,
          avgPickupToDeliveryHours: 72,
          avgDeliveryFee: 12_000,
          codExpected: 100_000,
          codCollected: 60_000,
          avgRemittanceLagDays: 4,
        },
        {
          ...sf,
          area: 'Dhaka',
          payment: 'cod',
          booked: 4,
          delivered: 2,
          firstAttemptRate: 0.25,
          returnRate: 0.25,
          cancelRate: 0.25,
          partialRate: 0,
          avgPickupToDeliveryHours: 36,
          avgDeliveryFee: 6_000,
          codExpected: 400_000,
          codCollected: 200_000,
          avgRemittanceLagDays: 2,
        },
        {
          ...sf,
          area: 'Dhaka',
          payment: 'prepaid',
          booked: 1,
          delivered: 1,
          firstAttemptRate: 1,
          returnRate: 0,
          cancelRate: 0,
          partialRate: 0,
          avgPickupToDeliveryHours: 24,
          avgDeliveryFee: 6_000,
          codExpected: 0,
          codCollected: 0,
          avgRemittanceLagDays: null,
        },
      ])
      expect(res.body.totals).toEqual([
        expect.objectContaining({ provider: 'pathao', booked: 2, delivered: 1 }),
        {
          provider: 'steadfast',
          booked: 6,
          delivered: 4,
          firstAttemptRate: 0.5,
          returnRate: 0.1667,
          cancelRate: 0.1667,
          partialRate: 0.1667,
          avgPickupToDeliveryHours: 42,
          avgDeliveryFee: 7_200,
          codExpected: 500_000,
          codCollected: 260_000,
          avgRemittanceLagDays: 3,
        },
      ])
    })

    it('groups by zone or not at all, and narrows to one account', async () => {
      const zone = await api('GET', '/couriers/performance?groupBy=zone', { token: p.token })
      expect(zone.body.rows.filter((r: { provider: string }) => r.provider === 'steadfast').map((r: { area: string; payment: string; booked: number }) => [r.area, r.payment, r.booked])).toEqual([
        ['Chattogram / Agrabad', 'cod', 1],
        ['Dhaka / Dhanmondi', 'cod', 3],
        ['Dhaka / Dhanmondi', 'prepaid', 1],
        ['Dhaka / Mirpur', 'cod', 1],
      ])
      const none = await api('GET', `/couriers/performance?groupBy=none&account=${p.account.id}`, { token: p.token })
      expect(none.body.rows.map((r: { area: null; payment: string; booked: number }) => [r.area, r.payment, r.booked])).toEqual([
        [null, 'cod', 5],
        [null, 'prepaid', 1],
      ])
      const old = await api('GET', `/couriers/performance?from=${daysFromNow(-91).slice(0, 10)}&to=${daysFromNow(-89).slice(0, 10)}&groupBy=none`, { token: p.token })
      expect(old.body.rows.map((r: { booked: number }) => r.booked)).toEqual([1])
    })

    it('is for staff who may update shipments, in their own shop', async () => {
      expect((await api('GET', '/couriers/performance', { token: operator })).status).toBe(200)
      expect((await api('GET', '/couriers/performance', { token: agent })).status).toBe(403)
      expect((await api('GET', `/couriers/performance?tenant=${p.tenant.id}`, { token: other.token })).status).toBe(403)
      expect((await api('GET', '/couriers/performance')).status).toBe(401)
      const own = await api('GET', '/couriers/performance', { token: stranger })
      expect(own.body.rows).toEqual([])
      const theirs = await api('GET', `/couriers/performance?account=${p.account.id}`, { token: other.token })
      expect(theirs.body.rows).toEqual([])
      const bad = await api('GET', '/couriers/performance?groupBy=city&from=2025-01-01&to=2024-01-01&account=x', { token: p.token })
      expect(bad.status).toBe(400)
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['from', 'groupBy', 'account'])
    })
  })

  describe('risk of a cash order', () => {
    let riskyCustomer: string
    let riskyOrder: string

    beforeAll(async () => {
      const to = (phone: string) => ({ recipient: { phone } })
      const mine = '01911111111'
      for (let i = 0; i < 3; i++) await shipmentOf(payload, p, { ...to(mine), status: 'delivered' })
      await shipmentOf(payload, p, { ...to(mine), status: 'returned', attempts: 2, pickedAt: daysFromNow(-3) })
      await shipmentOf(payload, p, { ...to(mine), status: 'cancelled', pickedAt: daysFromNow(-3) })
      await shipmentOf(payload, p, { ...to(mine), status: 'cancelled' })
      await shipmentOf(payload, p, { ...to(mine), status: 'in_transit' })
      // Another shop's experience of the same phone is not this shop's.
      for (let i = 0; i < 4; i++) await shipmentOf(payload, other, { ...to(mine), status: 'returned' })
      const risky = '01822222222'
      await shipmentOf(payload, p, { ...to(risky), status: 'delivered' })
      await shipmentOf(payload, p, { ...to(risky), status: 'returned' })
      await shipmentOf(payload, p, { ...to(risky), status: 'returning' })
      const customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant: p.tenant.id, name: 'Karim', phone: '+8801822222222' }, overrideAccess: true }))
      riskyCustomer = customer.id
      riskyOrder = (await orderOf(payload, p, { customer: customer.id })).id
    })

    it('scores a phone on the shop’s own deliveries to it', async () => {
      const res = await api('GET', `/couriers/risk?phone=${encodeURIComponent('+880 1911-111111')}`, { token: p.token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ phone: '01911111111', delivered: 3, returned: 1, cancelled: 1, failedAttempts: 2, total: 5, successRate: 0.6, score: 60, threshold: 60, risky: false })
      const byOrder = await api('GET', `/couriers/risk?order=${riskyOrder}`, { token: p.token })
      expect(byOrder.body).toMatchObject({ phone: '01822222222', delivered: 1, returned: 2, total: 3, score: 33, risky: true })
      expect((await api('GET', `/couriers/risk?customer=${riskyCustomer}`, { token: agent })).body).toMatchObject({ phone: '01822222222', risky: true })
      expect((await api('GET', '/couriers/risk?phone=01533333333', { token: operator })).body).toMatchObject({ total: 0, score: null, risky: false })
    })

    it('uses the shop’s own threshold', async () => {
      await asSystem(() => payload.update({ collection: 'tenants', id: p.tenant.id, data: { settings: { couriers: { riskThreshold: 70 } } }, overrideAccess: true }))
      const res = await api('GET', '/couriers/risk?phone=01911111111', { token: p.token })
      expect(res.body).toMatchObject({ score: 60, threshold: 70, risky: true })
    })

    it('refuses what is not a BD mobile, and another shop’s orders and customers', async () => {
      for (const query of ['phone=12345', 'phone=01212345678', '', `phone=01911111111&order=${riskyOrder}`, 'order=nope']) {
        const res = await api('GET', `/couriers/risk?${query}`, { token: p.token })
        expect(res.status).toBe(400)
      }
      expect((await api('GET', `/couriers/risk?order=${riskyOrder}`, { token: other.token })).status).toBe(404)
      expect((await api('GET', `/couriers/risk?customer=${riskyCustomer}`, { token: stranger })).status).toBe(404)
      expect((await api('GET', `/couriers/risk?phone=01911111111&tenant=${p.tenant.id}`, { token: other.token })).status).toBe(403)
      expect((await api('GET', '/couriers/risk?phone=01911111111', { token: marketer })).status).toBe(403)
      expect((await api('GET', '/couriers/risk?phone=01911111111')).status).toBe(401)
      expect((await api('GET', '/couriers/risk?phone=01911111111', { token: other.token })).body).toMatchObject({ returned: 4, delivered: 0, total: 4, risky: true })
      expect((await api('GET', '/couriers/risk?phone=01911111111', { token: stranger })).body).toMatchObject({ total: 0, risky: false })
    })
  })
})
