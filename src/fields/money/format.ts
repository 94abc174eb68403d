import { currencyCode, currencyName, minorDigits } from './currency-info'

/**
 * Minor units (the stored integers) as people read them. The amount goes to Intl as an exact
 * decimal string built with integer arithmetic, never as `minor / 100`, so no float ever
 * rounds a paisa away. Pure: usable on the server, in the admin and in Node tests.
 */

export const DEFAULT_MONEY_LOCALE = 'en-BD'

const cache = new Map<string, Intl.NumberFormat>()

function formatterOf(kind: 'currency' | 'plain', currency: string, locale: string): Intl.NumberFormat {
  const key = `${kind}:${locale}:${currency}`
  let f = cache.get(key)
  if (!f) {
    const digits = minorDigits(currency)
    const plain = { minimumFractionDigits: digits, maximumFractionDigits: digits }
    try {
      f = kind === 'currency' ? new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }) : new Intl.NumberFormat(locale, plain)
    } catch {
      f = new Intl.NumberFormat(DEFAULT_MONEY_LOCALE, plain)
    }
    cache.set(key, f)
  }
  return f
}

/** 445850 → "4458.50" (BDT), exactly; "-0.05" for -5. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  const per = 10 ** digits
  const abs = Math.abs(minor)
  const frac = abs % per
  const whole = (abs - frac) / per
  return `${minor < 0 ? '-' : ''}${whole}${digits > 0 ? `.${String(frac).padStart(digits, '0')}` : ''}`
}

// Intl.NumberFormat takes a decimal string exactly (ES2023); the ES2022 lib types only say number.
const exact = (text: string) => text as unknown as number

const isAmount = (minor: unknown): minor is number => typeof minor === 'number' && Number.isSafeInteger(minor)

/**
 * Minor units as money with the narrow symbol: 445800 BDT → `৳4,458.00` (en-BD), `৪,৪৫৮.০০৳`
 * (bn-BD, Bangla digits); 1250 USD → `$12.50`. Not an integer amount (null, empty) → `—`.
 */
export function formatMoney(minor: null | number | undefined, currency: string = 'BDT', locale: string = DEFAULT_MONEY_LOCALE): string {
  if (!isAmount(minor)) return '—'
  const code = currencyCode(currency)
  return formatterOf('currency', code, locale).format(exact(minorToDecimal(minor, code)))
}

/** Minor units as the money field's input shows them, without symbol: 445850 → `4,458.50`; nothing → ''. */
export function formatMoneyInput(minor: null | number | undefined, currency: string = 'BDT', locale: string = DEFAULT_MONEY_LOCALE): string {
  if (!isAmount(minor)) return ''
  const code = currencyCode(currency)
  return formatterOf('plain', code, locale).format(exact(minorToDecimal(minor, code)))
}

/** An example amount in the currency's decimals: `4458.50` (BDT), `4458` (a currency without). */
export const exampleAmount = (currency: string): string => (minorDigits(currency) === 0 ? '4458' : `4458.${'50'.padEnd(minorDigits(currency), '0')}`)

/** The money field's description: `In taka, e.g. 4458.50`, `In US dollars, e.g. 4458.50`. */
export const moneyDescription = (currency: string): string => `In ${currencyName(currency)}, e.g. ${exampleAmount(currency)}`
