import { type Ctx } from './context'
import { invalid, missing } from './errors'
import { type Params } from './form'
import { arr, found, int, need, str, sub } from './params'
import { type ApiRoute, type PageRoute } from './server'
import { attemptPayment } from './invoices'
import { type Invoice, mergeMetadata, newId, type PortalSession, type Price, type Session, type Subscription } from './store'
import { checkPrices, createSubscription } from './subscriptions'

/**
 * Checkout sessions (mode=subscription) and billing portal sessions, with the fake's pages: the
 * checkout page (Pay / Pay with a declined card / Cancel), the portal (the customer's invoices and
 * a Return link) and hosted invoices (with a Pay button while open, and a PDF).
 */

export type PayResult = { ok: boolean; session: Session; subscription: null | Subscription; invoice: Invoice | null; redirect: null | string }

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const amount = (n: number, currency: string) => `${currency.toUpperCase()} ${(n / 100).toFixed(2)}`
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><h1>${esc(title)}</h1>${body}</body></html>`

export type Checkout = { routes: ApiRoute[]; pages: PageRoute[]; pay: (sessionId: string, o?: { fail?: boolean }) => PayResult; payInvoice: (inv: Invoice) => boolean }

export function checkoutModule(ctx: Ctx): Checkout {
  const { store, hooks } = ctx

  function create(p: Params): Session {
    const mode = need(p, 'mode')
    if (mode !== 'subscription') throw invalid(`[fake] mode=${mode} is not supported by the fake (only subscription).`, 'mode')
    const successUrl = need(p, 'success_url')
    const customer = str(p, 'customer') ?? null
    if (customer && !store.customers.has(customer)) throw missing('customer', customer, 'customer')
    const raw = arr(p, 'line_items')
    if (!raw || raw.length === 0) throw invalid('You must provide at least one recurring price in `subscription` mode when using prices.', 'line_items', 'parameter_missing')
    const items = raw.map((x, i) => {
      if (typeof x === 'string' || Array.isArray(x)) throw invalid('Invalid object', `line_items[${i}]`, 'parameter_invalid_object')
      const price = found(store.prices, need(x, 'price', `line_items[${i}][price]`), 'price', `line_items[${i}][price]`)
      const quantity = int(x, 'quantity', `line_items[${i}][quantity]`)
      const metered = price.recurring?.usage_type === 'metered'
      if (metered && quantity !== undefined) throw invalid('Quantity should not be specified where usage_type is `metered`. Remove quantity from `line_items[' + i + ']`.', `line_items[${i}][quantity]`)
      if (!metered && quantity === undefined) throw invalid(`Quantity is required. Add \`quantity\` to \`line_items[${i}]\``, `line_items[${i}][quantity]`, 'parameter_missing')
      return { price, quantity }
    })
    checkPrices(
      items.map((x) => x.price),
      'line_items',
    )
    const data = sub(p, 'subscription_data') ?? {}
    const trialEnd = int(data, 'trial_end', 'subscription_data[trial_end]') ?? null
    if (trialEnd !== null && trialEnd < store.now() + 48 * 3600) throw invalid('`subscription_data[trial_end]` must be at least 48 hours in the future.', 'subscription_data[trial_end]')
    const now = store.now()
    const id = newId('cs_test', 58)
    const licensed = items.reduce((s, x) => s + (x.price.recurring?.usage_type === 'metered' ? 0 : x.price.unit_amount * (x.quantity ?? 1)), 0)
    const due = trialEnd ? 0 : licensed
    const session: Session = {
      id,
      object: 'checkout.session',
      amount_subtotal: due,
      amount_total: due,
      cancel_url: str(p, 'cancel_url') ?? null,
      client_reference_id: str(p, 'client_reference_id') ?? null,
      created: now,
      currency: items[0].price.currency,
      customer,
      customer_creation: customer ? null : 'always',
      customer_details: null,
      customer_email: str(p, 'customer_email') ?? null,
      expires_at: now + 86_400,
      invoice: null,
      livemode: false,
      locale: str(p, 'locale') ?? null,
      metadata: mergeMetadata({}, p.metadata),
      mode: 'subscription',
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      subscription: null,
      success_url: successUrl,
      ui_mode: 'hosted',
      url: `${store.base}/checkout/${id}`,
    }
    store.sessions.set(id, session)
    store.sessionPlans.set(id, {
      items: items.map((x) => ({ price: x.price.id, quantity: x.quantity })),
      subscriptionMetadata: mergeMetadata({}, data.metadata),
      trialEnd,
      description: str(data, 'description') ?? null,
    })
    return session
  }

  function pay(sessionId: string, o: { fail?: boolean } = {}): PayResult {
    const session = found(store.sessions, sessionId, 'checkout session')
    const plan = store.sessionPlans.get(sessionId)
    if (session.status !== 'open' || !plan) throw new Error(`fake stripe: checkout session ${sessionId} is ${session.status}`)
    const redirect = session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, session.id)
    let customer = session.customer ? store.customers.get(session.customer) : undefined
    if (!customer) {
      customer = {
        id: newId('cus', 14),
        object: 'customer',
        created: store.now(),
        email: session.customer_email,
        name: null,
        metadata: {},
        balance: 0,
        invoice_settings: { default_payment_method: null },
        livemode: false,
      }
      store.customers.set(customer.id, customer)
    }
    if (!plan.trialEnd && (o.fail === true || store.failingCards.has(customer.id))) return { ok: false, session, subscription: null, invoice: null, redirect: null }
    const prices = plan.items.map((x) => ({ price: store.prices.get(x.price) as Price, quantity: x.quantity }))
    const { sub: subscription, invoice } = createSubscription(ctx, { customer: customer.id, items: prices, metadata: plan.subscriptionMetadata, trialEnd: plan.trialEnd })
    hooks.emit('customer.subscription.created', subscription, undefined, store.now())
    hooks.emit('invoice.finalized', invoice, undefined, store.now())
    attemptPayment(ctx, invoice, { outOfBand: false })
    Object.assign(session, {
      status: 'complete',
      payment_status: plan.trialEnd ? 'no_payment_required' : 'paid',
      customer: customer.id,
      customer_details: { email: customer.email, name: customer.name, address: null, phone: null, tax_exempt: 'none', tax_ids: [] },
      subscription: subscription.id,
      invoice: invoice.id,
      url: null,
    })
    hooks.emit('checkout.session.completed', session, undefined, store.now())
    return { ok: true, session, subscription, invoice, redirect }
  }

  function payInvoice(inv: Invoice): boolean {
    return attemptPayment(ctx, inv)
  }

  function portal(p: Params): PortalSession {
    const customer = found(store.customers, need(p, 'customer'), 'customer', 'customer')
    const id = newId('bps', 24)
    const session: PortalSession = {
      id,
      object: 'billing_portal.session',
      configuration: 'bpc_fake_default',
      created: store.now(),
      customer: customer.id,
      flow: null,
      livemode: false,
      locale: str(p, 'locale') ?? null,
      on_behalf_of: null,
      return_url: str(p, 'return_url') ?? null,
      url: `${store.base}/portal/${id}`,
    }
    store.portalSessions.set(id, session)
    return session
  }

  const routes: ApiRoute[] = [
    { method: 'POST', path: /^\/v1\/checkout\/sessions$/, handle: (r) => create(r.params) },
    { method: 'GET', path: /^\/v1\/checkout\/sessions\/([^/]+)$/, handle: (_r, m) => found(store.sessions, m[1], 'checkout session') },
    {
      method: 'POST',
      path: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      handle: (_r, m) => {
        const s = found(store.sessions, m[1], 'checkout session')
        if (s.status !== 'open') throw invalid(`Only Checkout Sessions with a status in [open] can be expired. This Checkout Session has a status of ${s.status}.`)
        return Object.assign(s, { status: 'expired', url: null })
      },
    },
    { method: 'POST', path: /^\/v1\/billing_portal\/sessions$/, handle: (r) => portal(r.params) },
  ]

  const invoiceRows = (customer: string) =>
    [...store.invoices.values()]
      .filter((i) => i.customer === customer)
      .reverse()
      .map((i) => `<tr><td><a href="${esc(i.hosted_invoice_url)}">${esc(i.number)}</a></td><td>${esc(amount(i.amount_due, i.currency))}</td><td class="status">${esc(i.status)}</td></tr>`)
      .join('')

  const pages: PageRoute[] = [
    {
      method: 'GET',
      path: /^\/checkout\/([^/]+)$/,
      handle: (_q, m) => {
        const s = store.sessions.get(m[1])
        const plan = store.sessionPlans.get(m[1])
        if (!s || !plan) return { status: 404, html: page('Checkout session not found', '') }
        if (s.status !== 'open') return { status: 200, html: page(`This checkout session is ${s.status}`, `<a href="${esc(s.success_url)}">Continue</a>`) }
        const rows = plan.items.map((x) => {
          const price = store.prices.get(x.price) as Price
          return `<li>${esc(store.products.get(price.product)?.name ?? price.product)}: ${esc(amount(price.unit_amount, price.currency))}${price.recurring?.usage_type === 'metered' ? ' per unit' : ''} / ${esc(price.recurring?.interval)}</li>`
        })
        const trial = plan.trialEnd ? `<p>Free trial until ${new Date(plan.trialEnd * 1000).toISOString().slice(0, 10)}</p>` : ''
        const form = `<form method="post" action="/checkout/${esc(s.id)}/pay"><button type="submit" name="outcome" value="pay">Pay</button> <button type="submit" name="outcome" value="fail">Pay with a declined card</button></form>`
        const cancel = s.cancel_url ? `<p><a href="${esc(s.cancel_url)}">Cancel</a></p>` : ''
        return { status: 200, html: page('Fake Stripe Checkout', `<ul>${rows.join('')}</ul>${trial}<p>Total due today: ${esc(amount(s.amount_total as number, s.currency))}</p>${form}${cancel}`) }
      },
    },
    {
      method: 'POST',
      path: /^\/checkout\/([^/]+)\/pay$/,
      handle: async (q, m) => {
        const s = store.sessions.get(m[1])
        if (!s || s.status !== 'open') return { status: 404, html: page('Checkout session not found or not open', '') }
        const result = pay(s.id, { fail: q.outcome === 'fail' })
        await hooks.waitForDeliveries()
        if (!result.ok) return { status: 402, html: page('Your card was declined.', `<p><a href="/checkout/${esc(s.id)}">Try again</a></p>`) }
        return { status: 303, headers: { location: result.redirect ?? s.success_url } }
      },
    },
    {
      method: 'GET',
      path: /^\/portal\/([^/]+)$/,
      handle: (_q, m) => {
        const s = store.portalSessions.get(m[1])
        if (!s) return { status: 404, html: page('Portal session not found', '') }
        const back = s.return_url ? `<p><a href="${esc(s.return_url)}">Return</a></p>` : ''
        return { status: 200, html: page('Fake Stripe billing portal', `<table><tr><th>Invoice</th><th>Amount</th><th>Status</th></tr>${invoiceRows(s.customer)}</table>${back}`) }
      },
    },
    {
      method: 'GET',
      path: /^\/invoices\/([^/]+)$/,
      handle: (_q, m) => {
        const i = store.invoices.get(m[1])
        if (!i) return { status: 404, html: page('Invoice not found', '') }
        const lines = i.lines.data.map((l) => `<li>${esc(l.description)}: ${esc(amount(l.amount, l.currency))}</li>`).join('')
        const payForm = i.status === 'open' ? `<form method="post" action="/invoices/${esc(i.id)}/pay"><button type="submit">Pay</button></form>` : ''
        return {
          status: 200,
          html: page(
            `Invoice ${i.number}`,
            `<p class="status">${esc(i.status)}</p><ul>${lines}</ul><p>Amount due: ${esc(amount(i.amount_due, i.currency))}</p>${payForm}<a href="${esc(i.invoice_pdf)}">PDF</a>`,
          ),
        }
      },
    },
    {
      method: 'POST',
      path: /^\/invoices\/([^/]+)\/pay$/,
      handle: async (_q, m) => {
        const i = store.invoices.get(m[1])
        if (!i || i.status !== 'open') return { status: 404, html: page('Invoice not found or not open', '') }
        store.failingCards.delete(i.customer)
        payInvoice(i)
        await hooks.waitForDeliveries()
        return { status: 303, headers: { location: `/invoices/${i.id}` } }
      },
    },
    {
      method: 'GET',
      path: /^\/invoices\/([^/]+)\/pdf$/,
      handle: (_q, m) => {
        const i = store.invoices.get(m[1])
        if (!i) return { status: 404, html: page('Invoice not found', '') }
        const text = `%PDF-1.4\n% fake Stripe invoice ${i.number} ${amount(i.amount_due, i.currency)} ${i.status}\n%%EOF\n`
        return { status: 200, body: text, headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${i.number}.pdf"` } }
      },
    },
  ]

  return { routes, pages, pay, payInvoice }
}
