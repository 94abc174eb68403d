import { fail, invalid } from '../errors'

export type RecipientOverride = { name?: string; phone?: string; address?: string; district?: string; areaId?: number; cityId?: number; zoneId?: number; areaName?: string }
export type BookRequest = { account: string; orders: string[]; weightGrams?: number; storeId?: string; codAmount?: number; note?: string; recipient?: RecipientOverride }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Most orders one request books (Steadfast's bulk limit; the plugin splits per provider as needed). */
export const MAX_ORDERS = 500

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v)
const wholeIn = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim() !== '' && v.length <= max

/** The body of POST /api/shipments/book, checked field by field (400 naming each wrong one). */
export function parseBookRequest(body: unknown): BookRequest {
  if (!isObject(body)) throw fail('invalid_input', 'Send a JSON object: { account, orders: [ids], weightGrams?, storeId?, codAmount?, note?, recipient? }.', 400)
  const errors: { path: string; message: string }[] = []
  const { account, orders, weightGrams, storeId, codAmount, note, recipient } = body
  if (typeof account !== 'string' || !UUID.test(account)) errors.push({ path: 'account', message: 'The courier account to book with (its id).' })
  if (!Array.isArray(orders) || orders.length === 0) errors.push({ path: 'orders', message: 'At least one order id.' })
  else if (orders.length > MAX_ORDERS) errors.push({ path: 'orders', message: `At most ${MAX_ORDERS} orders at a time.` })
  else orders.forEach((o, i) => (typeof o === 'string' && UUID.test(o) ? undefined : errors.push({ path: `orders.${i}`, message: 'Not an order id.' })))
  if (weightGrams !== undefined && !wholeIn(weightGrams, 1, 30_000)) errors.push({ path: 'weightGrams', message: 'Weight in grams: a whole number from 1 to 30000.' })
  if (storeId !== undefined && storeId !== null && storeId !== '' && !text(storeId, 40)) errors.push({ path: 'storeId', message: 'A pickup store id of the courier (at most 40 characters).' })
  if (codAmount !== undefined && codAmount !== null) {
    if (!wholeIn(codAmount, 0, 100_000_000)) errors.push({ path: 'codAmount', message: 'Cash to collect in minor units: a whole number, zero or more.' })
    else if (Array.isArray(orders) && orders.length > 1) errors.push({ path: 'codAmount', message: 'A cash amount can be set for one order at a time; bulk bookings collect each order’s total.' })
  }
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 500)) errors.push({ path: 'note', message: 'A note of at most 500 characters.' })
  let override: RecipientOverride | undefined
  if (recipient !== undefined && recipient !== null) {
    if (!isObject(recipient)) errors.push({ path: 'recipient', message: 'An object: { name?, phone?, address?, district?, areaId? }.' })
    else if (Array.isArray(orders) && orders.length > 1) errors.push({ path: 'recipient', message: 'A recipient can be set for one order at a time.' })
    else {
      override = {}
      for (const [key, max] of [
        ['name', 100],
        ['phone', 20],
        ['address', 250],
        ['district', 80],
        ['areaName', 80],
      ] as const) {
        const v = recipient[key]
        if (v === undefined || v === null || v === '') continue
        if (!text(v, max)) errors.push({ path: `recipient.${key}`, message: `Text of at most ${max} characters.` })
        else override[key] = (v as string).trim()
      }
      for (const key of ['areaId', 'cityId', 'zoneId'] as const) {
        const v = recipient[key]
        if (v === undefined || v === null || v === '') continue
        if (!wholeIn(v, 1, 10_000_000)) errors.push({ path: `recipient.${key}`, message: 'A location id of the courier (a whole number).' })
        else override[key] = v as number
      }
    }
  }
  if (errors.length > 0) throw fail('invalid_input', errors.map((e) => `${e.path}: ${e.message}`).join(' '), 400, { errors })
  return {
    account: (account as string).toLowerCase(),
    orders: [...new Set((orders as string[]).map((o) => o.toLowerCase()))],
    weightGrams: weightGrams as number | undefined,
    storeId: typeof storeId === 'string' && storeId !== '' ? storeId.trim() : undefined,
    codAmount: typeof codAmount === 'number' ? codAmount : undefined,
    note: typeof note === 'string' && note !== '' ? note : undefined,
    recipient: override,
  }
}
export { invalid }
