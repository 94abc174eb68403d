import { randomBytes } from 'node:crypto'
import { type Params } from './form'

/**
 * The fake's state: the Stripe objects as JSON-ready records (a retrieve answers a copy), keyed by
 * id, plus what Stripe keeps out of sight (failing cards, meter events, pending prorations).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }
export type Metadata = Record<string, string>
export type Obj = { id: string; object: string; created: number; [key: string]: unknown }

export type Customer = Obj & {
  object: 'customer'
  email: null | string
  name: null | string
  metadata: Metadata
  balance: number
  invoice_settings: { default_payment_method: null | string; [key: string]: unknown }
}
export type Product = Obj & { object: 'product'; active: boolean; name: string; metadata: Metadata; updated: number }
export type Recurring = { interval: 'day' | 'month' | 'week' | 'year'; interval_count: number; meter: null | string; usage_type: 'licensed' | 'metered'; trial_period_days: null }
export type Price = Obj & {
  object: 'price'
  active: boolean
  currency: string
  product: string
  unit_amount: number
  lookup_key: null | string
  metadata: Metadata
  recurring: null | Recurring
  type: 'one_time' | 'recurring'
}
export type Meter = Obj & {
  object: 'billing.meter'
  event_name: string
  status: 'active' | 'inactive'
  default_aggregation: { formula: 'count' | 'last' | 'sum' }
  customer_mapping: { event_payload_key: string; type: 'by_id' }
  value_settings: { event_payload_key: string }
}
export type MeterEvent = {
  identifier: string
  event_name: string
  customer: null | string
  meter: null | string
  value: number
  timestamp: number
  payload: Record<string, string>
  created: number
  period: null | number
}
export type Item = Obj & { object: 'subscription_item'; price: Price; quantity?: number; current_period_start: number; current_period_end: number; subscription: string; metadata: Metadata }
export type Subscription = Obj & {
  object: 'subscription'
  customer: string
  status: 'active' | 'canceled' | 'incomplete' | 'past_due' | 'trialing' | 'unpaid'
  currency: string
  cancel_at_period_end: boolean
  cancel_at: null | number
  canceled_at: null | number
  ended_at: null | number
  trial_start: null | number
  trial_end: null | number
  metadata: Metadata
  latest_invoice: null | string
  default_payment_method: null | string
  items: { object: 'list'; data: Item[]; has_more: boolean; total_count: number; url: string }
}
export type Line = {
  id: string
  object: 'line_item'
  amount: number
  currency: string
  description: string
  quantity: null | number
  period: { start: number; end: number }
  pricing: { type: 'price_details'; price_details: { price: string; product: string }; unit_amount_decimal: string }
  parent: {
    type: 'subscription_item_details'
    subscription_item_details: { subscription: string; subscription_item: string; proration: boolean; invoice_item: null; proration_details: { credited_items: null } }
  }
  [key: string]: unknown
}
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void'
export type Invoice = Obj & {
  object: 'invoice'
  number: null | string
  customer: string
  status: InvoiceStatus
  currency: string
  amount_due: number
  amount_paid: number
  amount_remaining: number
  total: number
  subtotal: number
  starting_balance: number
  ending_balance: null | number
  billing_reason: string
  attempt_count: number
  attempted: boolean
  next_payment_attempt: null | number
  period_start: number
  period_end: number
  hosted_invoice_url: null | string
  invoice_pdf: null | string
  status_transitions: { finalized_at: null | number; paid_at: null | number; voided_at: null | number; marked_uncollectible_at: null | number }
  parent: { type: 'subscription_details'; quote_details: null; subscription_details: { subscription: string; metadata: Metadata } }
  lines: { object: 'list'; data: Line[]; has_more: boolean; total_count: number; url: string }
}
export type Session = Obj & {
  object: 'checkout.session'
  mode: 'subscription'
  status: 'complete' | 'expired' | 'open'
  payment_status: 'no_payment_required' | 'paid' | 'unpaid'
  customer: null | string
  customer_email: null | string
  subscription: null | string
  invoice: null | string
  success_url: string
  cancel_url: null | string
  url: null | string
  client_reference_id: null | string
  metadata: Metadata
  currency: string
}
/** What a checkout session keeps beside its JSON: the line items and subscription_data. */
export type SessionPlan = { items: { price: string; quantity?: number }[]; subscriptionMetadata: Metadata; trialEnd: null | number; description: null | string }
export type PortalSession = Obj & { object: 'billing_portal.session'; customer: string; return_url: null | string; url: string }

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `prefix_` + 24 random letters and digits, as Stripe ids look. */
export function newId(prefix: string, length = 24): string {
  return `${prefix}_${[...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`
}

export const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))

export const nowSeconds = () => Math.floor(Date.now() / 1000)

/** The end of `count` intervals after `start` (calendar months and years in UTC, the day clamped to the month's last). */
export function addInterval(start: number, interval: Recurring['interval'], count = 1): number {
  if (interval === 'day') return start + count * 86_400
  if (interval === 'week') return start + count * 7 * 86_400
  const d = new Date(start * 1000)
  const months = interval === 'year' ? 12 * count : count
  const day = d.getUTCDate()
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, last))
  return Math.floor(target.getTime() / 1000)
}

/** Stripe's metadata update: keys merge, an empty value removes a key, `metadata=""` clears all. */
export function mergeMetadata(current: Metadata, update: Params[string] | undefined): Metadata {
  if (update === undefined) return current
  if (typeof update === 'string') return update === '' ? {} : current
  if (Array.isArray(update)) return current
  const out = { ...current }
  for (const [k, v] of Object.entries(update)) {
    if (typeof v !== 'string') continue
    if (v === '') delete out[k]
    else out[k] = v
  }
  return out
}

export class Store {
  base = ''
  /** Seconds added to the wall clock (`tick()`); the clock the fake stamps objects with. */
  offset = 0
  customers = new Map<string, Customer>()
  products = new Map<string, Product>()
  prices = new Map<string, Price>()
  meters = new Map<string, Meter>()
  meterEvents: MeterEvent[] = []
  sessions = new Map<string, Session>()
  sessionPlans = new Map<string, SessionPlan>()
  subscriptions = new Map<string, Subscription>()
  invoices = new Map<string, Invoice>()
  portalSessions = new Map<string, PortalSession>()
  /** Customers whose card declines every charge. */
  failingCards = new Set<string>()
  /** Proration lines waiting for the subscription's next invoice (create_prorations). */
  pendingLines = new Map<string, Line[]>()
  private invoiceNumber = 0

  now(): number {
    return nowSeconds() + this.offset
  }

  nextInvoiceNumber(): string {
    this.invoiceNumber++
    return `FAKE-${String(this.invoiceNumber).padStart(4, '0')}`
  }

  /** Any stored object by id (for `expand`). */
  lookup(id: string): Obj | undefined {
    const maps: Map<string, Obj>[] = [this.customers, this.products, this.prices, this.meters, this.sessions, this.subscriptions, this.invoices, this.portalSessions]
    for (const map of maps) {
      const found = map.get(id)
      if (found) return found
    }
    return undefined
  }

  /** Summed usage (by each meter's aggregation) of a customer on a meter, in the period that started at `periodStart` (null: events outside any subscription period). */
  usage(customer: string, meter: string, periodStart?: null | number): number {
    const m = this.meters.get(meter)
    const events = this.meterEvents.filter((e) => e.customer === customer && e.meter === meter && (periodStart === undefined || e.period === periodStart))
    if (m?.default_aggregation.formula === 'count') return events.length
    if (m?.default_aggregation.formula === 'last') return events.length > 0 ? events[events.length - 1].value : 0
    return events.reduce((sum, e) => sum + e.value, 0)
  }
}
