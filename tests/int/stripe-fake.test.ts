import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startWebhookReceiver, type WebhookReceiver } from '../fakes/couriers'
import { parseForm, startFakeStripe, type FakeStripe } from '../fakes/stripe'

/**
 * The Stripe fake (tests/fakes/stripe) through stripe-node over loopback HTTP (no Payload): the wire
 * (auth, envelopes, idempotency, lists, expand), the catalog and meters, checkout → subscription,
 * prorations, renewals with failed payments, cancellation, and webhooks verified by stripe-node's
 * `constructEvent` on a loopback receiver.
 */

const SECRET = 'whsec_test_primary'
let fake: FakeStripe
let stripe: Stripe
let receiver: WebhookReceiver
/** Events the receiver verified, in arrival order; `replyStatus` is what it answers next. */
const verified: Stripe.Event[] = []
let replyStatus = 200

const err = async (p: Promise<unknown>): Promise<Stripe.errors.StripeError> => {
  try {
    await p
  } catch (e) {
    return e as Stripe.errors.StripeError
  }
  throw new Error('expected the call to fail')
}
const typesSince = (n: number) => fake.events.slice(n).map((e) => e.type)

beforeAll(async () => {
  fake = await startFakeStripe()
  stripe = new Stripe(fake.apiKey, fake.clientOptions)
  receiver = await startWebhookReceiver(({ raw, headers }) => {
    try {
      verified.push(stripe.webhooks.constructEvent(raw, headers['stripe-signature'] ?? '', SECRET))
    } catch (e) {
      return { status: 400, body: { error: (e as Error).message } }
    }
    return { status: replyStatus, body: { received: true } }
  })
  fake.setWebhook(receiver.url, SECRET)
})
afterAll(async () => {
  await fake?.close()
  await receiver?.close()
})
beforeEach(() => {
  replyStatus = 200
})

/** A plan as the billing plugin syncs it: a product, a monthly and a yearly price, a metered price on a meter. */
async function catalog(tag: string, monthly = 1000) {
  const product = await stripe.products.create({ name: `Plan ${tag}`, metadata: { plan: tag } })
  const month = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: monthly, recurring: { interval: 'month' }, metadata: { plan: tag, interval: 'month' } })
  const year = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: monthly * 10, recurring: { interval: 'year' } })
  const meter = await stripe.billing.meters.create({
    display_name: `Messages ${tag}`,
    event_name: `messages_${tag}`,
    default_aggregation: { formula: 'sum' },
    customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
    value_settings: { event_payload_key: 'value' },
  })
  const metered = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3, recurring: { interval: 'month', usage_type: 'metered', meter: meter.id } })
  return { product, month, year, meter, metered }
}

/** A customer subscribed through checkout, paid through the fake's HTML page. */
async function subscribe(tag: string, o: { trialEnd?: number } = {}) {
  const plan = await catalog(tag)
  const customer = await stripe.customers.create({ email: `${tag}@shop.test`, name: tag, metadata: { tenant: tag } })
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: plan.month.id, quantity: 1 }, { price: plan.metered.id }],
    success_url: 'http://127.0.0.1:9/billing?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/billing?canceled=1',
    client_reference_id: tag,
    metadata: { tenant: tag },
    subscription_data: { metadata: { tenant: tag, plan: tag }, ...(o.trialEnd ? { trial_end: o.trialEnd } : {}) },
  })
  return { plan, customer, session }
}

describe('the wire, as stripe-node speaks it', () => {
  it('parses bracket nesting into objects and arrays', () => {
    expect(parseForm('a[b][0][c]=v&a[b][1][c]=w&expand[]=x&expand[]=y&metadata[k]=a%20b+c')).toEqual({ a: { b: [{ c: 'v' }, { c: 'w' }] }, expand: ['x', 'y'], metadata: { k: 'a b c' } })
  })

  it('authenticates Bearer and basic keys, answers 401/404/400 in Stripe’s envelope with a Request-Id', async () => {
    const bad = await err(new Stripe('sk_test_unknown', fake.clientOptions).customers.create({}))
    expect(bad).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect(bad.statusCode).toBe(401)
    const basic = await fetch(`${fake.url}/v1/customers`, { headers: { authorization: `Basic ${Buffer.from(`${fake.apiKey}:`).toString('base64')}` } })
    expect(basic.status).toBe(200)
    expect(basic.headers.get('request-id')).toMatch(/^req_/)
    expect(await basic.json()).toMatchObject({ object: 'list', has_more: false, url: '/v1/customers' })
    const missing = await err(stripe.customers.retrieve('cus_missing'))
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', type: 'StripeInvalidRequestError' })
    expect(missing.requestId).toMatch(/^req_/)
    const raw = await (await fetch(`${fake.url}/v1/customers/cus_missing`, { headers: { authorization: `Bearer ${fake.apiKey}` } })).json()
    expect(raw.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'cus_missing'" })
    expect(await err(stripe.prices.create({ currency: 'usd', unit_amount: 1 }))).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'product' })
  })

  it('replays a POST with the same Idempotency-Key and refuses the key with other parameters', async () => {
    const a = await stripe.customers.create({ email: 'idem@shop.test' }, { idempotencyKey: 'k-1' })
    const b = await stripe.customers.create({ email: 'idem@shop.test' }, { idempotencyKey: 'k-1' })
    expect(b.id).toBe(a.id)
    expect(fake.calls.at(-1)?.replayed).toBe(true)
    expect(await err(stripe.customers.create({ email: 'other@shop.test' }, { idempotencyKey: 'k-1' }))).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('injects faults: failNext (optionally by path), down (refused or 503) and up', async () => {
    fake.failNext(1, 429)
    expect(await err(stripe.customers.list())).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    fake.failNext(1, 500, { message: 'boom' }, { method: 'POST', path: /^\/v1\/products$/ })
    await stripe.customers.list()
    expect(await err(stripe.products.create({ name: 'x' }))).toMatchObject({ statusCode: 500, message: 'boom' })
    await fake.down()
    expect(await err(stripe.customers.list())).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    await fake.down('503')
    expect((await err(stripe.customers.list())).statusCode).toBe(503)
    await fake.up()
    expect((await stripe.customers.list()).object).toBe('list')
  })
})

describe('catalog and meters', () => {
  it('creates, updates, lists and archives customers, products and prices', async () => {
    const c = await stripe.customers.create({ email: 'c@shop.test', name: 'C', metadata: { tenant: 't-c', gone: 'x' } })
    const u = await stripe.customers.update(c.id, { name: 'C2', metadata: { gone: '' } })
    expect(u).toMatchObject({ name: 'C2', email: 'c@shop.test', metadata: { tenant: 't-c' } })
    expect(u.metadata).not.toHaveProperty('gone')
    expect((await stripe.customers.retrieve(c.id)).id).toBe(c.id)
    const plan = await catalog('cat')
    expect((await stripe.products.update(plan.product.id, { name: 'Renamed' })).name).toBe('Renamed')
    expect((await stripe.products.list({ limit: 100 })).data.map((p) => p.id)).toContain(plan.product.id)
    expect(plan.metered.recurring).toMatchObject({ interval: 'month', usage_type: 'metered', meter: plan.meter.id })
    const all = await stripe.prices.list({ product: plan.product.id })
    expect(all.data.map((p) => p.id).sort()).toEqual([plan.month.id, plan.year.id, plan.metered.id].sort())
    expect((await stripe.prices.update(plan.year.id, { active: false })).active).toBe(false)
    const active = await stripe.prices.list({ product: plan.product.id, active: true })
    expect(active.data.map((p) => p.id)).not.toContain(plan.year.id)
    expect((await stripe.prices.retrieve(plan.year.id)).active).toBe(false)
    const noMeter = { product: plan.product.id, currency: 'usd', unit_amount: 1, recurring: { interval: 'month' as const, usage_type: 'metered' as const } }
    expect((await err(stripe.prices.create(noMeter))).statusCode).toBe(400)
  })

  it('lists meters and dedupes meter events by identifier (400 duplicate_meter_event, counted once)', async () => {
    const plan = await catalog('mtr')
    expect((await stripe.billing.meters.list()).data.map((m) => m.id)).toContain(plan.meter.id)
    expect((await stripe.billing.meters.retrieve(plan.meter.id)).event_name).toBe('messages_mtr')
    const cus = await stripe.customers.create({ email: 'm@shop.test' })
    const event = { event_name: 'messages_mtr', payload: { stripe_customer_id: cus.id, value: '7' }, identifier: 'mtr-1' }
    expect(await stripe.billing.meterEvents.create(event)).toMatchObject({ object: 'billing.meter_event', identifier: 'mtr-1', payload: { value: '7' } })
    expect(await err(stripe.billing.meterEvents.create(event))).toMatchObject({ statusCode: 400, code: 'duplicate_meter_event' })
    await stripe.billing.meterEvents.create({ ...event, identifier: 'mtr-2', payload: { ...event.payload, value: '5' } })
    expect(fake.usage(cus.id, plan.meter.id)).toBe(12)
  })
})

describe('checkout → subscription → renewals', () => {
  it('pays a checkout page: an active subscription, a paid first invoice, signed events in order, the redirect', async () => {
    const { session, plan, customer } = await subscribe('chk')
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', subscription: null, client_reference_id: 'chk', metadata: { tenant: 'chk' } })
    const html = await (await fetch(session.url ?? '')).text()
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(html).toContain('Pay')
    expect(html).toContain('http://127.0.0.1:9/billing?canceled=1')
    const before = fake.events.length
    const res = await fetch(new URL(action, fake.url), { method: 'POST', body: 'outcome=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`http://127.0.0.1:9/billing?session=${session.id}`)
    expect(typesSince(before)).toEqual(['customer.subscription.created', 'invoice.finalized', 'invoice.paid', 'checkout.session.completed'])
    expect(verified.slice(-4).map((e) => e.id)).toEqual(fake.events.slice(before).map((e) => e.id))
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription', 'subscription.latest_invoice'] })
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id })
    const sub = done.subscription as Stripe.Subscription
    const invoice = sub.latest_invoice as Stripe.Invoice
    expect(sub).toMatchObject({ status: 'active', customer: customer.id, metadata: { tenant: 'chk', plan: 'chk' } })
    expect(sub.items.data.map((i) => i.price.id)).toEqual([plan.month.id, plan.metered.id])
    expect(sub.items.data[0].current_period_end).toBeGreaterThan(sub.items.data[0].current_period_start)
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: plan.month.unit_amount, billing_reason: 'subscription_create', parent: { subscription_details: { subscription: sub.id } } })
    expect(invoice.number).toMatch(/^FAKE-\d{4}$/)
    expect((await fetch(invoice.invoice_pdf ?? '')).headers.get('content-type')).toBe('application/pdf')
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'http://127.0.0.1:9/billing' })
    const portalHtml = await (await fetch(portal.url)).text()
    expect(portalHtml).toContain(invoice.number ?? '')
    expect(portalHtml).toContain('Return')
  })

  it('a declined checkout leaves the session open; a trial subscribes trialing until endTrial', async () => {
    const { session } = await subscribe('trl', { trialEnd: Math.floor(Date.now() / 1000) + 7 * 86_400 })
    const trial = await fake.pay(session.id)
    expect(trial.subscription).toMatchObject({ status: 'trialing' })
    expect(trial.invoice).toMatchObject({ amount_due: 0, status: 'paid' })
    const id = trial.subscription?.id ?? ''
    expect((await fake.trialWillEnd(id)).type).toBe('customer.subscription.trial_will_end')
    const ended = await fake.endTrial(id)
    expect(ended.subscription.status).toBe('active')
    expect(ended.invoice).toMatchObject({ status: 'paid', billing_reason: 'subscription_cycle' })
    const declined = await subscribe('dcl')
    expect((await fake.pay(declined.session.id, { fail: true })).ok).toBe(false)
    expect((await stripe.checkout.sessions.retrieve(declined.session.id)).status).toBe('open')
  })

  it('swaps the price with prorations: always_invoice bills the prorated difference now, create_prorations waits for the preview', async () => {
    const { session, plan } = await subscribe('pro')
    const sub = (await fake.pay(session.id)).subscription as unknown as Stripe.Subscription
    const bigger = await stripe.prices.create({ product: plan.product.id, currency: 'usd', unit_amount: 3000, recurring: { interval: 'month' } })
    const [item] = sub.items.data
    const at = item.current_period_start + Math.floor((item.current_period_end - item.current_period_start) / 4)
    const before = fake.events.length
    const updated = await stripe.subscriptions.update(sub.id, { items: [{ id: item.id, price: bigger.id }], proration_behavior: 'always_invoice', proration_date: at, expand: ['latest_invoice'] })
    await fake.waitForDeliveries()
    const invoice = updated.latest_invoice as Stripe.Invoice
    const fraction = (item.current_period_end - at) / (item.current_period_end - item.current_period_start)
    expect(invoice.amount_due).toBe(Math.round(3000 * fraction) - Math.round(plan.month.unit_amount! * fraction))
    expect(invoice).toMatchObject({ status: 'paid', billing_reason: 'subscription_update' })
    expect(updated.items.data[0].price.id).toBe(bigger.id)
    expect(typesSince(before)).toEqual(['customer.subscription.updated', 'invoice.finalized', 'invoice.paid'])
    const change = fake.events[before]
    expect((change.data.previous_attributes?.items as Stripe.ApiList<Stripe.SubscriptionItem>).data[0].price.id).toBe(plan.month.id)
    await stripe.subscriptions.update(sub.id, { items: [{ id: item.id, price: plan.month.id }], proration_behavior: 'create_prorations', proration_date: at })
    const preview = await stripe.invoices.createPreview({ subscription: sub.id })
    const prorations = preview.lines.data.filter((l) => l.parent?.subscription_item_details?.proration)
    expect(prorations.reduce((s, l) => s + l.amount, 0)).toBe(Math.round(plan.month.unit_amount! * fraction) - Math.round(3000 * fraction))
  })

  it('renews with metered usage; a declined renewal goes past_due until the customer pays', async () => {
    const { session, plan, customer } = await subscribe('ren')
    const sub = (await fake.pay(session.id)).subscription as unknown as Stripe.Subscription
    for (const [i, value] of ['40', '60'].entries()) await stripe.billing.meterEvents.create({ event_name: 'messages_ren', payload: { stripe_customer_id: customer.id, value }, identifier: `ren-${i}` })
    const expected = plan.month.unit_amount! + 100 * plan.metered.unit_amount!
    expect((await stripe.invoices.createPreview({ customer: customer.id })).amount_due).toBe(expected)
    const paid = await fake.advance(sub.id)
    expect(paid.invoice).toMatchObject({ status: 'paid', amount_paid: expected, billing_reason: 'subscription_cycle' })
    expect(paid.subscription.items.data[0].current_period_start).toBe(sub.items.data[0].current_period_end)
    fake.setCardFailing(customer.id, true)
    const before = fake.events.length
    const failed = await fake.advance(sub.id)
    expect(failed.invoice).toMatchObject({ status: 'open', amount_due: plan.month.unit_amount, attempt_count: 1 })
    expect(typesSince(before)).toEqual(['customer.subscription.updated', 'invoice.finalized', 'invoice.payment_failed', 'customer.subscription.updated'])
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due')
    expect(await err(stripe.invoices.pay(failed.invoice?.id ?? ''))).toMatchObject({ statusCode: 402, code: 'card_declined', type: 'StripeCardError' })
    await fake.payInvoice(failed.invoice?.id ?? '')
    expect((await stripe.invoices.retrieve(failed.invoice?.id ?? '')).status).toBe('paid')
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active')
    expect(fake.events.at(-1)?.data.previous_attributes).toMatchObject({ status: 'past_due' })
    const list = await stripe.invoices.list({ customer: customer.id, limit: 2 })
    expect(list).toMatchObject({ object: 'list', has_more: true })
    expect(list.data[0].id).toBe(failed.invoice?.id)
    expect((await stripe.invoices.list({ subscription: sub.id, status: 'paid' })).data).toHaveLength(3)
  })

  it('cancels at period end on advance, or at once with DELETE', async () => {
    const a = await subscribe('cae')
    const subA = (await fake.pay(a.session.id)).subscription?.id ?? ''
    expect((await stripe.subscriptions.update(subA, { cancel_at_period_end: true })).cancel_at_period_end).toBe(true)
    expect(await err(stripe.invoices.createPreview({ subscription: subA }))).toMatchObject({ statusCode: 404 })
    expect((await fake.advance(subA)).subscription.status).toBe('canceled')
    expect(fake.events.at(-1)?.type).toBe('customer.subscription.deleted')
    const b = await subscribe('del')
    const subB = (await fake.pay(b.session.id)).subscription?.id ?? ''
    expect((await stripe.subscriptions.cancel(subB)).status).toBe('canceled')
    await fake.waitForDeliveries()
    expect(verified.at(-1)).toMatchObject({ type: 'customer.subscription.deleted', data: { object: { id: subB } } })
  })
})

describe('webhook delivery', () => {
  it('signs with a second secret during rotation, and old timestamps fail stripe-node’s tolerance', async () => {
    fake.setWebhook(receiver.url, 'whsec_old', { secondSecret: SECRET })
    const { session } = await subscribe('rot')
    await fake.pay(session.id)
    expect(fake.deliveries.at(-1)).toMatchObject({ ok: true })
    expect(fake.deliveries.at(-1)?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/)
    fake.setWebhook(receiver.url, SECRET, { timestampOffset: -600 })
    await fake.redeliver(fake.events.at(-1)?.id ?? '')
    expect(fake.deliveries.at(-1)).toMatchObject({ ok: false, status: 400 })
    fake.setWebhook(receiver.url, SECRET)
  })

  it('holds events, releases them reversed or twice, records failed attempts and redelivers', async () => {
    fake.hold()
    const { session } = await subscribe('hld')
    await fake.pay(session.id)
    const held = fake.held().map((e) => e.id)
    expect(held).toHaveLength(4)
    const seen = verified.length
    await fake.release([held[3], held[3]])
    await fake.release('reverse')
    expect(verified.slice(seen).map((e) => e.id)).toEqual([held[3], held[3], held[2], held[1], held[0]])
    replyStatus = 500
    const failed = await fake.redeliver(held[0])
    expect(failed).toMatchObject({ ok: false, status: 500, attempt: 2 })
    replyStatus = 200
    expect(await fake.redeliver(held[0])).toMatchObject({ ok: true, attempt: 3 })
    const headers = receiver.received.at(-1)?.headers ?? {}
    expect(headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' })
  })
})
