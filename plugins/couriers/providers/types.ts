/**
 * One interface behind Steadfast, Pathao and RedX (integrations.md §3, §8.1). Amounts are the
 * app's minor units (paisa) on both sides of the interface: an adapter converts to and from the
 * provider's BDT (Pathao takes whole taka). Phones go out as 01XXXXXXXXX (`./phone.ts`).
 */
export const PROVIDERS = ['steadfast', 'pathao', 'redx'] as const
export type Provider = (typeof PROVIDERS)[number]

/** The canonical status of a shipment, whatever the provider calls it. */
export const SHIPMENT_STATUSES = ['booked', 'picked', 'in_transit', 'out_for_delivery', 'on_hold', 'failed_attempt', 'returning', 'delivered', 'partially_delivered', 'returned', 'cancelled'] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

/** Who the parcel goes to. */
export type Recipient = {
  name: string
  /** Any form people write (+8801…, 8801…, 01…); the adapter sends 01XXXXXXXXX. */
  phone: string
  address: string
  /** Free-text city / district (RedX area lookup by district, Pathao's address parser). */
  city?: string
  /** Provider location ids where the provider wants them (Pathao city/zone/area, RedX area). */
  cityId?: number
  zoneId?: number
  areaId?: number
  /** RedX wants the area's name beside its id. */
  areaName?: string
}

export type BookingInput = {
  /** The shop's own reference, unique per account (the order number): Steadfast `invoice`, Pathao `merchant_order_id`, RedX `merchant_invoice_id`. */
  invoice: string
  recipient: Recipient
  /** Cash to collect, minor units; 0 = prepaid. */
  codAmount: number
  /** Declared value of the goods, minor units (RedX `value`). */
  declaredValue: number
  weightGrams: number
  itemQuantity: number
  itemDescription?: string
  note?: string
  /** Pathao store id / RedX pickup store id (not the shop id). */
  storeId?: string
}

export type QuoteInput = { recipient: Recipient; codAmount: number; weightGrams: number; storeId?: string }
export type Quote = { deliveryFee: number; codFee: number; total: number }

/** What the provider answered a booking with. Pathao's bulk leaves the ids to a later webhook (`pending`). */
export type Booked = {
  invoice: string
  consignmentId: null | string
  trackingCode: null | string
  rawStatus: string
  status: ShipmentStatus
  /** Minor units, when the provider said. */
  deliveryFee?: null | number
  /** True when the provider accepted the parcel but sends its ids later (Pathao bulk: 202). */
  pending?: boolean
}

export type BulkResult = { invoice: string; ok: true; booked: Booked } | { invoice: string; ok: false; error: CourierError }

/** How a shipment is found at the provider: whichever ids it has. */
export type ShipmentRef = { consignmentId?: null | string; trackingCode?: null | string; invoice?: null | string }

export type StatusResult = {
  rawStatus: string
  /** Null when the raw status is not one we map (kept raw, status unchanged). */
  status: null | ShipmentStatus
  /** Cash the courier collected, minor units, when known. */
  collected?: null | number
  deliveryFee?: null | number
  /** A payout reference (Pathao `invoice_id` once paid). */
  settlementRef?: null | string
  at?: Date
}

export type PayoutItem = { consignmentId: null | string; invoice: null | string; trackingCode: null | string; collected: number; deliveryFee: number; codFee?: number }
export type Payout = { id: string; amount: number; status: string; createdAt: Date; items: PayoutItem[] }

export type Store = { id: string; name: string; address: string; active: boolean; isDefault: boolean }
export type Location = { id: number; name: string; kind: 'city' | 'zone' | 'area'; parentId?: number; postCode?: string; district?: string }

/** One event a courier's webhook carried, provider-neutral. */
export type WebhookEvent = {
  /** Dedupe key within the account: the same delivery sent twice has the same key. */
  key: string
  kind: 'status' | 'tracking' | 'payout' | 'handshake' | 'store'
  consignmentId: null | string
  trackingCode: null | string
  invoice: null | string
  rawStatus: null | string
  status: null | ShipmentStatus
  collected?: null | number
  deliveryFee?: null | number
  settlementRef?: null | string
  message?: null | string
  at: Date
}

/** What a webhook request looks like to an adapter (headers lower-cased). */
export type WebhookRequest = { headers: Record<string, string>; query: URLSearchParams; body: unknown }

/** The answer the provider expects (Pathao: 202 + echo header on the handshake, echo header always). */
export type WebhookReply = { status: number; headers?: Record<string, string>; body: unknown }

export type CourierErrorCode = 'bad_credentials' | 'validation' | 'duplicate' | 'not_found' | 'rate_limited' | 'unavailable' | 'unsupported' | 'bad_response'

/** A provider's refusal or failure, in words a shop owner can act on. */
export class CourierError extends Error {
  readonly provider: Provider
  readonly code: CourierErrorCode
  /** The HTTP status the provider answered (0: no answer). */
  readonly httpStatus: number
  /** Field errors as the provider named them (e.g. `recipient_phone`). */
  readonly fieldErrors: { path: string; message: string }[]
  readonly retryAfterMs?: number
  constructor(provider: Provider, code: CourierErrorCode, message: string, opts: { httpStatus?: number; fieldErrors?: { path: string; message: string }[]; retryAfterMs?: number } = {}) {
    super(message)
    this.name = 'CourierError'
    this.provider = provider
    this.code = code
    this.httpStatus = opts.httpStatus ?? 0
    this.fieldErrors = opts.fieldErrors ?? []
    this.retryAfterMs = opts.retryAfterMs
  }
  /** Whether trying again later may succeed (rate limit, provider down). */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'unavailable'
  }
}

/** Per-account state an adapter may keep (Pathao's token, its location lists), supplied by the plugin. */
export type AdapterCache = {
  get: <T>(key: string) => Promise<T | undefined>
  set: <T>(key: string, value: T, ttlMs: number) => Promise<void>
  delete: (key: string) => Promise<void>
}

export type AdapterContext = {
  /** Provider origin + path prefix, e.g. https://portal.packzy.com/api/v1. */
  baseUrl: string
  /** The account's decrypted credentials, parsed (shape per provider, see each adapter's `Credentials`). */
  credentials: Record<string, unknown>
  cache: AdapterCache
  /** Awaited before every HTTP call: paces the account to the provider's limit (may throw CourierError rate_limited). */
  beforeCall: () => Promise<void>
  timeoutMs: number
  fetch?: typeof fetch
}

export interface CourierAdapter {
  readonly provider: Provider
  /** Whether quotes come from the provider's API (otherwise the shop's rate card). */
  readonly quotes: boolean
  /** Whether the provider pays out through an API the plugin can read (`payouts`). */
  readonly payoutsApi: boolean
  quote(input: QuoteInput): Promise<Quote>
  book(input: BookingInput): Promise<Booked>
  bookMany(inputs: BookingInput[]): Promise<BulkResult[]>
  /** The shipment booked under `invoice`, if the provider can look one up by it (retry after a timeout). */
  findByInvoice(invoice: string): Promise<Booked | null>
  status(ref: ShipmentRef): Promise<StatusResult>
  cancel(ref: ShipmentRef, reason: string): Promise<void>
  payouts(): Promise<Omit<Payout, 'items'>[]>
  payout(id: string): Promise<Payout>
  stores(): Promise<Store[]>
  locations(kind: 'city' | 'zone' | 'area', parentId?: number): Promise<Location[]>
  /** Whether a webhook request carries the account's secret (Bearer, header or query token). */
  authenticate(request: WebhookRequest, secret: string): boolean
  /** The events in a webhook body; throws CourierError validation on a malformed body. */
  parseWebhook(body: unknown): WebhookEvent[]
  /** The reply the provider expects for a received webhook (`handshakeSecret`: Pathao's echo header value). */
  reply(events: WebhookEvent[], handshakeSecret: string): WebhookReply
}
