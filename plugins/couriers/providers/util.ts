import { createHash, timingSafeEqual } from 'node:crypto'
import { CourierError, type Provider } from './types'

/** Small pieces the three adapters share: shapes, money, time, secrets, dedupe keys. */

export const PROVIDER_LABEL: Record<Provider, string> = { steadfast: 'Steadfast', pathao: 'Pathao', redx: 'RedX' }

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** BDT (number or numeric string, as the providers send it) → minor units; null when absent or not a number. */
export function toMinor(taka: unknown): null | number {
  if (taka === null || taka === undefined || taka === '') return null
  const n = typeof taka === 'number' ? taka : Number(taka)
  return Number.isFinite(n) ? Math.round(n * 100) : null
}

/** Minor units → BDT with paisa (Steadfast, RedX amounts). */
export function toTaka(minor: number): number {
  return Math.round(minor) / 100
}

/** A string id from a number or string field (`consignment_id: 1424107` → '1424107'); null otherwise. */
export function idOf(value: unknown): null | string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  return null
}

export function stringOf(value: unknown): null | string {
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * A provider time. "YYYY-MM-DD HH:MM:SS" without a zone is Asia/Dhaka local time (UTC+6, no DST:
 * Steadfast and Pathao `updated_at`, integrations.md §6); anything else with a zone or ISO form goes
 * through Date. Null when absent or unreadable.
 */
export function providerTime(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value < 1e12 ? value * 1000 : value)
  if (typeof value !== 'string' || value.trim() === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (m) {
    const [, y, mo, d, h, mi, s] = m.map(Number)
    const date = new Date(Date.UTC(y, mo - 1, d, h - 6, mi, s || 0))
    return Number.isNaN(date.getTime()) ? null : date
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** Compares a presented secret with the expected one in constant time (hashes first, so lengths never leak). */
export function safeEqual(presented: null | string | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || expected === '') return false
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** A webhook dedupe key: sha256 hex of the canonical JSON of the parts that identify one delivery. */
export function eventKey(provider: Provider, parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([provider, ...parts.map((p) => (p === undefined ? null : p))]))
    .digest('hex')
}

/** "Pickup Requested" → "pickup-requested" (Pathao's human order_status, when no slug came). */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** Throws CourierError validation for a body that is not what the provider sends. */
export function malformed(provider: Provider, what: string): never {
  throw new CourierError(provider, 'validation', `${PROVIDER_LABEL[provider]} webhook body is malformed: ${what}`)
}

/** Reads required non-empty string keys of credentials; names every missing one. */
export function requireStrings<K extends string>(provider: Provider, raw: unknown, keys: readonly K[]): Record<K, string> {
  const obj = isRecord(raw) ? raw : {}
  const missing = keys.filter((k) => typeof obj[k] !== 'string' || obj[k].trim() === '')
  if (missing.length > 0) {
    throw new CourierError(provider, 'validation', `${PROVIDER_LABEL[provider]} credentials are missing: ${missing.join(', ')}`, {
      fieldErrors: missing.map((path) => ({ path, message: 'Required' })),
    })
  }
  return Object.fromEntries(keys.map((k) => [k, (obj[k] as string).trim()])) as Record<K, string>
}

/** The error of an adapter method the provider has no API for. */
export function unsupported(provider: Provider, message: string): CourierError {
  return new CourierError(provider, 'unsupported', message)
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}
