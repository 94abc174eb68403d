import { CourierError, type Provider } from './types'

/** Bengali digits ০–৯ (U+09E6–U+09EF), as customers sometimes type them. */
const BENGALI_ZERO = 0x09e6

/**
 * A Bangladeshi mobile number in the 11-digit local form all three couriers require,
 * `01[3-9]XXXXXXXX` (integrations.md §8.1), from any way people write it: `+880 1712-345678`,
 * `8801712345678`, `008801712345678`, `01712345678`, `1712345678`, with spaces, dashes, dots,
 * brackets or Bengali digits. Null when it is not a BD mobile number (a landline, too short, …).
 */
export function toLocalPhone(raw: unknown): null | string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null
  const text = String(raw)
    .trim()
    .replace(/[\u09e6-\u09ef]/g, (c) => String(c.charCodeAt(0) - BENGALI_ZERO))
  if (!/^\+?[\d\s\-().]+$/.test(text)) return null
  let digits = text.replace(/\D/g, '')
  if (digits.startsWith('00880')) digits = digits.slice(4)
  else if (digits.startsWith('880')) digits = digits.slice(2)
  if (digits.length === 10 && digits.startsWith('1')) digits = '0' + digits
  return /^01[3-9]\d{8}$/.test(digits) ? digits : null
}

/**
 * The phone to send, or a CourierError validation naming the provider's field, thrown before any
 * HTTP call (a courier would refuse it anyway, and a refused call still costs rate limit).
 */
export function requirePhone(provider: Provider, raw: string, field: string): string {
  const phone = toLocalPhone(raw)
  if (phone) return phone
  throw new CourierError(provider, 'validation', `"${raw}" is not a Bangladeshi mobile number (01XXXXXXXXX)`, {
    fieldErrors: [{ path: field, message: 'Must be a Bangladeshi mobile number: 11 digits starting 013–019' }],
  })
}
