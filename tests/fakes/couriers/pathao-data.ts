/**
 * The data and rules of the fake Pathao (integrations.md §3.2): default stores and locations, the
 * create-order validation (422 field errors), the price plan, the order-status texts.
 */

export type PathaoStore = {
  store_id: number
  store_name: string
  store_address: string
  is_active: 0 | 1
  city_id: number
  zone_id: number
  hub_id: number
  is_default_store: 0 | 1
  is_default_return_store: 0 | 1
}

export type PathaoOrder = {
  consignment_id: string
  merchant_order_id: null | string
  store_id: number
  recipient_name: string
  recipient_phone: string
  recipient_address: string
  recipient_city: null | number
  recipient_zone: null | number
  amount_to_collect: number
  item_weight: number
  delivery_fee: number
  slug: string
  collected: null | number
  invoice_id: null | string
  updated_at: string
  clientId: string
}

export type PricePlan = { price: number; discount: number; promo_discount: number; plan_id: number; cod_enabled: 0 | 1; cod_percentage: number; additional_charge: number; final_price: number }

export const DEFAULT_CITIES = [
  { city_id: 1, city_name: 'Dhaka' },
  { city_id: 2, city_name: 'Chittagong' },
]
export const DEFAULT_ZONES: Record<number, { zone_id: number; zone_name: string }[]> = {
  1: [
    { zone_id: 298, zone_name: 'Gulshan' },
    { zone_id: 1070, zone_name: 'Dhanmondi' },
  ],
  2: [{ zone_id: 41, zone_name: 'Agrabad' }],
}
export const DEFAULT_AREAS: Record<number, { area_id: number; area_name: string; home_delivery_available: boolean; pickup_available: boolean }[]> = {
  298: [
    { area_id: 3069, area_name: 'Gulshan 1', home_delivery_available: true, pickup_available: true },
    { area_id: 3070, area_name: 'Gulshan 2', home_delivery_available: true, pickup_available: true },
  ],
  1070: [{ area_id: 4001, area_name: 'Dhanmondi 27', home_delivery_available: true, pickup_available: true }],
  41: [{ area_id: 5001, area_name: 'Agrabad C/A', home_delivery_available: true, pickup_available: false }],
}

export function defaultStores(): PathaoStore[] {
  const store = (id: number, name: string, isDefault: 0 | 1, active: 0 | 1 = 1): PathaoStore => ({
    store_id: id,
    store_name: name,
    store_address: `House ${id}, Road 7, Gulshan 1, Dhaka`,
    is_active: active,
    city_id: 1,
    zone_id: 298,
    hub_id: 7,
    is_default_store: isDefault,
    is_default_return_store: isDefault,
  })
  return [store(130001, 'Main warehouse', 1), store(130002, 'Dhanmondi shop', 0), store(130003, 'Old store', 0, 0)]
}

/** "pickup-requested" → "Pickup Requested" (Pathao's human order_status). */
export function statusText(slug: string): string {
  return slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
}

/** Pathao's create-order rules; field → messages (empty: valid). */
export function validateOrder(o: Record<string, unknown>, stores: PathaoStore[], opts: { requireCityZone?: boolean } = {}): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  const add = (f: string, m: string) => (errors[f] ??= []).push(m)
  const str = (k: string) => (typeof o[k] === 'string' ? o[k] : '')
  const len = (k: string, min: number, max: number, label: string) => {
    if (!str(k)) add(k, `The ${label} field is required.`)
    else if (str(k).length < min || str(k).length > max) add(k, `The ${label} must be between ${min} and ${max} characters.`)
  }
  if (!stores.some((s) => s.store_id === Number(o.store_id))) add('store_id', 'The selected store id is invalid.')
  len('recipient_name', 3, 100, 'recipient name')
  if (!/^01\d{9}$/.test(str('recipient_phone'))) add('recipient_phone', 'The recipient phone format is invalid.')
  len('recipient_address', 10, 220, 'recipient address')
  if (![48, 12].includes(Number(o.delivery_type))) add('delivery_type', 'The selected delivery type is invalid.')
  if (![1, 2].includes(Number(o.item_type))) add('item_type', 'The selected item type is invalid.')
  if (!Number.isInteger(o.item_quantity) || (o.item_quantity as number) < 1) add('item_quantity', 'The item quantity must be at least 1.')
  const weight = Number(o.item_weight)
  if (typeof o.item_weight !== 'number' || weight < 0.5 || weight > 10) add('item_weight', 'The item weight must be between 0.5 and 10.')
  if (!Number.isInteger(o.amount_to_collect) || (o.amount_to_collect as number) < 0) add('amount_to_collect', 'The amount to collect must be an integer.')
  for (const k of ['recipient_city', 'recipient_zone', 'recipient_area']) {
    if (k in o && !Number.isInteger(o[k])) add(k, `The ${k.replace('_', ' ')} must be an integer.`)
    else if (opts.requireCityZone && k !== 'recipient_area' && !(k in o)) add(k, `The ${k.replace('_', ' ')} field is required.`)
  }
  return errors
}

/** The price plan: 60 taka within the store's city, 110 outside, +15 per kg above 1; 1 % COD. */
export function pricePlan(store: PathaoStore, city: number, kg: number, overrides: Partial<PricePlan> = {}): PricePlan {
  const base = (city === store.city_id ? 60 : 110) + 15 * Math.max(0, Math.ceil(kg) - 1)
  const plan = { price: base, discount: 0, promo_discount: 0, plan_id: 69, cod_enabled: 1 as const, cod_percentage: 0.01, additional_charge: 0, ...overrides }
  return { ...plan, final_price: plan.price - plan.discount - plan.promo_discount + plan.additional_charge }
}
