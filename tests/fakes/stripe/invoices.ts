import { type Ctx } from './context'
import { declined, invalid, StripeFakeError } from './errors'
import { bool, found, int, listOf, str } from './params'
import { type ApiRoute } from './server'
import { addInterval, clone, type Customer, type Invoice, type Item, type Line, newId, type Subscription } from './store'

/**
 * Invoices: how the fake builds them (licensed lines in advance, metered usage in arrears, pending
 * prorations, the customer's credit balance), charges them (a card the test set failing declines)
 * and the API: list, retrieve, create_preview, pay.
 */

export type Period = { start: number; end: number }

const money = (amount: number, currency: string) => `${currency.toUpperCase()} ${(amount / 100).toFixed(2)}`

/** Top-level keys whose value differs, with their old values (`data.previous_attributes`). */
export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(after)) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = before[k] ?? null
  return out
}

/** Emits customer.subscription.updated when `sub` differs from `before` (a clone taken before the change). */
export function emitUpdated(ctx: Ctx, sub: Subscription, before: Subscription): void {
  const previous = previousAttributes(before, sub)
  if (Object.keys(previous).length > 0) ctx.hooks.emit('customer.subscription.updated', sub, previous, ctx.store.now())
}

export function makeLine(ctx: Ctx, sub: Subscription, item: Item, o: { amount: number; quantity: null | number; period: Period; description?: string; proration?: boolean; unit?: number }): Line {
  const price = item.price
  const product = ctx.store.products.get(price.product)?.name ?? price.product
  const per = price.recurring ? ` / ${price.recurring.interval}` : ''
  return {
    id: newId('il', 24),
    object: 'line_item',
    amount: o.amount,
    currency: price.currency,
    description: o.description ?? `${o.quantity ?? 0} × ${product} (at ${money(price.unit_amount, price.currency)}${per})`,
    discount_amounts: [],
    discountable: !o.proration,
    discounts: [],
    livemode: false,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      subscription_item_details: { invoice_item: null, proration: o.proration === true, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: item.id },
    },
    period: o.period,
    pretax_credit_amounts: [],
    pricing: { type: 'price_details', price_details: { price: price.id, product: price.product }, unit_amount_decimal: String(o.unit ?? price.unit_amount) },
    quantity: o.quantity,
    taxes: [],
  }
}

/** The lines of the invoice that ends `ended` and starts `next`: pending prorations, licensed items for `next`, metered usage of `ended`. */
export function cycleLines(ctx: Ctx, sub: Subscription, ended: Period, next: Period, consume: boolean): Line[] {
  const pending = ctx.store.pendingLines.get(sub.id) ?? []
  if (consume) ctx.store.pendingLines.delete(sub.id)
  const lines = sub.items.data.map((item) => {
    if (item.price.recurring?.usage_type === 'metered') {
      const used = item.price.recurring.meter ? ctx.store.usage(sub.customer, item.price.recurring.meter, ended.start) : 0
      return makeLine(ctx, sub, item, { amount: Math.round(used * item.price.unit_amount), quantity: used, period: ended })
    }
    const qty = item.quantity ?? 1
    return makeLine(ctx, sub, item, { amount: item.price.unit_amount * qty, quantity: qty, period: next })
  })
  return [...pending, ...lines]
}

function invoiceShell(ctx: Ctx, sub: Subscription, lines: Line[], billingReason: string, period: Period, id: string): Invoice {
  const customer = ctx.store.customers.get(sub.customer) as Customer
  const now = ctx.store.now()
  const total = lines.reduce((s, l) => s + l.amount, 0)
  const applied = total + Math.min(0, customer.balance)
  for (const l of lines) (l as Record<string, unknown>).invoice = id
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Fake Stripe',
    amount_due: Math.max(0, applied),
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: Math.max(0, applied),
    amount_shipping: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_reason: billingReason,
    collection_method: 'charge_automatically',
    created: now,
    currency: sub.currency,
    customer: sub.customer,
    customer_email: customer.email,
    customer_name: customer.name,
    default_payment_method: null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id } },
    period_end: period.end,
    period_start: period.start,
    receipt_number: null,
    starting_balance: customer.balance,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_taxes: [],
  }
}

/** A finalized (open) invoice of `sub`, numbered, with its hosted pages; it becomes the subscription's latest_invoice. Emits nothing. */
export function createInvoice(ctx: Ctx, sub: Subscription, lines: Line[], billingReason: string, period: Period): Invoice {
  const inv = invoiceShell(ctx, sub, lines, billingReason, period, newId('in', 24))
  const customer = ctx.store.customers.get(sub.customer) as Customer
  const applied = inv.total + Math.min(0, customer.balance)
  customer.balance = Math.min(0, applied) + Math.max(0, customer.balance)
  inv.ending_balance = customer.balance
  inv.status = 'open'
  inv.number = ctx.store.nextInvoiceNumber()
  inv.effective_at = inv.created
  inv.status_transitions.finalized_at = inv.created
  inv.hosted_invoice_url = `${ctx.store.base}/invoices/${inv.id}`
  inv.invoice_pdf = `${ctx.store.base}/invoices/${inv.id}/pdf`
  ctx.store.invoices.set(inv.id, inv)
  sub.latest_invoice = inv.id
  return inv
}

/**
 * Charges an open invoice: nothing due, or a card that works → paid (invoice.paid; a past_due
 * subscription with nothing else open → active); a declined card (`fail`, or the customer's card
 * set failing) → still open, attempt_count + 1, retry in 3 days (invoice.payment_failed; an
 * active subscription → past_due). Returns whether it was paid.
 */
export function attemptPayment(ctx: Ctx, inv: Invoice, o: { fail?: boolean; outOfBand?: boolean } = {}): boolean {
  const { store, hooks } = ctx
  if (inv.status !== 'open') throw invalid(`Invoice is already ${inv.status}.`, undefined, 'invoice_not_open')
  const now = store.now()
  const sub = store.subscriptions.get(inv.parent.subscription_details.subscription)
  const declines = !o.outOfBand && inv.amount_due > 0 && (o.fail === true || store.failingCards.has(inv.customer))
  if (inv.amount_due > 0 && !o.outOfBand) {
    inv.attempt_count++
    inv.attempted = true
  }
  if (declines) {
    inv.next_payment_attempt = inv.attempt_count < 4 ? now + 3 * 86_400 : null
    hooks.emit('invoice.payment_failed', inv, undefined, now)
    if (sub && (sub.status === 'active' || sub.status === 'trialing')) {
      const before = clone(sub)
      sub.status = 'past_due'
      emitUpdated(ctx, sub, before)
    }
    return false
  }
  inv.status = 'paid'
  inv.amount_paid = inv.amount_due
  inv.amount_remaining = 0
  inv.next_payment_attempt = null
  inv.status_transitions.paid_at = now
  hooks.emit('invoice.paid', inv, undefined, now)
  if (sub && sub.status === 'past_due' && ![...store.invoices.values()].some((i) => i.status === 'open' && i.parent.subscription_details.subscription === sub.id)) {
    const before = clone(sub)
    sub.status = 'active'
    emitUpdated(ctx, sub, before)
  }
  return true
}

/** The upcoming invoice of a live subscription (what create_preview answers). */
export function previewOf(ctx: Ctx, sub: Subscription): Invoice {
  if (sub.status === 'canceled' || sub.cancel_at_period_end)
    throw new StripeFakeError(404, { type: 'invalid_request_error', code: 'invoice_upcoming_none', message: `No upcoming invoices for customer: ${sub.customer}` })
  const first = sub.items.data[0]
  const ended = { start: first.current_period_start, end: first.current_period_end }
  const interval = first.price.recurring?.interval ?? 'month'
  const next = { start: ended.end, end: addInterval(ended.end, interval, first.price.recurring?.interval_count ?? 1) }
  const inv = invoiceShell(ctx, sub, clone(cycleLines(ctx, sub, ended, next, false)), sub.status === 'trialing' ? 'subscription_cycle' : 'upcoming', ended, newId('upcoming_in', 24))
  inv.next_payment_attempt = ended.end
  inv.automatically_finalizes_at = ended.end
  return inv
}

export function invoiceRoutes(ctx: Ctx, preview: (customer?: string, subscription?: string) => Invoice, payControl: (inv: Invoice) => boolean): ApiRoute[] {
  const { store } = ctx
  return [
    {
      method: 'GET',
      path: /^\/v1\/invoices$/,
      handle: (r) => {
        const q = r.params
        const [customer, subscription, status] = [str(q, 'customer'), str(q, 'subscription'), str(q, 'status')]
        const created = int(q, 'created')
        const rows = [...store.invoices.values()].filter(
          (i) =>
            (!customer || i.customer === customer) &&
            (!subscription || i.parent.subscription_details.subscription === subscription) &&
            (!status || i.status === status) &&
            (created === undefined || i.created === created),
        )
        return listOf(rows, q, '/v1/invoices')
      },
    },
    { method: 'POST', path: /^\/v1\/invoices\/create_preview$/, handle: (r) => preview(str(r.params, 'customer'), str(r.params, 'subscription')) },
    { method: 'GET', path: /^\/v1\/invoices\/([^/]+)$/, handle: (_r, m) => found(store.invoices, m[1], 'invoice') },
    {
      method: 'POST',
      path: /^\/v1\/invoices\/([^/]+)\/pay$/,
      handle: (r, m) => {
        const inv = found(store.invoices, m[1], 'invoice')
        if (inv.status === 'paid') throw invalid('Invoice is already paid', undefined, 'invoice_already_paid')
        if (bool(r.params, 'paid_out_of_band') === true) attemptPayment(ctx, inv, { outOfBand: true })
        else if (!payControl(inv)) throw declined()
        return inv
      },
    },
  ]
}
