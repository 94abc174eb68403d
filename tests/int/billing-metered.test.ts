import type { Payload } from 'payload'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Plan } from '../../payload-types'
import { hourKey, meterEventName } from '../../plugins/billing'
import { consume, peek, QuotaExceededError } from '../../plugins/quotas'
import type { FakeStripe } from '../fakes/stripe'
import { api } from './helpers/api'
import { billingShop, billingWorld, forTenant, meterPush, meterPushesOf, paidPlan, settle, subscribe, subscriptionOf, superAdminToken, syncPrices, type BillingShop } from './helpers/billing'
import { asSystem, createTenant } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/**
 * Usage-based billing (plugins/billing/jobs/schedules.ts, plugins/quotas/ledger.ts): a paying
 * shop on a plan with an overage price goes past its included messages instead of being refused;
 * the hourly push reports the overage to Stripe's meter once per shop × metric × hour under a
 * deterministic identifier, retries a failed push with the same identifier and value, and
 * Stripe's invoice at the period's end bills exactly the pushed units.
 */
const INCLUDED = 5
const UNIT_PRICE = 250
const HOUR = 3_600_000

describe('billing: metered overage', () => {
  let payload: Payload
  let world: Awaited<ReturnType<typeof billingWorld>>
  let stripe: FakeStripe
  let metered: Plan
  let flat: Plan
  let shop: BillingShop
  let customer: string
  let subscriptionId: string
  const t0 = new Date(Math.floor(Date.now() / HOUR) * HOUR)
  const at = (hours: number) => new Date(t0.getTime() + hours * HOUR)

  const send = (tenantId: string, n: number) => forTenant(payload, tenantId, (req) => consume(req, tenantId, 'monthlyMessages', n))
  const refusal = (tenantId: string, n: number) =>
    send(tenantId, n).then(
      () => null,
      (e: unknown) => e,
    )
  const used = (tenantId: string) => forTenant(payload, tenantId, (req) => peek(req, tenantId, 'monthlyMessages')).then((u) => u.used)
  /** The meter events Stripe holds for the shop's customer, in arrival order. */
  const events = () => stripe.state.meterEvents.filter((e) => e.customer === customer)
  const meterCalls = () => stripe.calls.filter((c) => c.method === 'POST' && c.path === '/v1/billing/meter_events').length
  const identifier = (hours: number) => `${shop.tenant.id}:monthlyMessages:${hourKey(at(hours))}`
  /** Let the fake's clock follow the run's hour (Stripe refuses meter events more than 5 minutes ahead of its clock). */
  const runAt = async (hours: number) => {
    stripe.tick(hours * 3600 - stripe.state.offset)
    await meterPush(payload, at(hours))
  }

  beforeAll(async () => {
    payload = await freshPayload()
    world = await billingWorld()
    stripe = world.stripe
    const superToken = await superAdminToken(payload)
    metered = await paidPlan(payload, { limits: { monthlyMessages: INCLUDED }, overage: [{ metric: 'monthlyMessages', unitPrice: UNIT_PRICE }] })
    flat = await paidPlan(payload, { limits: { monthlyMessages: INCLUDED } })
    await syncPrices(superToken)
    metered = await asSystem(() => payload.findByID({ collection: 'plans', id: metered.id, depth: 0, overrideAccess: true }))
    shop = await billingShop(payload, { status: 'active', trialEndsAt: null, timezone: 'UTC' })
    await subscribe(payload, stripe, shop, metered)
    const sub = (await subscriptionOf(payload, shop.tenant.id))!
    customer = sub.stripeCustomerId!
    subscriptionId = sub.stripeSubscriptionId!
  })
  afterAll(async () => {
    await world?.close()
  })

  it('syncs the overage row to a metered price on the metric’s meter, and Checkout subscribes the shop to it', async () => {
    const row = metered.overage![0]
    expect(row).toMatchObject({ metric: 'monthlyMessages', unitPrice: UNIT_PRICE, syncedUnitPrice: UNIT_PRICE, meterId: expect.stringMatching(/^mtr_/), priceId: expect.stringMatching(/^price_/) })
    expect(stripe.state.meters.get(row.meterId!)).toMatchObject({ event_name: meterEventName('monthlyMessages'), status: 'active' })
    expect(stripe.state.prices.get(row.priceId!)).toMatchObject({ unit_amount: UNIT_PRICE, recurring: expect.objectContaining({ usage_type: 'metered', meter: row.meterId }) })
    const items = stripe.state.subscriptions.get(subscriptionId)!.items.data.map((i) => i.price.id)
    expect(items.sort()).toEqual([metered.stripe!.monthlyPriceId, row.priceId].sort())
    expect(await subscriptionOf(payload, shop.tenant.id)).toMatchObject({ status: 'active', plan: metered.id })
  })

  it('lets the paying shop go past its included messages; a shop that does not pay, or whose plan has no overage price, is refused', async () => {
    await send(shop.tenant.id, INCLUDED)
    await expect(send(shop.tenant.id, 3)).resolves.toMatchObject({ used: INCLUDED + 3, max: INCLUDED })
    expect(await used(shop.tenant.id)).toBe(INCLUDED + 3)

    // Same plan, no Stripe subscription (the super-admin put it on the plan).
    const unpaid = await createTenant(payload, { plan: metered.id, timezone: 'UTC' })
    await send(unpaid.id, INCLUDED)
    const refused = await refusal(unpaid.id, 1)
    expect(refused).toBeInstanceOf(QuotaExceededError)
    expect((refused as QuotaExceededError).data).toMatchObject({ error: 'quota_exceeded', limit: 'monthlyMessages', used: INCLUDED, max: INCLUDED })
    expect(await used(unpaid.id)).toBe(INCLUDED)

    // Paying, but on a plan without an overage row.
    const paying = await billingShop(payload, { status: 'active', trialEndsAt: null, timezone: 'UTC' })
    await subscribe(payload, stripe, paying, flat)
    expect(await subscriptionOf(payload, paying.tenant.id)).toMatchObject({ status: 'active', plan: flat.id })
    await send(paying.tenant.id, INCLUDED)
    expect((await refusal(paying.tenant.id, 1)) as QuotaExceededError).toMatchObject({ data: { error: 'quota_exceeded', used: INCLUDED, max: INCLUDED } })
    // A request larger than the whole limit is refused too, and counts nothing.
    expect(await refusal(paying.tenant.id, INCLUDED + 1)).toBeInstanceOf(QuotaExceededError)
    expect(await used(paying.tenant.id)).toBe(INCLUDED)
  })

  it('shows included, used, overage and the estimate in the Billing summary', async () => {
    const res = await api('GET', `/billing/summary?tenant=${shop.tenant.id}`, { token: shop.token })
    expect(res.status).toBe(200)
    const messages = (res.body.usage as { metric: string }[]).find((u) => u.metric === 'monthlyMessages')
    expect(messages).toEqual({ metric: 'monthlyMessages', label: 'Messages', included: INCLUDED, used: INCLUDED + 3, overage: 3, unitPrice: UNIT_PRICE, estimate: 3 * UNIT_PRICE })
  })

  it('pushes the overage once per hour under the deterministic identifier: again in the same hour sends nothing, the next hour sends the difference', async () => {
    await runAt(0)
    expect(events()).toEqual([expect.objectContaining({ identifier: identifier(0), event_name: meterEventName('monthlyMessages'), value: 3, timestamp: t0.getTime() / 1000 })])
    expect(await meterPushesOf(payload, shop.tenant.id)).toEqual([expect.objectContaining({ identifier: identifier(0), metric: 'monthlyMessages', value: 3, state: 'sent' })])

    const calls = meterCalls()
    await runAt(0)
    expect(events()).toHaveLength(1)
    expect(meterCalls()).toBe(calls)

    // More usage later in the same hour: that hour has had its push.
    await send(shop.tenant.id, 2)
    await runAt(0)
    expect(events()).toHaveLength(1)
    expect(await meterPushesOf(payload, shop.tenant.id)).toHaveLength(1)

    // The next hour's run reports what is new.
    await runAt(1)
    expect(events().map((e) => [e.identifier, e.value])).toEqual([
      [identifier(0), 3],
      [identifier(1), 2],
    ])
    await runAt(1)
    expect(events()).toHaveLength(2)
    expect(stripe.usage(customer, metered.overage![0].meterId!)).toBe(5)
  })

  it('keeps a push Stripe refused and sends it again on the next run, with the same identifier and value, counted once', async () => {
    await send(shop.tenant.id, 4)
    // Stripe answers 500 to the run's request and to stripe-node's own retries.
    stripe.failNext(3, 500, undefined, { method: 'POST', path: '/v1/billing/meter_events' })
    await runAt(2)
    expect(events()).toHaveLength(2)
    const failed = (await meterPushesOf(payload, shop.tenant.id)).find((p) => p.identifier === identifier(2))
    expect(failed).toMatchObject({ value: 4, state: 'failed' })

    // More usage before the retry is the next hour's, not the retried event's.
    await send(shop.tenant.id, 1)
    await runAt(3)
    // Both go out in this run (in no particular order).
    expect(
      events()
        .slice(2)
        .map((e) => [e.identifier, e.value, e.timestamp])
        .sort(),
    ).toEqual([
      [identifier(2), 4, at(2).getTime() / 1000],
      [identifier(3), 1, at(3).getTime() / 1000],
    ])
    const rows = await meterPushesOf(payload, shop.tenant.id)
    expect(rows.map((p) => [p.identifier, p.value, p.state])).toEqual([
      [identifier(0), 3, 'sent'],
      [identifier(1), 2, 'sent'],
      [identifier(2), 4, 'sent'],
      [identifier(3), 1, 'sent'],
    ])
    expect(stripe.usage(customer, metered.overage![0].meterId!)).toBe(10)
    expect(await used(shop.tenant.id)).toBe(INCLUDED + 10)
  })

  it('marks a push Stripe already has (its answer was lost) sent without counting it twice', async () => {
    await send(shop.tenant.id, 2)
    // The first attempt reached Stripe, but the app never heard back (a timeout): Stripe has the event, the row says failed.
    stripe.failNext(3, 500, undefined, { method: 'POST', path: '/v1/billing/meter_events' })
    await runAt(4)
    expect((await meterPushesOf(payload, shop.tenant.id)).find((p) => p.identifier === identifier(4))).toMatchObject({ value: 2, state: 'failed' })
    const meter = stripe.state.meters.get(metered.overage![0].meterId!)!
    await new Stripe(stripe.apiKey, stripe.clientOptions).billing.meterEvents.create({
      event_name: meter.event_name,
      identifier: identifier(4),
      timestamp: at(4).getTime() / 1000,
      payload: { stripe_customer_id: customer, value: '2' },
    })
    await runAt(5)
    expect((await meterPushesOf(payload, shop.tenant.id)).find((p) => p.identifier === identifier(4))).toMatchObject({ value: 2, state: 'sent' })
    expect(events().filter((e) => e.identifier === identifier(4))).toHaveLength(1)
    expect(stripe.usage(customer, meter.id)).toBe(12)
  })

  it('bills the pushed units × the unit price on Stripe’s invoice at the period’s end', async () => {
    const pushed = (await meterPushesOf(payload, shop.tenant.id)).reduce((sum, p) => sum + p.value, 0)
    expect(pushed).toBe(12)
    const { invoice } = await stripe.advance(subscriptionId)
    await settle(payload, stripe)
    const line = invoice!.lines.data.find((l) => l.pricing.price_details.price === metered.overage![0].priceId)!
    expect(line).toMatchObject({ quantity: pushed, amount: pushed * UNIT_PRICE })
    expect(invoice).toMatchObject({ amount_due: metered.priceMonthly + pushed * UNIT_PRICE, status: 'paid' })
    const summary = await api('GET', `/billing/summary?tenant=${shop.tenant.id}`, { token: shop.token })
    expect(summary.body.invoices).toContainEqual(expect.objectContaining({ amountDue: metered.priceMonthly + pushed * UNIT_PRICE, amountPaid: metered.priceMonthly + pushed * UNIT_PRICE, status: 'paid' }))
  })

  // BUG (plugins/billing/jobs/schedules.ts, pushTenant): a run reads only the current period's usage and pushes, so overage
  // used after the last push of a month (its last hour, or longer if the runner was down) is never reported, nor billed.
  it('reports the overage of the month that just ended when the first run of the new month finds it unreported', async () => {
    const late = await billingShop(payload, { status: 'active', trialEndsAt: null, timezone: 'UTC' })
    await subscribe(payload, stripe, late, metered)
    const lateCustomer = (await subscriptionOf(payload, late.tenant.id))!.stripeCustomerId!
    const now = new Date()
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 30 * 60_000)
    await forTenant(payload, late.tenant.id, (req) => consume(req, late.tenant.id, 'monthlyMessages', INCLUDED + 2, lastMonth))
    await runAt(6)
    expect((await meterPushesOf(payload, late.tenant.id)).reduce((sum, p) => sum + p.value, 0)).toBe(2)
    expect(stripe.usage(lateCustomer, metered.overage![0].meterId!)).toBe(2)
  })
})
