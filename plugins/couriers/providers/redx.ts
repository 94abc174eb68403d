import { requestJson, type HttpRequest } from './http'
import { requirePhone } from './phone'
import { redxAuthenticate, redxParseWebhook, redxReply } from './redx-webhook'
import { mapStatus } from './status-map'
import { type AdapterContext, type Booked, type BookingInput, type BulkResult, type CourierAdapter, CourierError, type Location, type ShipmentRef } from './types'
import { idOf, isRecord, PROVIDER_LABEL, requireStrings, stringOf, toMinor, toTaka, unsupported } from './util'

/** The RedX OpenAPI token from the merchant panel, without the "Bearer " prefix. */
export type RedxCredentials = { token: string }

/** Validates RedX credentials (a pasted "Bearer …" is accepted and the prefix dropped). */
export function parseRedxCredentials(raw: unknown): RedxCredentials {
  const { token } = requireStrings('redx', raw, ['token'] as const)
  const bare = token.replace(/^Bearer\s+/i, '').trim()
  if (bare === '') return requireStrings('redx', {}, ['token'] as const)
  return { token: bare }
}

type Json = Record<string, unknown>
const DAY_MS = 24 * 60 * 60 * 1000

function validation(message: string, fields: string[]): CourierError {
  return new CourierError('redx', 'validation', message, { fieldErrors: fields.map((path) => ({ path, message: 'Required' })) })
}

/** The parcel RedX's POST /parcel takes: amounts as strings of taka, weight as a string of grams (§3.3). */
function parcelOf(input: BookingInput): Json {
  const r = input.recipient
  const missing = [r.areaId === undefined && 'delivery_area_id', !r.areaName && 'delivery_area'].filter((f): f is string => !!f)
  if (missing.length > 0) throw validation('RedX needs the delivery area (id and name) of the recipient', missing)
  return {
    customer_name: r.name,
    customer_phone: requirePhone('redx', r.phone, 'customer_phone'),
    delivery_area: r.areaName,
    delivery_area_id: r.areaId,
    customer_address: r.address,
    merchant_invoice_id: input.invoice,
    cash_collection_amount: String(toTaka(input.codAmount)),
    parcel_weight: String(Math.max(1, Math.round(input.weightGrams))),
    value: toTaka(input.declaredValue),
    ...(input.note ? { instruction: input.note } : {}),
    ...(input.storeId ? { pickup_store_id: Number(input.storeId) } : {}),
    ...(input.itemDescription ? { parcel_details_json: [{ name: input.itemDescription, category: 'general', value: toTaka(input.declaredValue) }] } : {}),
  }
}

/**
 * The RedX adapter (integrations.md §3.3): `API-ACCESS-TOKEN: Bearer <token>`, errors `{message}`
 * under 4xx. A parcel has one id, its tracking id (consignmentId = trackingCode). No bulk API
 * (bookMany books one by one), no lookup by invoice, no payout API. Quotes from the charge
 * calculator, which needs the pickup store's area (GET /pickup/store/info, cached 24 h); the area
 * list (GET /areas) is cached 24 h too.
 */
export function redxAdapter(ctx: AdapterContext): CourierAdapter {
  let credentials: RedxCredentials | undefined

  async function call(request: HttpRequest): Promise<Json> {
    credentials ??= parseRedxCredentials(ctx.credentials)
    const res = await requestJson('redx', ctx, { ...request, headers: { 'API-ACCESS-TOKEN': `Bearer ${credentials.token}` } })
    if (!isRecord(res.body)) throw new CourierError('redx', 'bad_response', `RedX answered ${request.path} with something unexpected`)
    return res.body
  }

  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = await ctx.cache.get<T>(key)
    if (hit !== undefined) return hit
    const value = await load()
    await ctx.cache.set(key, value, DAY_MS)
    return value
  }

  const idOfRef = (ref: ShipmentRef) => ref.trackingCode ?? ref.consignmentId ?? null

  async function book(input: BookingInput): Promise<Booked> {
    const body = await call({ method: 'POST', path: '/parcel', body: parcelOf(input) })
    const trackingId = idOf(body.tracking_id)
    if (trackingId === null) throw new CourierError('redx', 'bad_response', 'RedX answered the booking without a tracking id')
    return { invoice: input.invoice, consignmentId: trackingId, trackingCode: trackingId, rawStatus: 'pickup-pending', status: 'booked', deliveryFee: null }
  }

  return {
    provider: 'redx',
    quotes: true,
    payoutsApi: false,

    async quote(input) {
      const missing = [input.recipient.areaId === undefined && 'delivery_area_id', !input.storeId && 'pickup_store_id'].filter((f): f is string => !!f)
      if (missing.length > 0) throw validation('A RedX quote needs the recipient area and the pickup store', missing)
      const pickupAreaId = await cached(`pickup-area:${input.storeId}`, async () => {
        const body = await call({ path: `/pickup/store/info/${encodeURIComponent(input.storeId!)}` })
        const store = isRecord(body.pickup_store) ? body.pickup_store : null
        const area = store ? Number(store.area_id) : NaN
        if (!Number.isFinite(area)) throw new CourierError('redx', 'bad_response', 'RedX answered the pickup store without its area')
        return area
      })
      const body = await call({
        path: '/charge/charge_calculator',
        query: { delivery_area_id: input.recipient.areaId, pickup_area_id: pickupAreaId, cash_collection_amount: toTaka(input.codAmount), weight: Math.max(1, Math.round(input.weightGrams)) },
      })
      const deliveryFee = toMinor(body.deliveryCharge)
      if (deliveryFee === null) throw new CourierError('redx', 'bad_response', 'RedX answered the charge calculator without deliveryCharge')
      const codFee = toMinor(body.codCharge) ?? 0
      return { deliveryFee, codFee, total: deliveryFee + codFee }
    },

    book,

    async bookMany(inputs) {
      const results: BulkResult[] = []
      for (const input of inputs) {
        try {
          results.push({ invoice: input.invoice, ok: true, booked: await book(input) })
        } catch (error) {
          if (!(error instanceof CourierError)) throw error
          results.push({ invoice: input.invoice, ok: false, error })
        }
      }
      return results
    },

    async findByInvoice() {
      return null // RedX has no lookup by merchant_invoice_id.
    },

    async status(ref) {
      const id = idOfRef(ref)
      if (!id) throw new CourierError('redx', 'not_found', 'RedX looks parcels up by tracking id only, and this one has none')
      const body = await call({ path: `/parcel/info/${encodeURIComponent(id)}` })
      const parcel = isRecord(body.parcel) ? body.parcel : null
      const rawStatus = parcel ? stringOf(parcel.status) : null
      if (!parcel || rawStatus === null) throw new CourierError('redx', 'bad_response', 'RedX answered the parcel lookup without a status')
      const status = mapStatus('redx', rawStatus)
      return { rawStatus, status, deliveryFee: toMinor(parcel.charge), collected: status === 'delivered' ? toMinor(parcel.cash_collection_amount) : null }
    },

    async cancel(ref, reason) {
      const id = idOfRef(ref)
      if (!id) throw new CourierError('redx', 'not_found', 'RedX cancels parcels by tracking id only, and this one has none')
      const body = await call({
        method: 'PATCH',
        path: '/parcels',
        body: { entity_type: 'parcel-tracking-id', entity_id: id, update_details: { property_name: 'status', new_value: 'cancelled', reason } },
      })
      if (body.success !== true) throw new CourierError('redx', 'validation', `${PROVIDER_LABEL.redx} did not cancel the parcel: ${stringOf(body.message) ?? 'no reason given'}`, { httpStatus: 200 })
    },

    async payouts() {
      throw unsupported('redx', 'RedX has no payout API; import its payout sheet instead')
    },

    async payout() {
      throw unsupported('redx', 'RedX has no payout API; import its payout sheet instead')
    },

    async stores() {
      const body = await call({ path: '/pickup/stores' })
      const rows = Array.isArray(body.pickup_stores) ? body.pickup_stores.filter(isRecord) : null
      if (!rows) throw new CourierError('redx', 'bad_response', 'RedX answered /pickup/stores without a list')
      return rows.map((s) => ({ id: idOf(s.id) ?? '', name: stringOf(s.name) ?? '', address: stringOf(s.address) ?? '', active: true, isDefault: false }))
    },

    async locations(kind, parentId) {
      if (kind !== 'area') throw unsupported('redx', 'RedX lists delivery areas only (no cities or zones)')
      const all = await cached('areas', async () => {
        const body = await call({ path: '/areas' })
        if (!Array.isArray(body.areas)) throw new CourierError('redx', 'bad_response', 'RedX answered /areas without a list')
        return body.areas.filter(isRecord).map((a): Location => ({
          id: Number(a.id),
          name: stringOf(a.name) ?? '',
          kind: 'area',
          ...(a.zone_id !== undefined && a.zone_id !== null ? { parentId: Number(a.zone_id) } : {}),
          ...(idOf(a.post_code) !== null ? { postCode: idOf(a.post_code)! } : {}),
          ...(typeof a.district_name === 'string' ? { district: a.district_name } : {}),
        }))
      })
      return parentId === undefined ? all : all.filter((a) => a.parentId === parentId)
    },

    authenticate: redxAuthenticate,
    parseWebhook: redxParseWebhook,
    reply: () => redxReply(),
  }
}
