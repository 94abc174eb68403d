import { fieldErrorsOf, messageOf, requestJson, type HttpRequest } from './http'
import { requirePhone } from './phone'
import { mapStatus } from './status-map'
import { steadfastAuthenticate, steadfastParseWebhook, steadfastReply } from './steadfast-webhook'
import { type AdapterContext, type Booked, type BookingInput, type BulkResult, type CourierAdapter, CourierError, type Payout, type PayoutItem, type ShipmentRef, type StatusResult } from './types'
import { chunks, idOf, isRecord, providerTime, requireStrings, stringOf, toMinor, toTaka, unsupported } from './util'

/** Steadfast (packzy) API keys, from the Steadfast panel. */
export type SteadfastCredentials = { apiKey: string; secretKey: string }

/** Validates Steadfast credentials; CourierError validation names the missing keys. */
export function parseSteadfastCredentials(raw: unknown): SteadfastCredentials {
  return requireStrings('steadfast', raw, ['apiKey', 'secretKey'] as const)
}

/** Steadfast's documented bulk maximum per call. */
export const STEADFAST_BULK_MAX = 500

type Json = Record<string, unknown>

/**
 * The error a Steadfast body carries with HTTP 200 (`{status: 400, message, errors}`, §3.1): a
 * client must read body `status` too. "The invoice has already been taken." → duplicate.
 */
function bodyError(body: Json): CourierError {
  const status = Number(body.status)
  const fieldErrors = fieldErrorsOf(body)
  const message = messageOf(body, `Steadfast refused the request (status ${status})`)
  if (status === 401 || status === 403) return new CourierError('steadfast', 'bad_credentials', `Steadfast refused this account's credentials: ${message}`, { httpStatus: 200 })
  if (status === 404) return new CourierError('steadfast', 'not_found', message, { httpStatus: 200 })
  if (status === 429) return new CourierError('steadfast', 'rate_limited', message, { httpStatus: 200 })
  if (status >= 500) return new CourierError('steadfast', 'unavailable', message, { httpStatus: 200 })
  return new CourierError('steadfast', 'validation', message, { httpStatus: 200, fieldErrors })
}

/** Validation whose invoice error says it is taken → duplicate (same field errors). */
function asDuplicate(error: CourierError): CourierError {
  const taken = error.fieldErrors.find((f) => f.path === 'invoice' && /already been taken/i.test(f.message))
  if (error.code !== 'validation' || !taken) return error
  return new CourierError('steadfast', 'duplicate', `Steadfast already has a consignment with this invoice: ${taken.message}`, { httpStatus: error.httpStatus, fieldErrors: error.fieldErrors })
}

/** The order fields Steadfast takes (amounts BDT). Throws validation on a bad phone before any call. */
function orderOf(input: BookingInput): Json {
  return {
    invoice: input.invoice,
    recipient_name: input.recipient.name,
    recipient_phone: requirePhone('steadfast', input.recipient.phone, 'recipient_phone'),
    recipient_address: input.recipient.address,
    cod_amount: toTaka(input.codAmount),
    ...(input.note ? { note: input.note } : {}),
    ...(input.itemDescription ? { item_description: input.itemDescription } : {}),
    ...(input.itemQuantity > 0 ? { total_lot: input.itemQuantity } : {}),
    delivery_type: 0,
  }
}

function bookedOf(invoice: string, c: Json): Booked {
  const rawStatus = stringOf(c.status) ?? 'in_review'
  return { invoice, consignmentId: idOf(c.consignment_id), trackingCode: stringOf(c.tracking_code), rawStatus, status: mapStatus('steadfast', rawStatus) ?? 'booked', deliveryFee: null }
}

function payoutHead(p: Json): Omit<Payout, 'items'> {
  return { id: idOf(p.id) ?? '', amount: toMinor(p.amount) ?? 0, status: stringOf(p.status) ?? 'unknown', createdAt: providerTime(p.created_at) ?? new Date(0) }
}

function payoutItem(c: Json): PayoutItem {
  const codFee = toMinor(c.cod_charge)
  return {
    consignmentId: idOf(c.consignment_id),
    invoice: stringOf(c.invoice),
    trackingCode: stringOf(c.tracking_code),
    collected: toMinor(c.cod_amount) ?? 0,
    deliveryFee: toMinor(c.delivery_charge) ?? 0,
    ...(codFee !== null ? { codFee } : {}),
  }
}

/**
 * The Steadfast adapter (integrations.md §3.1): Api-Key / Secret-Key headers, every body's
 * `status` read as well as HTTP's. No quote API (the shop's rate card), no cancel API (the panel),
 * no locations. findByInvoice answers from /status_by_invoice, which gives the delivery status
 * only: the result has no consignment id, and the plugin keeps the shipment by invoice (status
 * lookups by invoice work). Payouts come from GET /payments.
 */
export function steadfastAdapter(ctx: AdapterContext): CourierAdapter {
  let credentials: SteadfastCredentials | undefined

  async function call(request: HttpRequest): Promise<unknown> {
    credentials ??= parseSteadfastCredentials(ctx.credentials)
    const res = await requestJson('steadfast', ctx, { ...request, headers: { 'Api-Key': credentials.apiKey, 'Secret-Key': credentials.secretKey } })
    const body = res.body
    if (isRecord(body) && body.status !== undefined && typeof body.status !== 'string' && Number(body.status) !== 200) throw bodyError(body)
    return body
  }

  /** A call whose envelope must be an object. */
  async function callObject(request: HttpRequest): Promise<Json> {
    const body = await call(request)
    if (!isRecord(body)) throw new CourierError('steadfast', 'bad_response', `Steadfast answered ${request.path} with something unexpected`)
    return body
  }

  async function statusBy(path: string): Promise<StatusResult> {
    const body = await callObject({ path })
    const rawStatus = stringOf(body.delivery_status)
    if (rawStatus === null) throw new CourierError('steadfast', 'bad_response', 'Steadfast answered a status lookup without delivery_status')
    return { rawStatus, status: mapStatus('steadfast', rawStatus) }
  }

  async function bookChunk(inputs: BookingInput[], orders: Json[]): Promise<BulkResult[]> {
    let body: unknown
    try {
      // The PHP example JSON-encodes the array into a string; Steadfast accepts that form.
      body = await call({ method: 'POST', path: '/create_order/bulk-order', body: { data: JSON.stringify(orders) } })
    } catch (error) {
      if (!(error instanceof CourierError)) throw error
      return inputs.map((input) => ({ invoice: input.invoice, ok: false, error }))
    }
    const rows = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.data) ? body.data : null
    const byInvoice = new Map<string, Json>()
    for (const row of rows ?? []) if (isRecord(row) && typeof row.invoice === 'string') byInvoice.set(row.invoice, row)
    return inputs.map((input): BulkResult => {
      const row = byInvoice.get(input.invoice)
      if (!row)
        return { invoice: input.invoice, ok: false, error: new CourierError('steadfast', 'bad_response', 'Steadfast did not say what became of this order; check the Steadfast panel before booking it again') }
      if (row.status === 'success' && idOf(row.consignment_id) !== null) return { invoice: input.invoice, ok: true, booked: { ...bookedOf(input.invoice, { ...row, status: 'in_review' }) } }
      const message = stringOf(row.error) ?? stringOf(row.message) ?? 'Steadfast refused this order in the bulk booking'
      return { invoice: input.invoice, ok: false, error: asDuplicate(new CourierError('steadfast', 'validation', message, { httpStatus: 200, fieldErrors: fieldErrorsOf(row) })) }
    })
  }

  return {
    provider: 'steadfast',
    quotes: false,
    payoutsApi: true,

    async quote() {
      throw unsupported('steadfast', 'Steadfast has no quote API; the shop rate card prices Steadfast deliveries')
    },

    async book(input) {
      let body: Json
      try {
        body = await callObject({ method: 'POST', path: '/create_order', body: orderOf(input) })
      } catch (error) {
        throw error instanceof CourierError ? asDuplicate(error) : error
      }
      if (!isRecord(body.consignment)) throw new CourierError('steadfast', 'bad_response', 'Steadfast answered the booking without a consignment')
      return bookedOf(input.invoice, body.consignment)
    },

    async bookMany(inputs) {
      const results = new Map<string, BulkResult>()
      const valid: { input: BookingInput; order: Json }[] = []
      for (const input of inputs) {
        try {
          valid.push({ input, order: orderOf(input) })
        } catch (error) {
          if (!(error instanceof CourierError)) throw error
          results.set(input.invoice, { invoice: input.invoice, ok: false, error })
        }
      }
      for (const chunk of chunks(valid, STEADFAST_BULK_MAX)) {
        const chunkResults = await bookChunk(
          chunk.map((c) => c.input),
          chunk.map((c) => c.order),
        )
        for (const r of chunkResults) results.set(r.invoice, r)
      }
      return inputs.map((input) => results.get(input.invoice)!)
    },

    async findByInvoice(invoice) {
      try {
        const found = await statusBy(`/status_by_invoice/${encodeURIComponent(invoice)}`)
        return { invoice, consignmentId: null, trackingCode: null, rawStatus: found.rawStatus, status: found.status ?? 'booked' }
      } catch (error) {
        if (error instanceof CourierError && error.code === 'not_found') return null
        throw error
      }
    },

    async status(ref: ShipmentRef) {
      if (ref.consignmentId) return statusBy(`/status_by_cid/${encodeURIComponent(ref.consignmentId)}`)
      if (ref.trackingCode) return statusBy(`/status_by_trackingcode/${encodeURIComponent(ref.trackingCode)}`)
      if (ref.invoice) return statusBy(`/status_by_invoice/${encodeURIComponent(ref.invoice)}`)
      throw new CourierError('steadfast', 'not_found', 'No consignment id, tracking code or invoice to look the Steadfast parcel up by')
    },

    async cancel() {
      throw unsupported('steadfast', 'Steadfast has no cancel API; cancel it in the Steadfast panel')
    },

    async payouts() {
      const body = await call({ path: '/payments' })
      const list = Array.isArray(body) ? body : isRecord(body) ? (body.data ?? body.payments) : null
      if (!Array.isArray(list)) throw new CourierError('steadfast', 'bad_response', 'Steadfast answered /payments without a list')
      return list.filter(isRecord).map(payoutHead)
    },

    async payout(id) {
      const body = await callObject({ path: `/payments/${encodeURIComponent(id)}` })
      const payment = isRecord(body.data) ? body.data : isRecord(body.payment) ? body.payment : body
      const consignments = Array.isArray(payment.consignments) ? payment.consignments : Array.isArray(body.consignments) ? body.consignments : []
      return { ...payoutHead(payment), items: consignments.filter(isRecord).map(payoutItem) }
    },

    async stores() {
      return [] // Steadfast picks up from the account's one address.
    },

    async locations() {
      throw unsupported('steadfast', 'Steadfast takes a free-text address; it has no location lists')
    },

    authenticate: steadfastAuthenticate,
    parseWebhook: steadfastParseWebhook,
    reply: () => steadfastReply(),
  }
}
