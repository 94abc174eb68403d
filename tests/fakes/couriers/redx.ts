import { type CourierCall, type FaultControls, type Reply, startCourierServer } from './server'
import { deliver, type Delivery, randomCode, requireTarget, type WebhookTarget } from './webhooks'

/**
 * A local RedX OpenAPI (integrations.md §3.3) at `/v1.0.0-beta`: `API-ACCESS-TOKEN: Bearer <jwt>`,
 * parcels (create, info, track, cancel by PATCH /parcels), areas, pickup stores, the charge
 * calculator; errors `{message}` under 4xx; and the webhook sender (the secret rides in the
 * callback URL's `?token=`). Amounts are BDT.
 */

export type RedxArea = { id: number; name: string; post_code: number; division_name: string; zone_id: number; district_name: string }
export type RedxStore = { id: number; name: string; address: string; area_name: string; area_id: number; phone: string; created_at: string }
export type RedxParcel = {
  tracking_id: string
  merchant_invoice_id: null | string
  customer_name: string
  customer_phone: string
  customer_address: string
  delivery_area: string
  delivery_area_id: number
  cash_collection_amount: string
  parcel_weight: string
  value: number
  charge: number
  status: string
  instruction: null | string
  pickup_store_id: null | number
  created_at: string
  tracking: { message_en: string; message_bn: string; time: string }[]
  token: string
}

export type FakeRedxOptions = { tokens?: string[]; areas?: RedxArea[]; stores?: RedxStore[]; perMinute?: null | number }

export type FakeRedx = FaultControls & {
  url: string
  calls: CourierCall[]
  deliveries: Delivery[]
  state: { tokens: Set<string>; parcels: Map<string, RedxParcel>; areas: RedxArea[]; stores: RedxStore[] }
  parcel(trackingOrInvoice: string): RedxParcel | undefined
  /** Callback URL as the merchant entered it; the fake appends `token=<secret>`. */
  setWebhook(url: string, secret: string, opts?: { retries?: number; retryDelayMs?: number }): void
  advance(trackingOrInvoice: string, status: string, extras?: Record<string, unknown>): Promise<Delivery>
  deliver(trackingOrInvoice: string): Promise<Delivery>
  close(): Promise<void>
}

export const DEFAULT_REDX_AREAS: RedxArea[] = [
  { id: 1, name: 'Mohammadpur(Dhaka)', post_code: 1207, division_name: 'Dhaka', zone_id: 1, district_name: 'Dhaka' },
  { id: 2, name: 'Gulshan 1', post_code: 1212, division_name: 'Dhaka', zone_id: 1, district_name: 'Dhaka' },
  { id: 3, name: 'Savar', post_code: 1340, division_name: 'Dhaka', zone_id: 2, district_name: 'Dhaka' },
  { id: 40, name: 'Agrabad', post_code: 4100, division_name: 'Chattogram', zone_id: 9, district_name: 'Chattogram' },
]

const nowIso = () => new Date().toISOString()
const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const numeric = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) && Number.isFinite(Number(v))

export async function startFakeRedx(options: FakeRedxOptions = {}): Promise<FakeRedx> {
  const tokens = new Set(options.tokens ?? ['redx-jwt-token'])
  const areas = options.areas ?? DEFAULT_REDX_AREAS
  const stores = options.stores ?? [{ id: 501, name: 'Main pickup', address: 'House 3, Road 2, Mohammadpur', area_name: 'Mohammadpur(Dhaka)', area_id: 1, phone: '01711000000', created_at: nowIso() }]
  const parcels = new Map<string, RedxParcel>()
  const deliveries: Delivery[] = []
  let target: null | WebhookTarget = null

  const publicArea = ({ id, name, post_code, division_name, zone_id }: RedxArea) => ({ id, name, post_code, division_name, zone_id })
  const bad = (message: string, status = 400): Reply => ({ status, body: { message } })

  function charge(deliveryAreaId: number, pickupAreaId: number, grams: number): number {
    const [to, from] = [areas.find((a) => a.id === deliveryAreaId), areas.find((a) => a.id === pickupAreaId)]
    return (to && from && to.division_name === from.division_name ? 60 : 120) + 15 * Math.max(0, Math.ceil(grams / 1000) - 1)
  }

  function createParcel(b: Record<string, unknown>, token: string): Reply {
    for (const k of ['customer_name', 'customer_phone', 'delivery_area', 'delivery_area_id', 'customer_address', 'cash_collection_amount', 'parcel_weight', 'value']) {
      if (b[k] === undefined || b[k] === null || b[k] === '') return bad(`${k} is required`)
    }
    if (!/^01\d{9}$/.test(String(b.customer_phone))) return bad('customer_phone must be a valid 11 digit phone number')
    const area = areas.find((a) => a.id === Number(b.delivery_area_id))
    if (!area) return bad('Invalid delivery_area_id')
    if (!numeric(b.cash_collection_amount) || !numeric(b.parcel_weight) || !numeric(b.value)) return bad('cash_collection_amount, parcel_weight and value must be numbers')
    const store = b.pickup_store_id === undefined ? stores[0] : stores.find((s) => s.id === Number(b.pickup_store_id))
    if (!store) return bad('Invalid pickup_store_id')
    const p: RedxParcel = {
      tracking_id: randomCode(12),
      merchant_invoice_id: typeof b.merchant_invoice_id === 'string' ? b.merchant_invoice_id : null,
      customer_name: String(b.customer_name),
      customer_phone: String(b.customer_phone),
      customer_address: String(b.customer_address),
      delivery_area: String(b.delivery_area),
      delivery_area_id: area.id,
      cash_collection_amount: String(b.cash_collection_amount),
      parcel_weight: String(b.parcel_weight),
      value: Number(b.value),
      charge: charge(area.id, store.area_id, Number(b.parcel_weight)),
      status: 'pickup-pending',
      instruction: typeof b.instruction === 'string' ? b.instruction : null,
      pickup_store_id: store.id,
      created_at: nowIso(),
      tracking: [{ message_en: 'Parcel created', message_bn: 'পার্সেল তৈরি হয়েছে', time: nowIso() }],
      token,
    }
    parcels.set(p.tracking_id, p)
    return { status: 200, body: { tracking_id: p.tracking_id } }
  }

  function parcelInfo(p: RedxParcel) {
    const store = stores.find((s) => s.id === p.pickup_store_id)
    const { tracking: _t, token: _k, pickup_store_id: _s, ...rest } = p
    return { ...rest, delivery_type: 'regular', pickup_location: store ? { id: store.id, name: store.name, address: store.address, area_name: store.area_name, area_id: store.area_id } : null }
  }

  function route(call: CourierCall): Reply {
    const m = /^Bearer\s+(\S+)$/.exec(call.headers['api-access-token'] ?? '')
    if (!m || !tokens.has(m[1])) return bad('Unauthorized', 401)
    const token = m[1]
    const { method, path, query } = call
    const body = (call.body ?? {}) as Record<string, unknown>
    if (method === 'POST' && path === '/parcel') return createParcel(body, token)
    const info = /^\/parcel\/(info|track)\/([^/]+)$/.exec(path)
    if (method === 'GET' && info) {
      const p = parcels.get(decodeURIComponent(info[2]))
      if (!p || p.token !== token) return bad('Parcel not found', 404)
      return { status: 200, body: info[1] === 'info' ? { parcel: parcelInfo(p) } : { tracking: p.tracking } }
    }
    if (method === 'PATCH' && path === '/parcels') {
      const details = (body.update_details ?? {}) as Record<string, unknown>
      if (body.entity_type !== 'parcel-tracking-id' || details.property_name !== 'status' || details.new_value !== 'cancelled') return bad('Invalid update request')
      const p = parcels.get(String(body.entity_id))
      if (!p || p.token !== token) return bad('Parcel not found', 404)
      if (p.status !== 'pickup-pending') return { status: 200, body: { success: false, message: `Parcel can not be cancelled in ${p.status} state` } }
      p.status = 'cancelled'
      p.tracking.push({ message_en: `Cancelled: ${text(details.reason)}`, message_bn: 'বাতিল', time: nowIso() })
      return { status: 200, body: { success: true, message: 'Request Accepted' } }
    }
    if (method === 'GET' && path === '/areas') {
      const district = query.get('district_name')
      const post = query.get('post_code')
      const list = areas.filter((a) => (district === null || a.district_name.toLowerCase() === district.toLowerCase()) && (post === null || String(a.post_code) === post))
      return { status: 200, body: { areas: list.map(publicArea) } }
    }
    if (method === 'GET' && path === '/pickup/stores') return { status: 200, body: { pickup_stores: stores } }
    const store = /^\/pickup\/store\/info\/(\d+)$/.exec(path)
    if (method === 'GET' && store) {
      const s = stores.find((x) => x.id === Number(store[1]))
      return s ? { status: 200, body: { pickup_store: s } } : bad('Pickup store not found', 404)
    }
    if (method === 'POST' && path === '/pickup/store') {
      const area = areas.find((a) => a.id === Number(body.area_id))
      if (!body.name || !body.phone || !body.address || !area) return bad('name, phone, address and a valid area_id are required')
      const s: RedxStore = { id: 500 + stores.length + 1, name: text(body.name), address: text(body.address), area_name: area.name, area_id: area.id, phone: text(body.phone), created_at: nowIso() }
      stores.push(s)
      return { status: 200, body: s }
    }
    if (method === 'GET' && path === '/charge/charge_calculator') {
      const [to, from, cash, weight] = ['delivery_area_id', 'pickup_area_id', 'cash_collection_amount', 'weight'].map((k) => query.get(k))
      if (!areas.some((a) => a.id === Number(to)) || !areas.some((a) => a.id === Number(from)) || !numeric(cash) || !numeric(weight))
        return bad('delivery_area_id, pickup_area_id, cash_collection_amount and weight are required')
      return { status: 200, body: { deliveryCharge: charge(Number(to), Number(from), Number(weight)), codCharge: Math.round(Number(cash) * 0.01) } }
    }
    return bad('Not Found', 404)
  }

  const server = await startCourierServer({ prefix: '/v1.0.0-beta', route, rateLimitReply: () => bad('Too Many Requests', 429), perMinute: options.perMinute ?? null })

  const find = (key: string) => parcels.get(key) ?? [...parcels.values()].find((p) => p.merchant_invoice_id === key)
  async function advance(key: string, status: string, extras: Record<string, unknown> = {}): Promise<Delivery> {
    const p = find(key)
    if (!p) throw new Error(`fake redx: no parcel ${key}`)
    const t = requireTarget(target, 'redx')
    p.status = status
    const message = { message_en: `Parcel status: ${status}`, message_bn: `পার্সেলের অবস্থা: ${status}`, time: nowIso() }
    p.tracking.push(message)
    const url = `${t.url}${t.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(t.secret)}`
    const d = await deliver(
      url,
      { tracking_number: p.tracking_id, timestamp: message.time, status, message_en: message.message_en, message_bn: message.message_bn, invoice_number: p.merchant_invoice_id, ...extras },
      {},
      t,
    )
    deliveries.push(d)
    return d
  }

  return {
    ...server,
    deliveries,
    state: { tokens, parcels, areas, stores },
    parcel: find,
    setWebhook(url, secret, opts = {}) {
      target = { url, secret, ...opts }
    },
    advance,
    deliver: (key) => advance(key, 'delivered'),
  }
}
