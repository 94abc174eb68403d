import { type Ctx } from './context'
import { invalid, missing } from './errors'
import { type Params } from './form'
import { arr, bool, found, int, listOf, need, str, sub } from './params'
import { type ApiRoute } from './server'
import { type Customer, mergeMetadata, type Meter, type MeterEvent, newId, type Price, type Product, type Recurring } from './store'

/** Customers, products, prices, billing meters and meter events (integrations.md §4.2, §4.4). */

const INTERVALS = ['day', 'week', 'month', 'year']

export function catalogRoutes({ store }: Ctx): ApiRoute[] {
  const customer = (id: string) => found(store.customers, id, 'customer')

  function createCustomer(p: Params): Customer {
    const c: Customer = {
      id: newId('cus', 14),
      object: 'customer',
      created: store.now(),
      email: str(p, 'email') ?? null,
      name: str(p, 'name') ?? null,
      description: str(p, 'description') ?? null,
      phone: str(p, 'phone') ?? null,
      metadata: mergeMetadata({}, p.metadata),
      balance: 0,
      currency: null,
      default_source: null,
      delinquent: false,
      invoice_prefix: 'FAKE',
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    }
    store.customers.set(c.id, c)
    return c
  }

  function updateCustomer(c: Customer, p: Params): Customer {
    for (const k of ['email', 'name', 'description', 'phone']) if (p[k] !== undefined) c[k] = str(p, k) || null
    c.metadata = mergeMetadata(c.metadata, p.metadata)
    return c
  }

  function createProduct(p: Params): Product {
    const id = str(p, 'id') ?? newId('prod', 14)
    if (store.products.has(id)) throw invalid(`Product already exists.`, 'id', 'resource_already_exists')
    const now = store.now()
    const product: Product = {
      id,
      object: 'product',
      active: bool(p, 'active') ?? true,
      created: now,
      updated: now,
      default_price: null,
      description: str(p, 'description') || null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: mergeMetadata({}, p.metadata),
      name: need(p, 'name'),
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      type: 'service',
      unit_label: null,
      url: null,
    }
    store.products.set(id, product)
    return product
  }

  function updateProduct(product: Product, p: Params): Product {
    if (p.name !== undefined) product.name = need(p, 'name')
    if (p.description !== undefined) product.description = str(p, 'description') || null
    product.active = bool(p, 'active') ?? product.active
    product.metadata = mergeMetadata(product.metadata, p.metadata)
    product.updated = store.now()
    return product
  }

  function recurringOf(p: Params): null | Recurring {
    const r = sub(p, 'recurring')
    if (!r) return null
    const interval = need(r, 'interval', 'recurring[interval]')
    if (!INTERVALS.includes(interval)) throw invalid(`Invalid recurring[interval]: must be one of day, week, month, or year`, 'recurring[interval]', 'parameter_invalid_string')
    const usage = str(r, 'usage_type') ?? 'licensed'
    if (usage !== 'licensed' && usage !== 'metered') throw invalid(`Invalid recurring[usage_type]: must be one of licensed or metered`, 'recurring[usage_type]')
    const meter = str(r, 'meter') ?? null
    if (usage === 'metered' && !meter) throw invalid('Metered prices must be backed by a meter: pass recurring[meter].', 'recurring[meter]', 'parameter_missing')
    if (meter && usage !== 'metered') throw invalid('recurring[meter] can only be set when recurring[usage_type] is metered.', 'recurring[meter]')
    if (meter && !store.meters.has(meter)) throw missing('billing meter', meter, 'recurring[meter]')
    return { interval: interval as Recurring['interval'], interval_count: int(r, 'interval_count', 'recurring[interval_count]') ?? 1, meter, usage_type: usage, trial_period_days: null }
  }

  function createPrice(p: Params): Price {
    const productData = sub(p, 'product_data')
    const productId = productData ? createProduct(productData).id : need(p, 'product')
    if (!store.products.has(productId)) throw missing('product', productId, 'product')
    const currency = need(p, 'currency').toLowerCase()
    if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}. Stripe currently supports these currencies: usd, bdt, eur, …`, 'currency', 'parameter_invalid_string')
    const unit = int(p, 'unit_amount')
    if (unit === undefined) throw invalid('You must specify either `unit_amount`, `unit_amount_decimal` or `custom_unit_amount`.', 'unit_amount', 'parameter_missing')
    if (unit < 0) throw invalid('This value must be greater than or equal to 0.', 'unit_amount', 'parameter_invalid_integer')
    const lookupKey = str(p, 'lookup_key') || null
    if (lookupKey) {
      const holder = [...store.prices.values()].find((x) => x.lookup_key === lookupKey)
      if (holder && bool(p, 'transfer_lookup_key') !== true) throw invalid(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key', 'lookup_key_already_used')
      if (holder) holder.lookup_key = null
    }
    const recurring = recurringOf(p)
    const price: Price = {
      id: newId('price', 24),
      object: 'price',
      active: bool(p, 'active') ?? true,
      billing_scheme: 'per_unit',
      created: store.now(),
      currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: lookupKey,
      metadata: mergeMetadata({}, p.metadata),
      nickname: str(p, 'nickname') || null,
      product: productId,
      recurring,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: recurring ? 'recurring' : 'one_time',
      unit_amount: unit,
      unit_amount_decimal: String(unit),
    }
    store.prices.set(price.id, price)
    return price
  }

  function updatePrice(price: Price, p: Params): Price {
    for (const k of ['unit_amount', 'currency', 'recurring', 'product']) if (p[k] !== undefined) throw invalid(`Received unknown parameter: ${k}`, k, 'parameter_unknown')
    price.active = bool(p, 'active') ?? price.active
    if (p.nickname !== undefined) price.nickname = str(p, 'nickname') || null
    if (p.lookup_key !== undefined) price.lookup_key = str(p, 'lookup_key') || null
    price.metadata = mergeMetadata(price.metadata, p.metadata)
    return price
  }

  function createMeter(p: Params): Meter {
    const eventName = need(p, 'event_name')
    if ([...store.meters.values()].some((m) => m.status === 'active' && m.event_name === eventName))
      throw invalid(`An active meter with event_name \`${eventName}\` already exists.`, 'event_name', 'resource_already_exists')
    const formula = need(sub(p, 'default_aggregation') ?? {}, 'formula', 'default_aggregation[formula]')
    if (!['sum', 'count', 'last'].includes(formula)) throw invalid('Invalid default_aggregation[formula]: must be one of count, last, or sum', 'default_aggregation[formula]')
    const mapping = sub(p, 'customer_mapping') ?? {}
    const now = store.now()
    const meter: Meter = {
      id: newId('mtr_test', 24),
      object: 'billing.meter',
      created: now,
      updated: now,
      customer_mapping: { event_payload_key: str(mapping, 'event_payload_key') ?? 'stripe_customer_id', type: 'by_id' },
      default_aggregation: { formula: formula as Meter['default_aggregation']['formula'] },
      display_name: need(p, 'display_name'),
      event_name: eventName,
      event_time_window: str(p, 'event_time_window') ?? null,
      livemode: false,
      status: 'active',
      status_transitions: { deactivated_at: null },
      value_settings: { event_payload_key: str(sub(p, 'value_settings') ?? {}, 'event_payload_key') ?? 'value' },
    }
    store.meters.set(meter.id, meter)
    return meter
  }

  function createMeterEvent(p: Params): MeterEvent {
    const eventName = need(p, 'event_name')
    const payload = sub(p, 'payload')
    if (!payload) throw invalid('Missing required param: payload.', 'payload', 'parameter_missing')
    const identifier = str(p, 'identifier') || newId('mev', 20)
    if (store.meterEvents.some((e) => e.identifier === identifier)) throw invalid(`An event with identifier ${identifier} already exists.`, 'identifier', 'duplicate_meter_event')
    const now = store.now()
    const timestamp = int(p, 'timestamp') ?? now
    if (timestamp < now - 35 * 86_400) throw invalid('Timestamp must be within the past 35 calendar days.', 'timestamp', 'timestamp_too_far_in_past')
    if (timestamp > now + 300) throw invalid('Timestamp must not be more than 5 minutes in the future.', 'timestamp', 'timestamp_in_future')
    const meter = [...store.meters.values()].find((m) => m.status === 'active' && m.event_name === eventName)
    const strings: Record<string, string> = {}
    for (const [k, v] of Object.entries(payload)) if (typeof v === 'string') strings[k] = v
    const valueKey = meter?.value_settings.event_payload_key ?? 'value'
    const raw = strings[valueKey] ?? (meter?.default_aggregation.formula === 'count' ? '1' : undefined)
    if (raw === undefined || !/^-?\d+(\.\d+)?$/.test(raw)) throw invalid(`The payload must contain \`${valueKey}\` as a numeric string.`, `payload[${valueKey}]`)
    const customerId = strings[meter?.customer_mapping.event_payload_key ?? 'stripe_customer_id'] ?? null
    if (customerId === null) throw invalid('The payload must contain the customer id (stripe_customer_id).', 'payload[stripe_customer_id]', 'parameter_missing')
    const live = [...store.subscriptions.values()].reverse().find((s) => s.customer === customerId && s.status !== 'canceled')
    const e: MeterEvent = {
      identifier,
      event_name: eventName,
      customer: customerId,
      meter: meter?.id ?? null,
      value: Number(raw),
      timestamp,
      payload: strings,
      created: now,
      period: live?.items.data[0]?.current_period_start ?? null,
    }
    store.meterEvents.push(e)
    return e
  }

  const meterEventBody = (e: MeterEvent) => ({
    object: 'billing.meter_event',
    created: e.created,
    event_name: e.event_name,
    identifier: e.identifier,
    livemode: false,
    payload: e.payload,
    timestamp: e.timestamp,
  })

  return [
    { method: 'POST', path: /^\/v1\/customers$/, handle: (r) => createCustomer(r.params) },
    {
      method: 'GET',
      path: /^\/v1\/customers$/,
      handle: (r) =>
        listOf(
          [...store.customers.values()].filter((c) => !r.params.email || c.email === str(r.params, 'email')),
          r.params,
          '/v1/customers',
        ),
    },
    { method: 'GET', path: /^\/v1\/customers\/([^/]+)$/, handle: (_r, m) => customer(m[1]) },
    { method: 'POST', path: /^\/v1\/customers\/([^/]+)$/, handle: (r, m) => updateCustomer(customer(m[1]), r.params) },
    { method: 'POST', path: /^\/v1\/products$/, handle: (r) => createProduct(r.params) },
    {
      method: 'GET',
      path: /^\/v1\/products$/,
      handle: (r) => {
        const active = bool(r.params, 'active')
        const ids = arr(r.params, 'ids')
        return listOf(
          [...store.products.values()].filter((x) => (active === undefined || x.active === active) && (!ids || ids.includes(x.id))),
          r.params,
          '/v1/products',
        )
      },
    },
    { method: 'GET', path: /^\/v1\/products\/([^/]+)$/, handle: (_r, m) => found(store.products, m[1], 'product') },
    { method: 'POST', path: /^\/v1\/products\/([^/]+)$/, handle: (r, m) => updateProduct(found(store.products, m[1], 'product'), r.params) },
    { method: 'POST', path: /^\/v1\/prices$/, handle: (r) => createPrice(r.params) },
    {
      method: 'GET',
      path: /^\/v1\/prices$/,
      handle: (r) => {
        const q = r.params
        const active = bool(q, 'active')
        const product = str(q, 'product')
        const keys = arr(q, 'lookup_keys')
        const type = str(q, 'type')
        const rows = [...store.prices.values()].filter(
          (x) => (active === undefined || x.active === active) && (!product || x.product === product) && (!keys || keys.includes(x.lookup_key ?? '')) && (!type || x.type === type),
        )
        return listOf(rows, q, '/v1/prices')
      },
    },
    { method: 'GET', path: /^\/v1\/prices\/([^/]+)$/, handle: (_r, m) => found(store.prices, m[1], 'price') },
    { method: 'POST', path: /^\/v1\/prices\/([^/]+)$/, handle: (r, m) => updatePrice(found(store.prices, m[1], 'price'), r.params) },
    { method: 'POST', path: /^\/v1\/billing\/meters$/, handle: (r) => createMeter(r.params) },
    {
      method: 'GET',
      path: /^\/v1\/billing\/meters$/,
      handle: (r) =>
        listOf(
          [...store.meters.values()].filter((x) => !r.params.status || x.status === str(r.params, 'status')),
          r.params,
          '/v1/billing/meters',
        ),
    },
    { method: 'GET', path: /^\/v1\/billing\/meters\/([^/]+)$/, handle: (_r, m) => found(store.meters, m[1], 'billing meter') },
    {
      method: 'GET',
      path: /^\/v1\/billing\/meters\/([^/]+)\/event_summaries$/,
      handle: (r, m) => {
        const meter = found(store.meters, m[1], 'billing meter')
        const cus = need(r.params, 'customer')
        const start = int(r.params, 'start_time') ?? 0
        const end = int(r.params, 'end_time') ?? store.now() + 1
        const value = store.meterEvents.filter((e) => e.meter === meter.id && e.customer === cus && e.timestamp >= start && e.timestamp < end).reduce((s, e) => s + e.value, 0)
        const summary = { id: newId('mtrusg'), object: 'billing.meter_event_summary', aggregated_value: value, end_time: end, livemode: false, meter: meter.id, start_time: start, created: store.now() }
        return { object: 'list', data: [summary], has_more: false, url: r.path }
      },
    },
    { method: 'POST', path: /^\/v1\/billing\/meter_events$/, handle: (r) => meterEventBody(createMeterEvent(r.params)) },
  ]
}
