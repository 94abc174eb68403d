import { type Ctx } from './context'
import { invalid, missing, StripeFakeError } from './errors'
import { type Params } from './form'
import { arr, bool, found, int, listOf, str } from './params'
import { attemptPayment, createInvoice, cycleLines, emitUpdated, type Period, makeLine } from './invoices'
import { type ApiRoute } from './server'
import { addInterval, clone, type Invoice, type Item, type Line, mergeMetadata, newId, type Price, type Subscription } from './store'

/**
 * Subscriptions: created by a paid checkout session; updated (price swap with prorations,
 * cancel_at_period_end, metadata, trial_end=now), canceled; and the test's clock: `advance` ends
 * the current period (the fake's periods are virtual: the wall clock does not move).
 */

const fmt = (t: number) => new Date(t * 1000).toISOString().slice(0, 10)

function periodOf(sub: Subscription): Period {
  const first = sub.items.data[0]
  return { start: first.current_period_start, end: first.current_period_end }
}

function nextEnd(price: Price, start: number): number {
  return addInterval(start, price.recurring?.interval ?? 'month', price.recurring?.interval_count ?? 1)
}

/** The check Stripe makes: every recurring price of a subscription bills on the same interval and currency. */
export function checkPrices(prices: Price[], param: string): void {
  for (const p of prices) {
    if (!p.active) throw invalid(`The price specified is inactive. This field only accepts active prices.`, param)
    if (!p.recurring) throw invalid(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param)
  }
  const first = prices[0]
  if (prices.some((p) => p.recurring?.interval !== first.recurring?.interval || p.recurring?.interval_count !== first.recurring?.interval_count))
    throw invalid('All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.', param)
  if (prices.some((p) => p.currency !== first.currency)) throw invalid('All prices on a subscription must have the same currency.', param)
}

/** A new subscription (trialing until `trialEnd`, else active) and its first invoice (open; the caller charges it and emits). */
export function createSubscription(
  ctx: Ctx,
  o: { customer: string; items: { price: Price; quantity?: number }[]; metadata: Record<string, string>; trialEnd: null | number },
): { sub: Subscription; invoice: Invoice } {
  const { store } = ctx
  const now = store.now()
  const id = newId('sub', 24)
  const end = o.trialEnd ?? nextEnd(o.items[0].price, now)
  const items: Item[] = o.items.map((x) => ({
    id: newId('si', 14),
    object: 'subscription_item',
    created: now,
    current_period_start: now,
    current_period_end: end,
    discounts: [],
    metadata: {},
    price: clone(x.price),
    ...(x.price.recurring?.usage_type === 'metered' ? {} : { quantity: x.quantity ?? 1 }),
    subscription: id,
    tax_rates: [],
  }))
  const pm = newId('pm', 24)
  const sub: Subscription = {
    id,
    object: 'subscription',
    application: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: end,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: o.items[0].price.currency,
    customer: o.customer,
    default_payment_method: pm,
    description: null,
    discounts: [],
    ended_at: null,
    items: { object: 'list', data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    metadata: o.metadata,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: o.trialEnd ? 'trialing' : 'active',
    test_clock: null,
    trial_end: o.trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: o.trialEnd ? now : null,
  }
  store.subscriptions.set(id, sub)
  const customer = store.customers.get(o.customer)
  if (customer) customer.invoice_settings.default_payment_method = pm
  const period = { start: now, end }
  const lines = o.trialEnd
    ? items.map((item) => makeLine(ctx, sub, item, { amount: 0, quantity: item.quantity ?? 0, period, description: `Trial period for ${store.products.get(item.price.product)?.name ?? item.price.product}` }))
    : cycleLines(ctx, sub, period, period, true)
  return { sub, invoice: createInvoice(ctx, sub, lines, 'subscription_create', period) }
}

/** Proration lines for replacing `from` by `to` (licensed) over what is left of the period at `at`. */
function prorations(ctx: Ctx, sub: Subscription, item: Item, from: Price, to: Price, at: number): Line[] {
  const { start, end } = periodOf(sub)
  const t = Math.min(Math.max(at, start), end)
  const fraction = end > start ? (end - t) / (end - start) : 0
  const qty = item.quantity ?? 1
  const name = (p: Price) => ctx.store.products.get(p.product)?.name ?? p.product
  const period = { start: t, end }
  const credit = makeLine(
    ctx,
    sub,
    { ...item, price: from },
    { amount: -Math.round(from.unit_amount * qty * fraction), quantity: qty, period, proration: true, description: `Unused time on ${qty} × ${name(from)} after ${fmt(t)}` },
  )
  const charge = makeLine(
    ctx,
    sub,
    { ...item, price: to },
    { amount: Math.round(to.unit_amount * qty * fraction), quantity: qty, period, proration: true, description: `Remaining time on ${qty} × ${name(to)} after ${fmt(t)}` },
  )
  return [credit, charge]
}

export type Subscriptions = {
  routes: ApiRoute[]
  /** Ends the current period (see FakeStripe.advance). */
  advance(sub: Subscription, o?: { fail?: boolean }): { invoice: Invoice | null }
}

export function subscriptionModule(ctx: Ctx): Subscriptions {
  const { store, hooks } = ctx
  const get = (id: string) => found(store.subscriptions, id, 'subscription')

  function advance(sub: Subscription, o: { fail?: boolean } = {}): { invoice: Invoice | null } {
    if (sub.status === 'canceled') throw new Error(`fake stripe: subscription ${sub.id} is canceled`)
    const ended = periodOf(sub)
    const before = clone(sub)
    if (sub.cancel_at_period_end) {
      Object.assign(sub, { status: 'canceled', ended_at: ended.end, canceled_at: sub.canceled_at ?? store.now() })
      hooks.emit('customer.subscription.deleted', sub, undefined, store.now())
      return { invoice: null }
    }
    const start = sub.status === 'trialing' ? Math.min(sub.trial_end ?? ended.end, ended.end) : ended.end
    ended.end = start
    const next = { start, end: nextEnd(sub.items.data[0].price, start) }
    for (const item of sub.items.data) Object.assign(item, { current_period_start: next.start, current_period_end: next.end })
    if (sub.status === 'trialing') sub.status = 'active'
    sub.billing_cycle_anchor = sub.billing_cycle_anchor ?? next.start
    const invoice = createInvoice(ctx, sub, cycleLines(ctx, sub, ended, next, true), 'subscription_cycle', ended)
    emitUpdated(ctx, sub, before)
    hooks.emit('invoice.finalized', invoice, undefined, store.now())
    attemptPayment(ctx, invoice, o)
    return { invoice }
  }

  function update(sub: Subscription, p: Params): Subscription {
    const before = clone(sub)
    if (sub.status === 'canceled') {
      if (Object.keys(p).some((k) => k !== 'metadata' && k !== 'cancellation_details' && k !== 'expand')) throw invalid('A canceled subscription can only update its cancellation_details and metadata.')
      sub.metadata = mergeMetadata(sub.metadata, p.metadata)
      emitUpdated(ctx, sub, before)
      return sub
    }
    const behavior = str(p, 'proration_behavior') ?? 'create_prorations'
    if (!['create_prorations', 'always_invoice', 'none'].includes(behavior)) throw invalid('Invalid proration_behavior: must be one of always_invoice, create_prorations, or none', 'proration_behavior')
    const at = int(p, 'proration_date') ?? store.now()
    const oldInterval = sub.items.data[0].price.recurring
    const lines: Line[] = []
    for (const [i, raw] of (arr(p, 'items') ?? []).entries()) {
      if (typeof raw === 'string' || Array.isArray(raw)) throw invalid('Invalid array', 'items')
      const itemId = str(raw, 'id')
      const priceId = str(raw, 'price')
      const price = priceId ? found(store.prices, priceId, 'price', `items[${i}][price]`) : undefined
      if (price) checkPrices([price], `items[${i}][price]`)
      const item = itemId ? sub.items.data.find((x) => x.id === itemId) : undefined
      if (itemId && !item) throw missing('subscription item', itemId, `items[${i}][id]`)
      if (item && bool(raw, 'deleted', `items[${i}][deleted]`) === true) {
        sub.items.data = sub.items.data.filter((x) => x !== item)
        continue
      }
      if (price && sub.items.data.some((x) => x !== item && x.price.id === price.id)) throw invalid(`Cannot add multiple subscription items with the same price: ${price.id}`, `items[${i}][price]`)
      const quantity = int(raw, 'quantity', `items[${i}][quantity]`)
      if (item) {
        const from = item.price
        if (price && price.id !== from.id) {
          const licensed = from.recurring?.usage_type !== 'metered' && price.recurring?.usage_type !== 'metered'
          if (licensed && behavior !== 'none' && sub.status !== 'trialing' && from.recurring?.interval === price.recurring?.interval) lines.push(...prorations(ctx, sub, item, from, price, at))
          item.price = clone(price)
          if (price.recurring?.usage_type === 'metered') delete item.quantity
          else item.quantity ??= 1
        }
        if (quantity !== undefined && item.price.recurring?.usage_type !== 'metered') item.quantity = quantity
      } else if (price) {
        const { start, end } = periodOf(sub)
        const added: Item = {
          id: newId('si', 14),
          object: 'subscription_item',
          created: store.now(),
          current_period_start: start,
          current_period_end: end,
          discounts: [],
          metadata: {},
          price: clone(price),
          subscription: sub.id,
          tax_rates: [],
        }
        if (price.recurring?.usage_type !== 'metered') added.quantity = quantity ?? 1
        sub.items.data.push(added)
      } else throw invalid('You must pass either an id or a price for each item.', `items[${i}]`)
    }
    if (sub.items.data.length === 0) throw invalid('A subscription must have at least one active plan.', 'items')
    checkPrices(
      sub.items.data.map((x) => x.price),
      'items',
    )
    sub.items.total_count = sub.items.data.length
    const cancelAtEnd = bool(p, 'cancel_at_period_end')
    if (cancelAtEnd !== undefined) {
      sub.cancel_at_period_end = cancelAtEnd
      sub.cancel_at = cancelAtEnd ? periodOf(sub).end : null
      sub.canceled_at = cancelAtEnd ? store.now() : null
      sub.cancellation_details = { comment: null, feedback: null, reason: cancelAtEnd ? 'cancellation_requested' : null }
    }
    sub.metadata = mergeMetadata(sub.metadata, p.metadata)
    const newInterval = sub.items.data[0].price.recurring
    let invoice: Invoice | null = null
    if (oldInterval?.interval !== newInterval?.interval || oldInterval?.interval_count !== newInterval?.interval_count) {
      // A new billing interval resets the cycle: the unused time is credited and the new period is billed now.
      const { start, end } = periodOf(sub)
      const now = store.now()
      const fraction = end > start ? (end - Math.min(Math.max(at, start), end)) / (end - start) : 0
      const credit = before.items.data
        .filter((x) => x.price.recurring?.usage_type !== 'metered')
        .map((x) =>
          makeLine(ctx, sub, x, {
            amount: -Math.round(x.price.unit_amount * (x.quantity ?? 1) * fraction),
            quantity: x.quantity ?? 1,
            period: { start: now, end },
            proration: true,
            description: `Unused time on ${x.price.id} after ${fmt(now)}`,
          }),
        )
      const next = { start: now, end: nextEnd(sub.items.data[0].price, now) }
      const ended = { start, end: now }
      for (const item of sub.items.data) Object.assign(item, { current_period_start: next.start, current_period_end: next.end })
      sub.billing_cycle_anchor = now
      if (sub.status === 'trialing') Object.assign(sub, { status: 'active', trial_end: now })
      store.pendingLines.set(sub.id, [...(store.pendingLines.get(sub.id) ?? []), ...(behavior === 'none' ? [] : credit)])
      invoice = createInvoice(ctx, sub, cycleLines(ctx, sub, ended, next, true), 'subscription_update', ended)
    } else if (lines.length > 0 || (behavior === 'always_invoice' && store.pendingLines.has(sub.id))) {
      store.pendingLines.set(sub.id, [...(store.pendingLines.get(sub.id) ?? []), ...lines])
      if (behavior === 'always_invoice') {
        const pending = store.pendingLines.get(sub.id) ?? []
        store.pendingLines.delete(sub.id)
        invoice = createInvoice(ctx, sub, pending, 'subscription_update', periodOf(sub))
      }
    }
    if (str(p, 'trial_end') === 'now' && sub.status === 'trialing') {
      emitUpdated(ctx, sub, before)
      advance(sub)
      return sub
    }
    emitUpdated(ctx, sub, before)
    if (invoice) {
      hooks.emit('invoice.finalized', invoice, undefined, store.now())
      attemptPayment(ctx, invoice)
    }
    return sub
  }

  function cancel(sub: Subscription): Subscription {
    if (sub.status === 'canceled') throw new StripeFakeError(400, { type: 'invalid_request_error', message: `This subscription is already canceled: ${sub.id}` })
    const now = store.now()
    Object.assign(sub, { status: 'canceled', canceled_at: now, ended_at: now, cancellation_details: { comment: null, feedback: null, reason: 'cancellation_requested' } })
    store.pendingLines.delete(sub.id)
    hooks.emit('customer.subscription.deleted', sub, undefined, now)
    return sub
  }

  const routes: ApiRoute[] = [
    {
      method: 'GET',
      path: /^\/v1\/subscriptions$/,
      handle: (r) => {
        const [customer, status, price] = [str(r.params, 'customer'), str(r.params, 'status'), str(r.params, 'price')]
        const rows = [...store.subscriptions.values()].filter(
          (s) => (!customer || s.customer === customer) && (status === 'all' || (status ? s.status === status : s.status !== 'canceled')) && (!price || s.items.data.some((x) => x.price.id === price)),
        )
        return listOf(rows, r.params, '/v1/subscriptions')
      },
    },
    { method: 'GET', path: /^\/v1\/subscriptions\/([^/]+)$/, handle: (_r, m) => get(m[1]) },
    { method: 'POST', path: /^\/v1\/subscriptions\/([^/]+)$/, handle: (r, m) => update(get(m[1]), r.params) },
    { method: 'DELETE', path: /^\/v1\/subscriptions\/([^/]+)$/, handle: (_r, m) => cancel(get(m[1])) },
  ]
  return { routes, advance }
}
