import { ValidationError, type ValidationFieldError } from 'payload'

import { isEmail } from '../validation/email'
import { isPhone, PHONE_MESSAGE } from '../validation/phone'

export type StorefrontAddress = {
  label?: string
  line1: string
  line2?: string
  city: string
  district?: string
  postalCode?: string
  country?: string
}

export type StorefrontOrderItem = { sku?: string; productId?: string; quantity: number }

/** The body of `POST /api/storefront/orders`, once validated. */
export type StorefrontOrderInput = {
  customer: { name: string; phone: string; email?: string; address?: StorefrontAddress }
  items: StorefrontOrderItem[]
  paymentMethod?: 'cod' | 'prepaid'
  notes?: string
}

export const MAX_ITEMS = 50
export const MAX_QUANTITY = 999

const PAYMENT_METHODS = ['cod', 'prepaid'] as const

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Validate the storefront order body and return it typed, or throw a 400 ValidationError that
 * lists every problem with its path (`customer.phone`, `items.1.quantity`, ...). Only the
 * documented keys are read: a `tenant`, `status`, `total` or `source` in the body is ignored.
 */
export function parseStorefrontOrder(body: unknown): StorefrontOrderInput {
  const errors: ValidationFieldError[] = []
  const fail = (path: string, message: string) => void errors.push({ path, message })

  const text = (value: unknown, path: string, { required = false, max = 200 } = {}): string | undefined => {
    if (value === undefined || value === null || value === '') {
      if (required) fail(path, 'This field is required.')
      return undefined
    }
    if (typeof value !== 'string') return void fail(path, 'Must be text.')
    const trimmed = value.trim()
    if (required && !trimmed) return void fail(path, 'This field is required.')
    if (trimmed.length > max) return void fail(path, `At most ${max} characters.`)
    return trimmed || undefined
  }

  if (!isObject(body)) {
    throw new ValidationError({ errors: [{ path: '', message: 'Send a JSON object: { customer, items, paymentMethod?, notes? }.' }] })
  }

  // customer
  let customer: StorefrontOrderInput['customer'] | undefined
  if (!isObject(body.customer)) fail('customer', 'The customer is required: { name, phone, email?, address? }.')
  else {
    const c = body.customer
    const name = text(c.name, 'customer.name', { required: true, max: 120 })
    const phone = text(c.phone, 'customer.phone', { required: true, max: 16 })
    if (phone && !isPhone(phone)) fail('customer.phone', PHONE_MESSAGE)
    const email = text(c.email, 'customer.email', { max: 254 })
    if (email && !isEmail(email)) fail('customer.email', 'This is not an email address.')
    let address: StorefrontAddress | undefined
    if (c.address !== undefined && c.address !== null) {
      if (!isObject(c.address)) fail('customer.address', 'The address is an object: { line1, city, line2?, district?, postalCode?, country? }.')
      else {
        const a = c.address
        const line1 = text(a.line1, 'customer.address.line1', { required: true })
        const city = text(a.city, 'customer.address.city', { required: true, max: 80 })
        const country = text(a.country, 'customer.address.country', { max: 2 })?.toUpperCase()
        if (country && !/^[A-Z]{2}$/.test(country)) fail('customer.address.country', 'Use a two-letter country code, e.g. BD.')
        address = {
          line1: line1 ?? '',
          city: city ?? '',
          label: text(a.label, 'customer.address.label', { max: 40 }),
          line2: text(a.line2, 'customer.address.line2'),
          district: text(a.district, 'customer.address.district', { max: 80 }),
          postalCode: text(a.postalCode, 'customer.address.postalCode', { max: 16 }),
          country,
        }
      }
    }
    customer = { name: name ?? '', phone: phone ?? '', email, address }
  }

  // items
  const items: StorefrontOrderItem[] = []
  if (!Array.isArray(body.items) || body.items.length === 0) fail('items', 'Add at least one item: [{ sku or productId, quantity }].')
  else if (body.items.length > MAX_ITEMS) fail('items', `At most ${MAX_ITEMS} items in one order.`)
  else {
    body.items.forEach((raw, i) => {
      if (!isObject(raw)) return fail(`items.${i}`, 'Each item is an object: { sku or productId, quantity }.')
      const sku = text(raw.sku, `items.${i}.sku`, { max: 64 })
      const productId = text(raw.productId, `items.${i}.productId`, { max: 64 })
      if (!sku && !productId) fail(`items.${i}`, 'Name the product by sku or productId.')
      if (sku && productId) fail(`items.${i}`, 'Name the product by sku or by productId, not both.')
      const quantity = raw.quantity ?? 1
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
        fail(`items.${i}.quantity`, `Quantity is a whole number from 1 to ${MAX_QUANTITY}.`)
      }
      items.push({ sku, productId, quantity: Number(quantity) })
    })
  }

  // paymentMethod, notes
  let paymentMethod: StorefrontOrderInput['paymentMethod']
  if (body.paymentMethod !== undefined && body.paymentMethod !== null) {
    if (!PAYMENT_METHODS.includes(body.paymentMethod as never)) fail('paymentMethod', `One of: ${PAYMENT_METHODS.join(', ')}.`)
    else paymentMethod = body.paymentMethod as StorefrontOrderInput['paymentMethod']
  }
  const notes = text(body.notes, 'notes', { max: 5_000 })

  if (errors.length > 0 || !customer) throw new ValidationError({ errors })
  return { customer, items, paymentMethod, notes }
}
