import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Plan } from '../../payload-types'
import { signatureHeader, type FakeStripe } from '../fakes/stripe'
import { api, rawApi } from './helpers/api'
import { billingShop, billingWorld, paidPlan, settle, subscribe, subscriptionOf, superAdminToken, syncPrices, tenantNow, WEBHOOK_SECRET } from './helpers/billing'
import { asSystem } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload } from './helpers/payload'

describe('billing: subscriptions on Stripe', () => {
  let payload: Payload
  let world: Awaited<ReturnType<typeof billingWorld>>
  let stripe: FakeStripe
  let superToken: string
  let basic: Plan
  let pro: Plan

  beforeAll(async () => {
    payload = await freshPayload()
    world = await billingWorld()
    stripe = world.stripe
    superToken = await superAdminToken(payload)
    basic = await paidPlan(payload)
    pro = await paidPlan(payload, { priceMonthly: 300_000, priceYearly: 3_000_000, limits: { monthlyMessages: 1000 } })
    await syncPrices(superToken)
    basic = await asSystem(() => payload.findByID({ collection: 'plans', id: basic.id, depth: 0, overrideAccess: true }))
    pro = await asSystem(() => payload.findByID({ collection: 'plans', id: pro.id, depth: 0, overrideAccess: true }))
  })
  afterAll(async () => {
    await world?.close()
  })

  it('syncs each plan to one product with a monthly and a yearly price, idempotently; a new amount makes a new price and archives the old', async () => {
    expect(basic.stripe).toMatchObject({
      productId: expect.stringMatching(/^prod_/),
      monthlyPriceId: expect.stringMatching(/^price_/),
      yearlyPriceId: expect.stringMatching(/^price_/),
      monthlyAmount: 150_000,
      currency: 'bdt',
    })
    const monthly = stripe.state.prices.get(basic.stripe!.monthlyPriceId!)!
    expect(monthly).toMatchObject({ unit_amount: 150_000, currency: 'bdt', active: true, recurring: expect.objectContaining({ interval: 'month' }) })
    const before = stripe.state.prices.size
    expect(await syncPrices(superToken)).toMatchObject({ created: 0, archived: 0, products: 0 })
    expect(stripe.state.prices.size).toBe(before)

    const changing = await paidPlan(payload)
    await syncPrices(superToken)
    const first = await asSystem(() => payload.findByID({ collection: 'plans', id: changing.id, depth: 0, overrideAccess: true }))
    await asSystem(() => payload.update({ collection: 'plans', id: changing.id, data: { priceMonthly: 175_000 }, overrideAccess: true }))
    expect(await syncPrices(superToken)).toMatchObject({ created: 1, archived: 1 })
    const second = await asSystem(() => payload.findByID({ collection: 'plans', id: changing.id, depth: 0, overrideAccess: true }))
    expect(second.stripe!.monthlyPriceId).not.toBe(first.stripe!.monthlyPriceId)
    expect(second.stripe!.yearlyPriceId).toBe(first.stripe!.yearlyPriceId)
    expect(stripe.state.prices.get(first.stripe!.monthlyPriceId!)!.active).toBe(false)
    expect(stripe.state.prices.get(second.stripe!.monthlyPriceId!)!).toMatchObject({ unit_amount: 175_000, active: true })
  })

  it('only the super-admin syncs prices', async () => {
    const shop = await billingShop(payload)
    expect((await api('POST', '/billing/sync-prices', { token: shop.token })).status).toBe(403)
    expect((await api('POST', '/billing/sync-prices')).status).toBe(401)
  })

  it('a trial shop subscribes through Checkout: its trial carries over, then it is active on the plan', async () => {
    const shop = await billingShop(payload)
    const { url } = await subscribe(payload, stripe, shop, basic)
    expect(url).toContain(`${stripe.url}/checkout/`)
    const sub = await subscriptionOf(payload, shop.tenant.id)
    expect(sub).toMatchObject({ status: 'trialing', interval: 'month', plan: basic.id, stripeSubscriptionId: expect.stringMatching(/^sub_/) })
    // The remaining trial (10 days) went to Stripe as trial_end.
    const stripeSub = stripe.state.subscriptions.get(sub!.stripeSubscriptionId!)!
    expect(Math.abs(stripeSub.trial_end! * 1000 - Date.parse(shop.tenant.trialEndsAt!))).toBeLessThan(2000)
    expect(await tenantNow(payload, shop.tenant.id)).toMatchObject({ status: 'active', plan: basic.id })
    const summary = await api('GET', `/billing/summary?tenant=${shop.tenant.id}`, { token: shop.token })
    expect(summary.status).toBe(200)
    expect(summary.body).toMatchObject({ enabled: true, plan: { id: basic.id }, subscription: { status: 'trialing', interval: 'month', paymentMethod: 'ok' } })
    // A second checkout is refused: change the plan instead.
    expect((await api('POST', `/billing/checkout?tenant=${shop.tenant.id}`, { token: shop.token, body: { plan: pro.id, interval: 'month' } })).status).toBe(409)
  })

  it('an active shop pays the first invoice at checkout, upgrades with proration, and cancels at the period’s end', async () => {
    const shop = await billingShop(payload, { status: 'active', trialEndsAt: null })
    await subscribe(payload, stripe, shop, basic)
    let sub = await subscriptionOf(payload, shop.tenant.id)
    expect(sub).toMatchObject({ status: 'active', plan: basic.id })
    const invoices = await api('GET', `/billing/summary?tenant=${shop.tenant.id}`, { token: shop.token })
    expect(invoices.body.invoices).toEqual([expect.objectContaining({ status: 'paid', amountPaid: 150_000, currency: 'BDT', hostedUrl: expect.any(String) })])

    const change = await api('POST', `/billing/change?tenant=${shop.tenant.id}`, { token: shop.token, body: { plan: pro.id, interval: 'month' } })
    expect(change.status).toBe(200)
    expect(change.body.subscription).toMatchObject({ status: 'active', interval: 'month' })
    await settle(payload, stripe)
    sub = await subscriptionOf(payload, shop.tenant.id)
    expect(sub).toMatchObject({ plan: pro.id, stripePriceId: pro.stripe!.monthlyPriceId })
    expect(await tenantNow(payload, shop.tenant.id)).toMatchObject({ plan: pro.id })
    expect(stripe.calls.some((c) => c.method === 'POST' && c.path === `/v1/subscriptions/${sub!.stripeSubscriptionId}` && c.params.proration_behavior === 'create_prorations')).toBe(true)
    // Choosing what it already has is a 409 that says so.
    expect((await api('POST', `/billing/change?tenant=${shop.tenant.id}`, { token: shop.token, body: { plan: pro.id, interval: 'month' } })).status).toBe(409)

    const cancel = await api('POST', `/billing/cancel?tenant=${shop.tenant.id}`, { token: shop.token, body: {} })
    expect(cancel.body.subscription).toMatchObject({ cancelAtPeriodEnd: true, status: 'active' })
    const resume = await api('POST', `/billing/cancel?tenant=${shop.tenant.id}`, { token: shop.token, body: { resume: true } })
    expect(resume.body.subscription).toMatchObject({ cancelAtPeriodEnd: false })
    const portal = await api('POST', `/billing/portal?tenant=${shop.tenant.id}`, { token: shop.token })
    expect(portal.body.url).toContain(`${stripe.url}/portal/`)
  })

  it('a failed renewal gives a grace period, then suspends the shop "Unpaid invoice"; paying reactivates it', async () => {
    const shop = await billingShop(payload, { status: 'active', trialEndsAt: null })
    await subscribe(payload, stripe, shop, basic)
    const sub = (await subscriptionOf(payload, shop.tenant.id))!
    await stripe.advance(sub.stripeSubscriptionId!, { fail: true })
    await settle(payload, stripe)
    const pastDue = (await subscriptionOf(payload, shop.tenant.id))!
    expect(pastDue).toMatchObject({ status: 'past_due', paymentFailing: true })
    const grace = Date.parse(pastDue.graceEndsAt!) - Date.parse(pastDue.pastDueSince!)
    expect(grace).toBe(7 * 86_400_000)
    expect((await tenantNow(payload, shop.tenant.id)).status).toBe('active')
    const status = await api('GET', `/billing/status?tenant=${shop.tenant.id}`, { token: shop.token })
    expect(status.body).toMatchObject({ status: 'past_due', graceEndsAt: pastDue.graceEndsAt })

    // The grace check before the end changes nothing; after it, the shop is suspended.
    await payload.jobs.queue({ task: 'billingGraceCheck', input: {} })
    await drainQueue(payload)
    expect((await tenantNow(payload, shop.tenant.id)).status).toBe('active')
    await asSystem(() => payload.update({ collection: 'subscriptions', id: pastDue.id, data: { graceEndsAt: new Date(Date.now() - 1000).toISOString() }, overrideAccess: true }))
    await payload.jobs.queue({ task: 'billingGraceCheck', input: {} })
    await drainQueue(payload)
    expect(await tenantNow(payload, shop.tenant.id)).toMatchObject({ status: 'suspended', suspendedReason: 'Unpaid invoice' })

    const open = [...stripe.state.invoices.values()].find((i) => i.parent?.subscription_details?.subscription === sub.stripeSubscriptionId && i.status === 'open')!
    await stripe.payInvoice(open.id)
    await settle(payload, stripe)
    expect(await subscriptionOf(payload, shop.tenant.id)).toMatchObject({ status: 'active', paymentFailing: false, graceEndsAt: null })
    expect((await tenantNow(payload, shop.tenant.id)).status).toBe('active')
  })

  it('applies a duplicate or out-of-order delivery once, converging on Stripe’s state', async () => {
    const shop = await billingShop(payload, { status: 'active', trialEndsAt: null })
    stripe.hold()
    const res = await api('POST', `/billing/checkout?tenant=${shop.tenant.id}`, { token: shop.token, body: { plan: basic.id, interval: 'month' } })
    await stripe.pay(String(res.body.url).split('/checkout/')[1])
    const held = stripe.held()
    expect(held.length).toBeGreaterThan(2)
    await stripe.release('reverse')
    for (const e of held) await stripe.redeliver(e.id)
    await settle(payload, stripe)
    const stored = await asSystem(() => payload.find({ collection: 'billing-events', where: { tenant: { equals: shop.tenant.id } }, depth: 0, limit: 100, overrideAccess: true }))
    expect(stored.docs.map((e) => e.eventId).sort()).toEqual(held.map((e) => e.id).sort())
    expect(stored.docs.every((e) => e.state === 'done')).toBe(true)
    expect(await subscriptionOf(payload, shop.tenant.id)).toMatchObject({ status: 'active', plan: basic.id })
  })

  it('refuses a forged or stale signature with 400 and stores nothing', async () => {
    const before = (await asSystem(() => payload.count({ collection: 'billing-events', overrideAccess: true }))).totalDocs
    const body = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'invoice.paid', created: Math.floor(Date.now() / 1000), data: { object: { id: 'in_x', object: 'invoice', customer: 'cus_x' } } })
    const forged = await rawApi('POST', '/billing/stripe/webhook', { headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(body, 'whsec_wrong') }, body })
    expect(forged.status).toBe(400)
    expect(JSON.parse(forged.text)).toMatchObject({ error: 'invalid_input' })
    const stale = await rawApi('POST', '/billing/stripe/webhook', {
      headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600) },
      body,
    })
    expect(stale.status).toBe(400)
    const missing = await rawApi('POST', '/billing/stripe/webhook', { headers: { 'content-type': 'application/json' }, body })
    expect(missing.status).toBe(400)
    expect((await asSystem(() => payload.count({ collection: 'billing-events', overrideAccess: true }))).totalDocs).toBe(before)
  })
})
