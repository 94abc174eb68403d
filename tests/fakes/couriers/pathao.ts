import { randomBytes } from 'node:crypto'
import { DEFAULT_AREAS, DEFAULT_CITIES, DEFAULT_ZONES, defaultStores, type PathaoOrder, type PathaoStore, type PricePlan, pricePlan, statusText, validateOrder } from './pathao-data'
import { type CourierCall, type FaultControls, type Reply, startCourierServer } from './server'
import { deliver, type Delivery, dhakaTime, lastHeaders, randomCode, requireTarget, type WebhookTarget } from './webhooks'

export type { PathaoOrder, PathaoStore, PricePlan } from './pathao-data'

/**
 * A local Pathao merchant API ("aladdin", integrations.md §3.2) at `/aladdin/api/v1`: the OAuth
 * password and refresh grants (tokens expire; a test can shorten or force-expire them), the
 * `{message, type, code, data}` envelope, 422 validation, stores (paginated), locations, price plan,
 * orders, the asynchronous bulk (202, then `order.created` webhooks with the ids), a 60/min limit
 * answered 429 without Retry-After; and the webhook sender (`X-PATHAO-Signature: <secret>`), which
 * checks every reply echoes `X-Pathao-Merchant-Webhook-Integration-Secret`. Amounts are whole taka.
 */

export type PathaoAccount = { clientId: string; clientSecret: string; username: string; password: string }

export type FakePathaoOptions = {
  accounts?: PathaoAccount[]
  /** expires_in of issued tokens, seconds. Default 432000 (5 days). */
  tokenTtlSec?: number
  /** Default 60 (the observed gateway limit); null: none. */
  perMinute?: null | number
  storesPerPage?: number
  stores?: PathaoStore[]
  /** Bulk orders are created this long after the 202 (null: only on flushBulk()). Default 20 ms. */
  bulkDelayMs?: null | number
  requireCityZone?: boolean
  pricePlan?: Partial<PricePlan>
}

/** A webhook delivery, and whether the reply echoed the expected integration secret. */
export type PathaoDelivery = Delivery & { echoed: null | string; echoOk: boolean }

export type FakePathao = FaultControls & {
  /** Origin only: the adapter appends /aladdin/api/v1. */
  url: string
  calls: CourierCall[]
  deliveries: PathaoDelivery[]
  /** Every token grant asked for, in order. */
  grants: { grant_type: string; ok: boolean }[]
  state: { accounts: PathaoAccount[]; orders: Map<string, PathaoOrder>; stores: PathaoStore[]; pendingBulk: { clientId: string; order: Record<string, unknown> }[] }
  order(cidOrInvoice: string): PathaoOrder | undefined
  /** Every access token issued so far answers 401 from now on (refresh tokens still work). */
  expireTokens(): void
  setTokenTtl(seconds: number): void
  /** Creates the queued bulk orders now and sends their order.created webhooks. */
  flushBulk(): Promise<PathaoDelivery[]>
  setWebhook(url: string, secret: string, opts?: { handshakeSecret?: string; retries?: number; retryDelayMs?: number }): void
  advance(cidOrInvoice: string, slug: string, extras?: Record<string, unknown>): Promise<PathaoDelivery>
  deliver(cidOrInvoice: string, collected?: number): Promise<PathaoDelivery>
  /** Sends order.paid with this payout invoice id. */
  pay(cidOrInvoice: string, invoiceId: string): Promise<PathaoDelivery>
  /** Sends `{event: "webhook_integration"}`; the reply status and echoed header. */
  handshake(): Promise<{ status: number; echoed: null | string; delivery: PathaoDelivery }>
  close(): Promise<void>
}

const envelope = (code: number, message: string, data: unknown): Reply => ({ status: code, body: { message, type: code < 300 ? 'success' : 'error', code, data } })
const unauthenticated: Reply = { status: 401, body: { message: 'Unauthenticated.', type: 'error', code: 401 } }

export async function startFakePathao(options: FakePathaoOptions = {}): Promise<FakePathao> {
  const accounts = options.accounts ?? [{ clientId: 'pathao-client', clientSecret: 'pathao-client-secret', username: 'shop@example.com', password: 'lovePathao' }]
  const stores = options.stores ?? defaultStores()
  const orders = new Map<string, PathaoOrder>()
  const access = new Map<string, { clientId: string; expiresAt: number }>()
  const refresh = new Map<string, string>()
  const grants: FakePathao['grants'] = []
  const deliveries: PathaoDelivery[] = []
  const pendingBulk: FakePathao['state']['pendingBulk'] = []
  let ttl = options.tokenTtlSec ?? 432000
  let target: (WebhookTarget & { handshakeSecret?: string }) | null = null
  const perPage = options.storesPerPage ?? 10

  function issue(clientId: string): Reply {
    const token = randomBytes(24).toString('hex')
    const refreshToken = randomBytes(24).toString('hex')
    access.set(token, { clientId, expiresAt: Date.now() + ttl * 1000 })
    refresh.set(refreshToken, clientId)
    return { status: 200, body: { token_type: 'Bearer', expires_in: ttl, access_token: token, refresh_token: refreshToken } }
  }

  function tokenGrant(body: Record<string, unknown>): Reply {
    const grantType = typeof body.grant_type === 'string' ? body.grant_type : ''
    const client = accounts.find((a) => a.clientId === body.client_id && a.clientSecret === body.client_secret)
    const fail = (status: number, error: string, message: string): Reply => (grants.push({ grant_type: grantType, ok: false }), { status, body: { error, message, type: 'error', code: status } })
    if (!client) return fail(401, 'invalid_client', 'Client authentication failed')
    if (grantType === 'password') {
      const user = accounts.find((a) => a.clientId === client.clientId && a.username === body.username && a.password === body.password)
      if (!user) return fail(400, 'invalid_grant', 'The user credentials were incorrect.')
    } else if (grantType === 'refresh_token') {
      if (refresh.get(String(body.refresh_token)) !== client.clientId) return fail(401, 'invalid_request', 'The refresh token is invalid.')
      refresh.delete(String(body.refresh_token))
    } else return fail(400, 'unsupported_grant_type', 'The authorization grant type is not supported.')
    grants.push({ grant_type: grantType, ok: true })
    return issue(client.clientId)
  }

  function create(o: Record<string, unknown>, clientId: string): PathaoOrder {
    const store = stores.find((s) => s.store_id === Number(o.store_id))!
    const order: PathaoOrder = {
      consignment_id: `DL${dhakaTime().slice(2, 10).replace(/-/g, '')}${randomCode(6)}`,
      merchant_order_id: typeof o.merchant_order_id === 'string' ? o.merchant_order_id : null,
      store_id: store.store_id,
      recipient_name: String(o.recipient_name),
      recipient_phone: String(o.recipient_phone),
      recipient_address: String(o.recipient_address),
      recipient_city: typeof o.recipient_city === 'number' ? o.recipient_city : null,
      recipient_zone: typeof o.recipient_zone === 'number' ? o.recipient_zone : null,
      amount_to_collect: Number(o.amount_to_collect),
      item_weight: Number(o.item_weight),
      delivery_fee: pricePlan(store, typeof o.recipient_city === 'number' ? o.recipient_city : store.city_id, Number(o.item_weight), options.pricePlan).final_price,
      slug: 'pending',
      collected: null,
      invoice_id: null,
      updated_at: dhakaTime(),
      clientId,
    }
    orders.set(order.consignment_id, order)
    return order
  }

  function authed(call: CourierCall, clientId: string): Reply {
    const { method, path } = call
    const body = (call.body ?? {}) as Record<string, unknown>
    if (method === 'GET' && path === '/stores') {
      const page = Math.max(1, Number(call.query.get('page') ?? 1) || 1)
      const last = Math.max(1, Math.ceil(stores.length / perPage))
      return envelope(200, 'Store list', { data: stores.slice((page - 1) * perPage, page * perPage), total: stores.length, current_page: page, per_page: perPage, last_page: last })
    }
    if (method === 'GET' && path === '/city-list') return envelope(200, 'City successfully fetched.', { data: DEFAULT_CITIES })
    const zones = /^\/cities\/(\d+)\/zone-list$/.exec(path)
    if (method === 'GET' && zones) return envelope(200, 'Zone list fetched.', { data: DEFAULT_ZONES[Number(zones[1])] ?? [] })
    const areas = /^\/zones\/(\d+)\/area-list$/.exec(path)
    if (method === 'GET' && areas) return envelope(200, 'Area list fetched.', { data: DEFAULT_AREAS[Number(areas[1])] ?? [] })
    if (method === 'POST' && path === '/merchant/price-plan') {
      const store = stores.find((s) => s.store_id === Number(body.store_id))
      const errors: Record<string, string[]> = {}
      if (!store) errors.store_id = ['The selected store id is invalid.']
      for (const k of ['recipient_city', 'recipient_zone', 'item_weight', 'item_type', 'delivery_type']) if (typeof body[k] !== 'number') errors[k] = [`The ${k.replace('_', ' ')} field is required.`]
      if (Object.keys(errors).length > 0) return { status: 422, body: { message: 'Please fix the given errors', type: 'error', code: 422, errors } }
      return envelope(200, 'price', pricePlan(store!, Number(body.recipient_city), Number(body.item_weight), options.pricePlan))
    }
    if (method === 'POST' && path === '/orders') {
      const errors = validateOrder(body, stores, options)
      if (Object.keys(errors).length > 0) return { status: 422, body: { message: 'Please fix the given errors', type: 'error', code: 422, errors } }
      const o = create(body, clientId)
      return envelope(200, 'Order Created Successfully', { consignment_id: o.consignment_id, merchant_order_id: o.merchant_order_id, order_status: 'Pending', delivery_fee: o.delivery_fee })
    }
    if (method === 'POST' && path === '/orders/bulk') {
      const list = Array.isArray(body.orders) ? (body.orders as Record<string, unknown>[]) : []
      const errors: Record<string, string[]> = {}
      if (list.length === 0) errors.orders = ['The orders field is required.']
      list.forEach((o, i) => Object.entries(validateOrder(o ?? {}, stores, options)).forEach(([f, m]) => (errors[`orders.${i}.${f}`] = m)))
      if (Object.keys(errors).length > 0) return { status: 422, body: { message: 'Please fix the given errors', type: 'error', code: 422, errors } }
      for (const order of list) pendingBulk.push({ clientId, order })
      if (options.bulkDelayMs !== null) setTimeout(() => void flushBulk().catch(() => undefined), options.bulkDelayMs ?? 20)
      return { status: 202, body: { message: 'Your bulk request is being processed.', type: 'success', code: 202, data: true } }
    }
    const info = /^\/orders\/([^/]+)\/info$/.exec(path)
    if (method === 'GET' && info) {
      const o = orders.get(decodeURIComponent(info[1]))
      if (!o || o.clientId !== clientId) return { status: 404, body: { message: 'Order not found', type: 'error', code: 404 } }
      const { consignment_id, merchant_order_id, updated_at, invoice_id } = o
      return envelope(200, 'Order info', { consignment_id, merchant_order_id, order_status: statusText(o.slug), order_status_slug: o.slug, updated_at, invoice_id })
    }
    return { status: 404, body: { message: 'Not Found', type: 'error', code: 404 } }
  }

  function route(call: CourierCall): Reply {
    if (call.method === 'POST' && call.path === '/issue-token') return tokenGrant((call.body ?? {}) as Record<string, unknown>)
    const m = /^Bearer\s+(\S+)$/i.exec(call.headers.authorization ?? '')
    const token = m ? access.get(m[1]) : undefined
    if (!token || token.expiresAt <= Date.now()) return unauthenticated
    return authed(call, token.clientId)
  }

  const server = await startCourierServer({
    prefix: '/aladdin/api/v1',
    route,
    rateLimitReply: () => ({ status: 429, body: { message: 'Too Many Attempts.' } }),
    perMinute: options.perMinute === undefined ? 60 : options.perMinute,
  })

  async function send(body: Record<string, unknown>): Promise<PathaoDelivery> {
    const t = requireTarget(target, 'pathao')
    const d = await deliver(t.url, body, { 'X-PATHAO-Signature': t.secret }, t)
    const echoed = lastHeaders(d)['x-pathao-merchant-webhook-integration-secret'] ?? null
    const out: PathaoDelivery = { ...d, echoed, echoOk: echoed === (t.handshakeSecret ?? t.secret) }
    deliveries.push(out)
    return out
  }

  const find = (key: string) => orders.get(key) ?? [...orders.values()].find((o) => o.merchant_order_id === key)
  function must(key: string): PathaoOrder {
    const o = find(key)
    if (!o) throw new Error(`fake pathao: no order ${key}`)
    return o
  }

  async function advance(key: string, slug: string, extras: Record<string, unknown> = {}): Promise<PathaoDelivery> {
    const o = must(key)
    if (slug !== 'paid') o.slug = slug
    o.updated_at = dhakaTime()
    const money: Record<string, unknown> = ['created', 'updated', 'pickup-requested'].includes(slug) ? { delivery_fee: o.delivery_fee } : {}
    if (o.collected !== null && /delivered|partial|exchanged|paid-return|return/.test(slug)) money.collected_amount = o.collected
    return send({
      consignment_id: o.consignment_id,
      merchant_order_id: o.merchant_order_id,
      store_id: o.store_id,
      updated_at: o.updated_at,
      timestamp: new Date().toISOString(),
      event: `order.${slug}`,
      ...money,
      ...extras,
    })
  }

  async function flushBulk(): Promise<PathaoDelivery[]> {
    const batch = pendingBulk.splice(0)
    const created = batch.map((b) => create(b.order, b.clientId))
    const out: PathaoDelivery[] = []
    if (target) for (const o of created) out.push(await advance(o.consignment_id, 'created'))
    return out
  }

  return {
    ...server,
    url: server.origin,
    deliveries,
    grants,
    state: { accounts, orders, stores, pendingBulk },
    order: find,
    expireTokens() {
      for (const t of access.values()) t.expiresAt = 0
    },
    setTokenTtl(seconds) {
      ttl = seconds
    },
    flushBulk,
    setWebhook(url, secret, opts = {}) {
      target = { url, secret, ...opts }
    },
    advance,
    async deliver(key, collected) {
      const o = must(key)
      o.collected = collected ?? o.amount_to_collect
      return advance(key, o.collected < o.amount_to_collect ? 'partial-delivery' : 'delivered')
    },
    async pay(key, invoiceId) {
      must(key).invoice_id = invoiceId
      return advance(key, 'paid', { invoice_id: invoiceId })
    },
    async handshake() {
      const delivery = await send({ event: 'webhook_integration', timestamp: new Date().toISOString() })
      return { status: delivery.status, echoed: delivery.echoed, delivery }
    },
  }
}
