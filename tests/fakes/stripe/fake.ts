import { catalogRoutes } from './catalog'
import { checkoutModule, type PayResult } from './checkout'
import { type Ctx } from './context'
import { found } from './params'
import { invoiceRoutes, previewOf } from './invoices'
import { startStripeServer, type FaultControls, type StripeCall } from './server'
import { clone, type Invoice, Store, type Subscription } from './store'
import { subscriptionModule } from './subscriptions'
import { type StripeEvent, type WebhookDelivery, type WebhookEndpoint, Webhooks } from './webhooks'
import { StripeFakeError, missing } from './errors'

/** `startFakeStripe()`: the fake's server, state and test controls (see index.ts). */

export const FAKE_STRIPE_KEY = 'sk_test_fake_e_merkater'

/** The API version events carry until a request says otherwise (stripe-node 23.1.0 pins it). */
export const DEFAULT_API_VERSION = '2026-10-28.endive'

export type FakeStripeOptions = {
  /** Secret keys the fake accepts (Bearer or basic auth). Default [FAKE_STRIPE_KEY]. */
  apiKeys?: string[]
  /** Listen on this loopback port (default: one the OS picks). */
  port?: number
  apiVersion?: string
}

export type FakeStripe = FaultControls & {
  /** http://127.0.0.1:PORT — the checkout, portal and invoice pages live here; the API under /v1. */
  url: string
  host: '127.0.0.1'
  port: number
  /** Options for `new Stripe(key, …)` that point stripe-node at the fake. */
  clientOptions: { host: string; port: number; protocol: 'http'; maxNetworkRetries: 0; telemetry: false }
  apiKey: string
  state: Store
  calls: StripeCall[]
  events: StripeEvent[]
  deliveries: WebhookDelivery[]
  /** Where events go; `opts.secondSecret` adds a second v1 (rotation), `opts.timestampOffset` shifts `t`. */
  setWebhook(url: string, secret: string, opts?: Omit<WebhookEndpoint, 'secret' | 'url'>): void
  /** Completes a checkout session as the Pay button does (`fail`: the card is declined, the session stays open). Awaits the deliveries. */
  pay(sessionId: string, o?: { fail?: boolean }): Promise<PayResult>
  /** Ends the subscription's current period: the next invoice (base + metered usage × unit price + pending prorations), charged. */
  advance(subscriptionId: string, o?: { fail?: boolean }): Promise<{ invoice: Invoice | null; subscription: Subscription }>
  setCardFailing(customerId: string, failing: boolean): void
  /** The customer fixes the card and the open invoice is paid (invoice.paid; a past_due subscription → active). */
  payInvoice(invoiceId: string): Promise<Invoice>
  trialWillEnd(subscriptionId: string): Promise<StripeEvent>
  /** Ends a trial now-ish: like advance() on a trialing subscription. */
  endTrial(subscriptionId: string, o?: { fail?: boolean }): Promise<{ invoice: Invoice | null; subscription: Subscription }>
  /** Summed usage of a customer on a meter (in the subscription period that started at `periodStart`, or all). */
  usage(customerId: string, meterId: string, periodStart?: null | number): number
  /** Moves the fake's clock (object timestamps) by `seconds`. */
  tick(seconds: number): void
  redeliver(eventId: string): Promise<WebhookDelivery>
  hold(): void
  held(): StripeEvent[]
  release(order?: 'reverse' | string[]): Promise<WebhookDelivery[]>
  waitForDeliveries(): Promise<void>
  close(): Promise<void>
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const store = new Store()
  const hooks = new Webhooks(options.apiVersion ?? DEFAULT_API_VERSION)
  const ctx: Ctx = { store, hooks }
  const subs = subscriptionModule(ctx)
  const checkout = checkoutModule(ctx)
  const preview = (customer?: string, subscription?: string) => {
    if (subscription) return previewOf(ctx, found(store.subscriptions, subscription, 'subscription', 'subscription'))
    if (!customer) throw new StripeFakeError(400, { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: customer or subscription.', param: 'customer' })
    if (!store.customers.has(customer)) throw missing('customer', customer, 'customer')
    const live = [...store.subscriptions.values()].reverse().find((s) => s.customer === customer && s.status !== 'canceled')
    if (!live) throw new StripeFakeError(404, { type: 'invalid_request_error', code: 'invoice_upcoming_none', message: `No upcoming invoices for customer: ${customer}` })
    return previewOf(ctx, live)
  }
  const apiKeys = options.apiKeys ?? [FAKE_STRIPE_KEY]
  const server = await startStripeServer({
    apiKeys,
    routes: [...catalogRoutes(ctx), ...checkout.routes, ...subs.routes, ...invoiceRoutes(ctx, preview, checkout.payInvoice)],
    pages: checkout.pages,
    hooks,
    lookup: (id) => store.lookup(id),
    port: options.port,
  })
  store.base = server.origin
  const port = Number(new URL(server.origin).port)

  const subscription = (id: string) => {
    const s = store.subscriptions.get(id)
    if (!s) throw new Error(`fake stripe: no subscription ${id}`)
    return s
  }
  /** Controls answer snapshots (like API answers), once the deliveries they caused are done. */
  const settle = async <T>(value: T): Promise<T> => {
    const snapshot = clone(value)
    await hooks.waitForDeliveries()
    return snapshot
  }

  return {
    ...server,
    url: server.origin,
    host: '127.0.0.1',
    port,
    clientOptions: { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false },
    apiKey: apiKeys[0],
    state: store,
    events: hooks.events,
    deliveries: hooks.deliveries,
    setWebhook(url, secret, opts = {}) {
      hooks.endpoint = { url, secret, ...opts }
    },
    pay: (sessionId, o) => settle(checkout.pay(sessionId, o)),
    advance: (id, o) => settle({ ...subs.advance(subscription(id), o), subscription: subscription(id) }),
    setCardFailing(customerId, failing) {
      if (!store.customers.has(customerId)) throw new Error(`fake stripe: no customer ${customerId}`)
      if (failing) store.failingCards.add(customerId)
      else store.failingCards.delete(customerId)
    },
    async payInvoice(invoiceId) {
      const inv = store.invoices.get(invoiceId)
      if (!inv) throw new Error(`fake stripe: no invoice ${invoiceId}`)
      store.failingCards.delete(inv.customer)
      if (!checkout.payInvoice(inv)) throw new Error(`fake stripe: invoice ${invoiceId} was not paid`)
      return settle(inv)
    },
    trialWillEnd(id) {
      const s = subscription(id)
      if (s.status !== 'trialing') throw new Error(`fake stripe: subscription ${id} is ${s.status}, not trialing`)
      return settle(hooks.emit('customer.subscription.trial_will_end', s, undefined, store.now()))
    },
    endTrial(id, o) {
      const s = subscription(id)
      if (s.status !== 'trialing') throw new Error(`fake stripe: subscription ${id} is ${s.status}, not trialing`)
      s.trial_end = Math.min(s.trial_end ?? store.now(), store.now())
      return settle({ ...subs.advance(s, o), subscription: s })
    },
    usage: (customerId, meterId, periodStart) => store.usage(customerId, meterId, periodStart),
    tick(seconds) {
      store.offset += seconds
    },
    redeliver: (eventId) => hooks.redeliver(eventId),
    hold: () => hooks.hold(),
    held: () => hooks.held(),
    release: (order) => hooks.release(order),
    waitForDeliveries: () => hooks.waitForDeliveries(),
  }
}
