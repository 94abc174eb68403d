import { type CourierCall, type FaultControls, type Reply, startCourierServer } from './server'
import { deliver, type Delivery, dhakaTime, randomCode, requireTarget, type WebhookTarget } from './webhooks'

/**
 * A local Steadfast (packzy) API, `/api/v1` (integrations.md §3.1): Api-Key / Secret-Key, orders
 * with Laravel-style validation under HTTP 200 (`{status: 400, errors}`), bulk orders (≤ 500, `data`
 * as an array or a JSON string), status lookups, balance, payments; and the webhook sender
 * (`Authorization: Bearer <token>`). Amounts are BDT.
 */

export type SteadfastAccount = { apiKey: string; secretKey: string }

export type SteadfastConsignment = {
  consignment_id: number
  invoice: string
  tracking_code: string
  recipient_name: string
  recipient_phone: string
  recipient_address: string
  cod_amount: number
  /** What the courier collected (BDT), once delivered. */
  collected: null | number
  delivery_charge: number
  status: string
  note: null | string
  apiKey: string
  created_at: string
  updated_at: string
}

export type SteadfastPayment = { id: number; amount: number; status: string; created_at: string; updated_at: string; consignmentIds: number[] }

export type FakeSteadfastOptions = {
  accounts?: SteadfastAccount[]
  /** Delivery charge of every consignment, BDT. Default 60. */
  deliveryCharge?: number
  /** COD charge rate on what was collected. Default 0.01. */
  codChargeRate?: number
  /** Bulk answers `{data: [...]}` instead of a bare array. */
  bulkWrapped?: boolean
  /** HTTP status of validation answers (the body says 400 either way). Default 200. */
  validationHttpStatus?: 200 | 422
  /** HTTP status of "not found" lookups (the body says 404 either way). Default 404. */
  notFoundHttpStatus?: 200 | 404
  perMinute?: null | number
  /** Listen on this loopback port (default: one the OS picks). */
  port?: number
}

export type FakeSteadfast = FaultControls & {
  url: string
  calls: CourierCall[]
  deliveries: Delivery[]
  state: { accounts: SteadfastAccount[]; consignments: Map<number, SteadfastConsignment>; payments: Map<number, SteadfastPayment> }
  consignment(idOrInvoice: number | string): SteadfastConsignment | undefined
  setWebhook(url: string, secret: string, opts?: { retries?: number; retryDelayMs?: number }): void
  /** Sets the status and sends a delivery_status notification (extras override body fields). */
  advance(idOrInvoice: number | string, status: string, extras?: Record<string, unknown>): Promise<Delivery>
  /** Sends a tracking_update (or return_status) notification. */
  track(idOrInvoice: number | string, message: string, type?: 'return_status' | 'tracking_update'): Promise<Delivery>
  /** Delivered with `collected` BDT (default: the COD amount; less → partial_delivered). */
  deliver(idOrInvoice: number | string, collected?: number): Promise<Delivery>
  /** A payout batch of these consignments, listed by GET /payments. */
  createPayout(ids: (number | string)[]): SteadfastPayment
  close(): Promise<void>
}

type Order = Record<string, unknown>
const money = (n: number) => Math.round(n * 100) / 100

export async function startFakeSteadfast(options: FakeSteadfastOptions = {}): Promise<FakeSteadfast> {
  const accounts = options.accounts ?? [{ apiKey: 'sf-api-key', secretKey: 'sf-secret-key' }]
  const consignments = new Map<number, SteadfastConsignment>()
  const payments = new Map<number, SteadfastPayment>()
  const deliveries: Delivery[] = []
  let nextId = 1424107
  let nextPayment = 9001
  let target: null | WebhookTarget = null
  const charge = options.deliveryCharge ?? 60
  const codRate = options.codChargeRate ?? 0.01

  const find = (key: number | string, apiKey?: string) => {
    const all = [...consignments.values()].filter((c) => apiKey === undefined || c.apiKey === apiKey)
    return all.find((c) => String(c.consignment_id) === String(key) || c.invoice === String(key) || c.tracking_code === String(key))
  }
  const invalid = (errors: Record<string, string[]>): Reply => ({ status: options.validationHttpStatus ?? 200, body: { status: 400, message: 'The given data was invalid.', errors } })

  function validate(o: Order, apiKey: string, taken: Set<string>): Record<string, string[]> {
    const errors: Record<string, string[]> = {}
    const add = (field: string, message: string) => (errors[field] ??= []).push(message)
    const str = (k: string) => (typeof o[k] === 'string' ? o[k] : typeof o[k] === 'number' ? String(o[k]) : '')
    if (!str('invoice')) add('invoice', 'The invoice field is required.')
    else if (!/^[A-Za-z0-9_-]+$/.test(str('invoice'))) add('invoice', 'The invoice format is invalid.')
    else if (find(str('invoice'), apiKey)?.invoice === str('invoice') || taken.has(str('invoice'))) add('invoice', 'The invoice has already been taken.')
    if (!str('recipient_name')) add('recipient_name', 'The recipient name field is required.')
    else if (str('recipient_name').length > 100) add('recipient_name', 'The recipient name may not be greater than 100 characters.')
    if (!/^\d{11}$/.test(str('recipient_phone'))) add('recipient_phone', 'The recipient phone must be 11 digits.')
    if (!str('recipient_address')) add('recipient_address', 'The recipient address field is required.')
    else if (str('recipient_address').length > 250) add('recipient_address', 'The recipient address may not be greater than 250 characters.')
    const cod = Number(o.cod_amount)
    if (o.cod_amount === undefined || o.cod_amount === null || o.cod_amount === '' || !Number.isFinite(cod) || cod < 0) add('cod_amount', 'The cod amount must be a number of at least 0.')
    return errors
  }

  function create(o: Order, apiKey: string): SteadfastConsignment {
    const now = new Date().toISOString().replace('Z', '000Z')
    const c: SteadfastConsignment = {
      consignment_id: nextId++,
      invoice: String(o.invoice),
      tracking_code: randomCode(8),
      recipient_name: String(o.recipient_name),
      recipient_phone: String(o.recipient_phone),
      recipient_address: String(o.recipient_address),
      cod_amount: money(Number(o.cod_amount)),
      collected: null,
      delivery_charge: charge,
      status: 'in_review',
      note: typeof o.note === 'string' ? o.note : null,
      apiKey,
      created_at: now,
      updated_at: now,
    }
    consignments.set(c.consignment_id, c)
    return c
  }

  const publicOf = (c: SteadfastConsignment) => ({
    consignment_id: c.consignment_id,
    invoice: c.invoice,
    tracking_code: c.tracking_code,
    recipient_name: c.recipient_name,
    recipient_phone: c.recipient_phone,
    recipient_address: c.recipient_address,
    cod_amount: c.cod_amount,
    status: c.status,
    note: c.note,
    created_at: c.created_at,
    updated_at: c.updated_at,
  })

  const paymentItems = (p: SteadfastPayment) =>
    p.consignmentIds.map((id) => {
      const c = consignments.get(id)!
      const collected = c.collected ?? 0
      return {
        consignment_id: c.consignment_id,
        invoice: c.invoice,
        tracking_code: c.tracking_code,
        cod_amount: collected,
        delivery_charge: c.delivery_charge,
        cod_charge: money(collected * codRate),
        status: c.status,
      }
    })
  const paymentHead = (p: SteadfastPayment) => ({ id: p.id, amount: p.amount, status: p.status, created_at: p.created_at, updated_at: p.updated_at })

  function bulk(call: CourierCall, apiKey: string): Reply {
    const raw = (call.body as Order | null)?.data
    let list: unknown = raw
    if (typeof raw === 'string') {
      try {
        list = JSON.parse(raw)
      } catch {
        return invalid({ data: ['The data must be a valid JSON string.'] })
      }
    }
    if (!Array.isArray(list) || list.length === 0) return invalid({ data: ['The data field is required.'] })
    if (list.length > 500) return invalid({ data: ['The data may not have more than 500 items.'] })
    const taken = new Set<string>()
    const rows = list.map((item: Order) => {
      const ok = Object.keys(validate(item ?? {}, apiKey, taken)).length === 0
      const c = ok ? create(item, apiKey) : null
      if (c) taken.add(c.invoice)
      const { invoice, recipient_name, recipient_address, recipient_phone, note } = item ?? {}
      return {
        invoice,
        recipient_name,
        recipient_address,
        recipient_phone,
        cod_amount: Number(item?.cod_amount ?? 0).toFixed(2),
        note: note ?? null,
        consignment_id: c?.consignment_id ?? null,
        tracking_code: c?.tracking_code ?? null,
        status: c ? 'success' : 'error',
      }
    })
    return { status: 200, body: options.bulkWrapped ? { data: rows } : rows }
  }

  function route(call: CourierCall): Reply {
    const account = accounts.find((a) => a.apiKey === call.headers['api-key'] && a.secretKey === call.headers['secret-key'])
    if (!account) return { status: 401, body: { message: 'Unauthenticated.' } }
    const { method, path } = call
    const lookup = /^\/status_by_(cid|invoice|trackingcode)\/([^/]+)$/.exec(path)
    if (method === 'GET' && lookup) {
      const c = find(decodeURIComponent(lookup[2]), account.apiKey)
      return c ? { status: 200, body: { status: 200, delivery_status: c.status } } : { status: options.notFoundHttpStatus ?? 404, body: { status: 404, message: 'Consignment not found.' } }
    }
    if (method === 'POST' && path === '/create_order') {
      const order = (call.body ?? {}) as Order
      const errors = validate(order, account.apiKey, new Set())
      if (Object.keys(errors).length > 0) return invalid(errors)
      return { status: 200, body: { status: 200, message: 'Consignment has been created successfully.', consignment: publicOf(create(order, account.apiKey)) } }
    }
    if (method === 'POST' && path === '/create_order/bulk-order') return bulk(call, account.apiKey)
    if (method === 'GET' && path === '/get_balance') {
      const mine = [...consignments.values()].filter((c) => c.apiKey === account.apiKey && c.collected !== null)
      return { status: 200, body: { status: 200, current_balance: money(mine.reduce((s, c) => s + (c.collected ?? 0) - c.delivery_charge, 0)) } }
    }
    if (method === 'GET' && path === '/payments') return { status: 200, body: { status: 200, data: [...payments.values()].map(paymentHead) } }
    const payment = /^\/payments\/(\d+)$/.exec(path)
    if (method === 'GET' && payment) {
      const p = payments.get(Number(payment[1]))
      return p ? { status: 200, body: { status: 200, data: { ...paymentHead(p), consignments: paymentItems(p) } } } : { status: 404, body: { status: 404, message: 'Payment not found.' } }
    }
    return { status: 404, body: { message: 'Not Found' } }
  }

  const server = await startCourierServer({
    prefix: '/api/v1',
    route,
    rateLimitReply: () => ({ status: 429, headers: { 'retry-after': '60' }, body: { message: 'Too Many Attempts.' } }),
    perMinute: options.perMinute ?? null,
    port: options.port,
  })

  async function notify(c: SteadfastConsignment, body: Record<string, unknown>): Promise<Delivery> {
    const t = requireTarget(target, 'steadfast')
    const d = await deliver(t.url, { consignment_id: c.consignment_id, invoice: c.invoice, tracking_id: c.tracking_code, ...body }, { authorization: `Bearer ${t.secret}` }, t)
    deliveries.push(d)
    return d
  }
  function must(key: number | string): SteadfastConsignment {
    const c = find(key)
    if (!c) throw new Error(`fake steadfast: no consignment ${key}`)
    return c
  }
  async function advance(key: number | string, status: string, extras: Record<string, unknown> = {}): Promise<Delivery> {
    const c = must(key)
    c.status = status
    c.updated_at = new Date().toISOString()
    const collected = c.collected ?? (status.startsWith('delivered') ? c.cod_amount : 0)
    return notify(c, {
      notification_type: 'delivery_status',
      cod_amount: collected,
      status,
      delivery_charge: c.delivery_charge,
      tracking_message: `Status changed to ${status}`,
      updated_at: dhakaTime(),
      ...extras,
    })
  }

  return {
    ...server,
    deliveries,
    state: { accounts, consignments, payments },
    consignment: (key) => find(key),
    setWebhook(url, secret, opts = {}) {
      target = { url, secret, ...opts }
    },
    advance,
    async track(key, message, type = 'tracking_update') {
      return notify(must(key), { notification_type: type, tracking_message: message, updated_at: dhakaTime() })
    },
    async deliver(key, collected) {
      const c = must(key)
      c.collected = money(collected ?? c.cod_amount)
      return advance(key, c.collected < c.cod_amount ? 'partial_delivered' : 'delivered')
    },
    createPayout(ids) {
      const list = ids.map((id) => must(id))
      const amount = money(list.reduce((s, c) => s + (c.collected ?? 0) - c.delivery_charge - money((c.collected ?? 0) * codRate), 0))
      const now = new Date().toISOString()
      const p: SteadfastPayment = { id: nextPayment++, amount, status: 'paid', created_at: now, updated_at: now, consignmentIds: list.map((c) => c.consignment_id) }
      payments.set(p.id, p)
      return p
    },
  }
}
