import { errorForStatus, type HttpRequest } from './http'
import { pathaoSession } from './pathao-auth'
import { pathaoAuthenticate, pathaoParseWebhook, pathaoReply } from './pathao-webhook'
import { requirePhone } from './phone'
import { mapStatus } from './status-map'
import { type AdapterContext, type Booked, type BookingInput, type BulkResult, type CourierAdapter, CourierError, type Location, type Store } from './types'
import { idOf, isRecord, providerTime, slugify, stringOf, toMinor, unsupported } from './util'

export { parsePathaoCredentials, type PathaoCredentials } from './pathao-auth'

type Json = Record<string, unknown>

const DAY_MS = 24 * 60 * 60 * 1000
const ITEM_PARCEL = 2
const DELIVERY_NORMAL = 48

/** Grams → Pathao's kg, clamped to what it takes (0.5–10 kg). */
export function pathaoWeightKg(grams: number): number {
  return Math.min(10, Math.max(0.5, Math.round(grams / 10) / 100))
}

function validation(message: string, fields: string[]): CourierError {
  return new CourierError('pathao', 'validation', message, { fieldErrors: fields.map((path) => ({ path, message: 'Required' })) })
}

/** The order Pathao's POST /orders takes. Null city/zone/area are omitted, never sent (§3.2). */
function orderOf(input: BookingInput): Json {
  if (!input.storeId) throw validation('Choose the Pathao store the parcel is picked up from', ['store_id'])
  const r = input.recipient
  return {
    store_id: Number(input.storeId),
    merchant_order_id: input.invoice,
    recipient_name: r.name,
    recipient_phone: requirePhone('pathao', r.phone, 'recipient_phone'),
    recipient_address: r.address,
    ...(r.cityId !== undefined ? { recipient_city: r.cityId } : {}),
    ...(r.zoneId !== undefined ? { recipient_zone: r.zoneId } : {}),
    ...(r.areaId !== undefined ? { recipient_area: r.areaId } : {}),
    delivery_type: DELIVERY_NORMAL,
    item_type: ITEM_PARCEL,
    item_quantity: Math.max(1, input.itemQuantity),
    item_weight: pathaoWeightKg(input.weightGrams),
    amount_to_collect: Math.round(input.codAmount / 100),
    ...(input.itemDescription ? { item_description: input.itemDescription } : {}),
    ...(input.note ? { special_instruction: input.note } : {}),
  }
}

/** The field errors of a bulk refusal that concern order `index` (`orders.3.recipient_phone`), as its own fields. */
function errorForOrder(error: CourierError, index: number): CourierError {
  if (error.fieldErrors.length === 0) return error
  const prefix = `orders.${index}.`
  const own = error.fieldErrors.filter((f) => f.path.startsWith(prefix)).map((f) => ({ path: f.path.slice(prefix.length), message: f.message }))
  const message = own.length > 0 ? `Pathao refused this order: ${own[0].message}` : 'Pathao refused the whole batch because of other orders in it'
  return new CourierError('pathao', error.code, message, { httpStatus: error.httpStatus, fieldErrors: own })
}

/**
 * The Pathao adapter (integrations.md §3.2): OAuth (pathao-auth.ts), the `{message, type, code,
 * data}` envelope, whole-taka amounts, kg weights. Quotes from POST /merchant/price-plan:
 * deliveryFee = price − discount − promo_discount + additional_charge, codFee = codAmount ×
 * cod_percentage (rounded), total = their sum. Bulk booking is asynchronous (HTTP 202): every order
 * comes back `pending` without ids, which arrive by `order.created` webhooks. Pathao cannot look
 * an order up by merchant_order_id (findByInvoice → null), has no public cancel API and no payout
 * API (payouts come as `order.paid` webhooks with invoice_id). City/zone/area lists are cached 24 h.
 */
export function pathaoAdapter(ctx: AdapterContext): CourierAdapter {
  const session = pathaoSession(ctx)

  /** The `data` of an envelope; an envelope with type "error" under HTTP 2xx is still an error. */
  async function data(request: HttpRequest): Promise<unknown> {
    const res = await session.call(request)
    const body = res.body
    if (!isRecord(body)) throw new CourierError('pathao', 'bad_response', `Pathao answered ${request.path} without its envelope`)
    if (body.type === 'error') throw errorForStatus('pathao', Number(body.code) || 400, res.headers, body)
    return body.data
  }

  async function dataObject(request: HttpRequest): Promise<Json> {
    const d = await data(request)
    if (!isRecord(d)) throw new CourierError('pathao', 'bad_response', `Pathao answered ${request.path} without data`)
    return d
  }

  async function cachedList(key: string, path: string, map: (row: Json) => Location): Promise<Location[]> {
    const hit = await ctx.cache.get<Location[]>(key)
    if (hit) return hit
    const d = await data({ path })
    const rows = isRecord(d) && Array.isArray(d.data) ? d.data : Array.isArray(d) ? d : null
    if (!rows) throw new CourierError('pathao', 'bad_response', `Pathao answered ${path} without a list`)
    const list = rows.filter(isRecord).map(map)
    await ctx.cache.set(key, list, DAY_MS)
    return list
  }

  return {
    provider: 'pathao',
    quotes: true,
    payoutsApi: false,

    async quote(input) {
      const missing = [!input.storeId && 'store_id', input.recipient.cityId === undefined && 'recipient_city', input.recipient.zoneId === undefined && 'recipient_zone'].filter((f): f is string => !!f)
      if (missing.length > 0) throw validation('A Pathao quote needs the store, the recipient city and zone', missing)
      const plan = await dataObject({
        method: 'POST',
        path: '/merchant/price-plan',
        body: {
          store_id: Number(input.storeId),
          item_type: ITEM_PARCEL,
          delivery_type: DELIVERY_NORMAL,
          item_weight: pathaoWeightKg(input.weightGrams),
          recipient_city: input.recipient.cityId,
          recipient_zone: input.recipient.zoneId,
        },
      })
      const num = (v: unknown) => (Number.isFinite(Number(v)) ? Number(v) : 0)
      const deliveryFee = toMinor(num(plan.price) - num(plan.discount) - num(plan.promo_discount) + num(plan.additional_charge)) ?? 0
      const codFee = Math.round(input.codAmount * num(plan.cod_percentage))
      return { deliveryFee, codFee, total: deliveryFee + codFee }
    },

    async book(input) {
      const d = await dataObject({ method: 'POST', path: '/orders', body: orderOf(input) })
      const consignmentId = idOf(d.consignment_id)
      if (consignmentId === null) throw new CourierError('pathao', 'bad_response', 'Pathao answered the booking without a consignment id')
      const rawStatus = slugify(stringOf(d.order_status) ?? 'pending')
      return { invoice: input.invoice, consignmentId, trackingCode: consignmentId, rawStatus, status: mapStatus('pathao', rawStatus) ?? 'booked', deliveryFee: toMinor(d.delivery_fee) }
    },

    async bookMany(inputs) {
      const results: (BulkResult | undefined)[] = inputs.map(() => undefined)
      const sent: { index: number; order: Json }[] = []
      inputs.forEach((input, index) => {
        try {
          sent.push({ index, order: orderOf(input) })
        } catch (error) {
          if (!(error instanceof CourierError)) throw error
          results[index] = { invoice: input.invoice, ok: false, error }
        }
      })
      if (sent.length > 0) {
        try {
          await data({ method: 'POST', path: '/orders/bulk', body: { orders: sent.map((s) => s.order) } })
          for (const s of sent) {
            const booked: Booked = { invoice: inputs[s.index].invoice, consignmentId: null, trackingCode: null, rawStatus: 'pending', status: 'booked', pending: true }
            results[s.index] = { invoice: booked.invoice, ok: true, booked }
          }
        } catch (error) {
          if (!(error instanceof CourierError)) throw error
          sent.forEach((s, position) => (results[s.index] = { invoice: inputs[s.index].invoice, ok: false, error: errorForOrder(error, position) }))
        }
      }
      return results as BulkResult[]
    },

    async findByInvoice() {
      return null // Pathao has no lookup by merchant_order_id.
    },

    async status(ref) {
      const id = ref.consignmentId ?? ref.trackingCode
      if (!id) throw new CourierError('pathao', 'not_found', 'Pathao looks parcels up by consignment id only, and this one has none yet')
      const d = await dataObject({ path: `/orders/${encodeURIComponent(id)}/info` })
      const rawStatus = stringOf(d.order_status_slug)?.toLowerCase() ?? slugify(stringOf(d.order_status) ?? '')
      return { rawStatus, status: mapStatus('pathao', rawStatus), settlementRef: idOf(d.invoice_id), at: providerTime(d.updated_at) ?? undefined }
    },

    async cancel() {
      throw unsupported('pathao', 'Pathao has no public cancel API; cancel the order in the Pathao merchant panel')
    },

    async payouts() {
      throw unsupported('pathao', 'Pathao has no payout API; payouts arrive as order.paid webhooks')
    },

    async payout() {
      throw unsupported('pathao', 'Pathao has no payout API; payouts arrive as order.paid webhooks')
    },

    async stores() {
      const out: Store[] = []
      for (let page = 1; page <= 50; page++) {
        const d = await dataObject({ path: '/stores', query: { page } })
        const rows = Array.isArray(d.data) ? d.data.filter(isRecord) : []
        for (const s of rows) {
          out.push({ id: idOf(s.store_id) ?? '', name: stringOf(s.store_name) ?? '', address: stringOf(s.store_address) ?? '', active: Number(s.is_active) === 1, isDefault: Number(s.is_default_store) === 1 })
        }
        const last = Number(d.last_page)
        if (rows.length === 0 || !Number.isFinite(last) || page >= last) break
      }
      return out
    },

    async locations(kind, parentId) {
      if (kind === 'city') return cachedList('loc:city', '/city-list', (c) => ({ id: Number(c.city_id), name: stringOf(c.city_name) ?? '', kind: 'city' }))
      if (parentId === undefined) throw validation(`Pathao lists ${kind}s of a ${kind === 'zone' ? 'city' : 'zone'}: give its id`, ['parentId'])
      if (kind === 'zone') return cachedList(`loc:zone:${parentId}`, `/cities/${parentId}/zone-list`, (z) => ({ id: Number(z.zone_id), name: stringOf(z.zone_name) ?? '', kind: 'zone', parentId }))
      return cachedList(`loc:area:${parentId}`, `/zones/${parentId}/area-list`, (a) => ({ id: Number(a.area_id), name: stringOf(a.area_name) ?? '', kind: 'area', parentId }))
    },

    authenticate: pathaoAuthenticate,
    parseWebhook: pathaoParseWebhook,
    reply: pathaoReply,
  }
}
