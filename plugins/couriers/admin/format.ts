/**
 * Plain helpers of the courier admin (no React, no Payload UI: usable from server and client
 * components, testable in Node): money in minor units, percentages, dates, query strings.
 */

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

/** How many minor units make one major unit of `currency` (100 for BDT, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    return 10 ** digits
  } catch {
    return 100
  }
}

/** Minor units (the app's integers) as money: 445850 BDT → `৳4,458.50`. Null or undefined → `—`. */
export function formatMoney(minor: null | number | undefined, currency = 'BDT', locale = 'en'): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return '—'
  return formatterOf(currency || 'BDT', locale).format(minor / minorPerMajor(currency || 'BDT'))
}

/** Minor units as the number a person types (`4458.50`), for prefilling an input. */
export const toMajorInput = (minor: null | number | undefined, currency = 'BDT'): string => {
  if (minor === null || minor === undefined) return ''
  const per = minorPerMajor(currency)
  return per === 1 ? String(minor) : (minor / per).toFixed(Math.round(Math.log10(per)))
}

/** What a person typed (`4,458.5`) as minor units; null when it is not an amount of zero or more. */
export function parseMajor(text: string, currency = 'BDT'): null | number {
  const clean = text.replace(/[,\s৳]/g, '')
  if (!/^\d+(\.\d+)?$/.test(clean)) return null
  return Math.round(Number(clean) * minorPerMajor(currency))
}

/** A rate (a share, 0–1, as the report endpoints answer) as a percentage; null stays null. */
export const asPercent = (rate: null | number | undefined): null | number => (rate === null || rate === undefined || !Number.isFinite(rate) ? null : rate * 100)

/** `72.5 %`, or `—`. */
export const formatPercent = (percent: null | number | undefined, digits = 1): string => (percent === null || percent === undefined || !Number.isFinite(percent) ? '—' : `${percent.toFixed(digits)} %`)

/** `part / whole` as a percentage; null when there is no whole. */
export const shareOf = (part: number, whole: number): null | number => (whole > 0 ? (part / whole) * 100 : null)

/** A timestamp as the admin shows it (`3 Dec 2026, 14:05`), or `—`. */
export function formatDateTime(value: null | string | undefined, locale = 'en'): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return '—'
  return d.toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** A day as YYYY-MM-DD in the browser's (or server's) own time zone. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The default period of the reports, as the endpoints take it when none is named: the last 30 days, today included. */
export function lastDays(days = 30, now = new Date()): { from: string; to: string } {
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1))), to: isoDay(now) }
}

/** `?a=1&b=2` from pairs, leaving out empty values. */
export const query = (params: Record<string, number | string | null | undefined>): string => {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.append(key, String(value))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** The id of a relationship value, populated or not. */
export const idOf = (value: unknown): null | string =>
  value && typeof value === 'object' ? idOf((value as { id: unknown }).id) : typeof value === 'string' || typeof value === 'number' ? (value === '' ? null : String(value)) : null
