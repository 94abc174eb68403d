/**
 * What the money field knows of each currency: how a person names it ("In taka, …") and the
 * marks they write beside an amount (`৳`, `Tk`, `BDT`), so `parseMoney` can take `৳4,458.50`
 * and refuse `$12` for a taka price. Codes outside the table still format (Intl) and parse
 * (their code only). Pure: no React, no Payload.
 */

type Info = { name: string; marks: readonly string[] }

const INFO: Record<string, Info> = {
  BDT: { name: 'taka', marks: ['৳', 'tk', 'tk.', 'taka', 'bdt', 'টাকা'] },
  USD: { name: 'US dollars', marks: ['$', 'us$', 'usd'] },
  EUR: { name: 'euros', marks: ['€', 'eur'] },
  GBP: { name: 'pounds', marks: ['£', 'gbp'] },
  INR: { name: 'rupees', marks: ['₹', 'rs', 'rs.', 'inr'] },
}

/** The currency's code, upper-case; empty or not a string → BDT (the app's default). */
export const currencyCode = (currency: unknown): string => (typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : 'BDT')

/** `taka`, `US dollars`; an unknown code is named by itself. */
export const currencyName = (currency: string): string => INFO[currencyCode(currency)]?.name ?? currencyCode(currency)

/** The marks that say "this currency" (lower-case): its symbol, short names and code. */
export const currencyMarks = (currency: string): readonly string[] => INFO[currencyCode(currency)]?.marks ?? [currencyCode(currency).toLowerCase()]

/** The currency another mark belongs to (`$` → USD), or undefined. */
export const currencyOfMark = (mark: string): string | undefined => Object.entries(INFO).find(([, info]) => info.marks.includes(mark))?.[0]

/** How many decimals the currency has (2 for BDT and USD), as Intl knows it; 2 when Intl does not know the code. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currencyCode(currency) }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}
