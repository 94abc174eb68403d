/**
 * Plain helpers of the billing admin (no React, no Payload UI: usable from server and client
 * components, testable in Node): money in minor units, dates, query strings, errors in words.
 */

export type FieldError = { path: string; message: string }

const formatters = new Map<string, Intl.NumberFormat>()

/** The currency's formatter (`৳4,458.50` for BDT: the narrow symbol), cached; an unknown code falls back to plain numbers. */
function formatterOf(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`
  let f = formatters.get(key)
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
    } catch {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    }
    formatters.set(key, f)
  }
  return f
}

/** How many minor units make one major unit of `currency` (100 for BDT and USD, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    return 10 ** digits
  } catch {
    return 100
  }
}

/** Minor units as money: 445850 BDT → `৳4,458.50`, 1900 USD → `$19.00`. Null or undefined → `—`. The code may be lowercase (Stripe's). */
export function formatMoney(minor: null | number | undefined, currency = 'BDT', locale = 'en'): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return '—'
  const code = (currency || 'BDT').toUpperCase()
  return formatterOf(code, locale).format(minor / minorPerMajor(code))
}

/** Dates read day, month, year (`3 Dec 2026`), as elsewhere in the admin, in the browser's time zone. */
const DATE_LOCALE = 'en-GB'

/** A day as the admin shows it (`3 Dec 2026`), or `—`. */
export function formatDate(value: null | string | undefined, locale = DATE_LOCALE): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return '—'
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** A timestamp as the admin shows it (`3 Dec 2026, 14:05`), or `—`. */
export function formatDateTime(value: null | string | undefined, locale = DATE_LOCALE): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return '—'
  return d.toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** An invoice's period: `1 Dec 2026 – 31 Dec 2026`, one day when both ends are the same day, `—` without a start. */
export function formatPeriod(start: null | string | undefined, end: null | string | undefined, locale = DATE_LOCALE): string {
  const from = formatDate(start, locale)
  const to = formatDate(end, locale)
  if (from === '—') return to
  return to === '—' || to === from ? from : `${from} – ${to}`
}

/** A whole number with the locale's grouping (`12,500`). */
export const formatCount = (n: number, locale = 'en'): string => (Number.isFinite(n) ? n.toLocaleString(locale) : '—')

/** `?a=1&b=2` from pairs, leaving out empty values. */
export const query = (params: Record<string, number | string | null | undefined>): string => {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.append(key, String(value))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** An error answer in words: the server's message, then each field's message not already said (`plan: Choose a plan.`). */
export function errorText(res: { message: string; errors: FieldError[] }): string {
  const extra = res.errors.filter((e) => e.message !== res.message).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
  return [res.message, ...extra].join(' ')
}

/** A date input's value (`2026-12-31`) as the end of that day in UTC (ISO); empty → null; not a date → undefined. */
export function untilIso(day: string): null | string | undefined {
  const text = day.trim()
  if (!text) return null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined
  const d = new Date(`${text}T23:59:59.000Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? undefined : d.toISOString()
}
