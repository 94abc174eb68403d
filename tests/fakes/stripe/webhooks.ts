import { createHmac } from 'node:crypto'
import { clone, newId, nowSeconds } from './store'

/**
 * Stripe's side of webhooks (integrations.md §4.3): every event is stored; with an endpoint set, it
 * is POSTed as pretty-printed JSON, signed `Stripe-Signature: t=<unix>,v1=<hex hmac_sha256 of "<t>.<body>">`
 * (a second v1 for a rotating second secret). Deliveries run one after another in emit order; a test
 * can hold them and release them late, reordered or twice, and redeliver any event.
 */

export type EventType =
  | 'checkout.session.completed'
  | 'customer.subscription.created'
  | 'customer.subscription.deleted'
  | 'customer.subscription.trial_will_end'
  | 'customer.subscription.updated'
  | 'invoice.finalized'
  | 'invoice.paid'
  | 'invoice.payment_failed'

export type StripeEvent = {
  id: string
  object: 'event'
  api_version: string
  created: number
  type: EventType
  livemode: false
  pending_webhooks: number
  request: { id: null | string; idempotency_key: null | string }
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> }
}

export type WebhookEndpoint = {
  url: string
  secret: string
  /** A second signing secret (rotation): the header carries a second v1. */
  secondSecret?: string
  /** Seconds added to the signature's `t` (negative: an old signature, outside stripe-node's 300 s tolerance past -300). */
  timestampOffset?: number
}

export type WebhookDelivery = { eventId: string; type: EventType; attempt: number; url: string; status: number; ok: boolean; error?: string; response: string; signature: string; at: number }

/** `t=<t>,v1=<hex>` (and `,v1=<hex2>` for a second secret) over `"<t>.<payload>"`. */
export function signatureHeader(payload: string, secret: string, t = nowSeconds(), secondSecret?: string): string {
  const sig = (key: string) => createHmac('sha256', key).update(`${t}.${payload}`, 'utf8').digest('hex')
  return `t=${t},v1=${sig(secret)}${secondSecret ? `,v1=${sig(secondSecret)}` : ''}`
}

export class Webhooks {
  events: StripeEvent[] = []
  deliveries: WebhookDelivery[] = []
  endpoint: null | WebhookEndpoint = null
  apiVersion: string
  /** Set by the server while a request's handler runs: events it causes carry its id and idempotency key. */
  request: StripeEvent['request'] = { id: null, idempotency_key: null }
  private chain: Promise<void> = Promise.resolve()
  private holding = false
  private heldIds: string[] = []

  constructor(apiVersion: string) {
    this.apiVersion = apiVersion
  }

  /** Stores an event of `object` (a snapshot) and queues its delivery. */
  emit(type: EventType, object: object, previous?: Record<string, unknown>, now = nowSeconds()): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: now,
      type,
      livemode: false,
      pending_webhooks: this.endpoint ? 1 : 0,
      request: { ...this.request },
      data: { object: clone(object) as Record<string, unknown>, ...(previous ? { previous_attributes: clone(previous) } : {}) },
    }
    this.events.push(event)
    if (!this.endpoint) return event
    if (this.holding) this.heldIds.push(event.id)
    else void this.enqueue(event)
    return event
  }

  event(id: string): StripeEvent {
    const e = this.events.find((x) => x.id === id)
    if (!e) throw new Error(`fake stripe: no event ${id}`)
    return e
  }

  /** Queues `event` behind the deliveries already queued; resolves with its delivery. */
  enqueue(event: StripeEvent): Promise<WebhookDelivery> {
    const done = this.chain.then(() => this.send(event))
    this.chain = done.then(
      () => undefined,
      () => undefined,
    )
    return done
  }

  /** Stops delivering: events queue up (`held`) until `release`. */
  hold(): void {
    this.holding = true
  }

  held(): StripeEvent[] {
    return this.heldIds.map((id) => this.event(id))
  }

  /**
   * Delivers held events and stops holding. No order: as emitted; 'reverse': last first; a list of
   * event ids: exactly those, in that order (an id twice is delivered twice), the rest stay held
   * (and holding goes on while some are left).
   */
  async release(order?: 'reverse' | string[]): Promise<WebhookDelivery[]> {
    let ids: string[]
    if (Array.isArray(order)) {
      ids = order
      this.heldIds = this.heldIds.filter((id) => !order.includes(id))
      this.holding = this.heldIds.length > 0
    } else {
      ids = order === 'reverse' ? [...this.heldIds].reverse() : [...this.heldIds]
      this.heldIds = []
      this.holding = false
    }
    return Promise.all(ids.map((id) => this.enqueue(this.event(id))))
  }

  /** Sends a stored event again (a new attempt, freshly signed). */
  redeliver(eventId: string): Promise<WebhookDelivery> {
    return this.enqueue(this.event(eventId))
  }

  /** Resolves when every queued delivery has been attempted. */
  async waitForDeliveries(): Promise<void> {
    let seen: Promise<void> | undefined
    while (seen !== this.chain) {
      seen = this.chain
      await seen
    }
  }

  private async send(event: StripeEvent): Promise<WebhookDelivery> {
    const target = this.endpoint
    const attempt = this.deliveries.filter((d) => d.eventId === event.id).length + 1
    const base = { eventId: event.id, type: event.type, attempt, url: target?.url ?? '', at: Date.now() }
    if (!target) {
      const d: WebhookDelivery = { ...base, status: 0, ok: false, error: 'no webhook endpoint set', response: '', signature: '' }
      this.deliveries.push(d)
      return d
    }
    const payload = JSON.stringify(event, null, 2)
    const signature = signatureHeader(payload, target.secret, nowSeconds() + (target.timestampOffset ?? 0), target.secondSecret)
    let d: WebhookDelivery
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signature,
          'cache-control': 'no-cache',
          accept: '*/*; q=0.5, application/xml',
        },
        body: payload,
        signal: AbortSignal.timeout(15_000),
      })
      d = { ...base, status: res.status, ok: res.status >= 200 && res.status < 300, response: await res.text(), signature }
    } catch (error) {
      d = { ...base, status: 0, ok: false, error: (error as Error).message, response: '', signature }
    }
    this.deliveries.push(d)
    return d
  }
}
