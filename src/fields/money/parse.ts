import { currencyCode, currencyMarks, currencyName, currencyOfMark, minorDigits } from './currency-info'
import { exampleAmount } from './format'

/**
 * What a person typed as an amount (`4458.50`, `4,458.50`, `৳4,458.50`, `BDT 4458.5`, `$12`,
 * Bangla digits `৪৪৫৮.৫০`, Indian grouping `4,45,800`) → minor units, or why not in words.
 * Integer arithmetic only (BigInt): `0.1 + 0.2` never happens here. Pure.
 */
export type ParsedMoney = { ok: true; minor: number } | { ok: false; error: string }

const BANGLA_ZERO = 0x09e6
// Spaces of any kind (Intl puts no-break ones), and the direction marks some locales add.
const INVISIBLE = /[\s\u200e\u200f\u061c\u2066-\u2069]/g
const NEGATIVE = /^[-−–]|[-−–]$|^\(.*\)$/
const NUMBER = /^(\d+(?:,\d+)*)?(?:\.(\d*))?$/

const fail = (error: string): ParsedMoney => ({ ok: false, error })
// `4,458.50`: the grouped example (the plain one, `4458.50`, is in the other messages).
const digitsExample = (code: string) => exampleAmount(code).replace(/^4458/, '4,458')

/** Western (4,458,000) or Indian (44,58,000) grouping: the last group has 3 digits, the others 2 or 3, the first 1 to 3. */
function groupingOk(whole: string): boolean {
  const groups = whole.split(',')
  if (groups.length === 1) return true
  const [first, ...rest] = groups
  const last = rest.pop()!
  return first.length >= 1 && first.length <= 3 && last.length === 3 && rest.every((g) => g.length === 2 || g.length === 3)
}

/** The currency mark before or after the number, checked against the document's currency: fine, another currency's, or not a mark. */
function checkMark(mark: string, code: string): 'ok' | 'unknown' | { other: string } {
  if (!mark || currencyMarks(code).includes(mark.toLowerCase())) return 'ok'
  const other = currencyOfMark(mark.toLowerCase())
  return other ? { other } : 'unknown'
}

export function parseMoney(text: string, currency: string = 'BDT'): ParsedMoney {
  const code = currencyCode(currency)
  const example = exampleAmount(code)
  const notAnAmount = fail(`Not an amount: write it like ${digitsExample(code)}.`)
  const clean = text.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - BANGLA_ZERO)).replace(INVISIBLE, '')
  if (!clean) return fail(`Enter an amount, e.g. ${example}.`)
  if (NEGATIVE.test(clean)) return fail('An amount can’t be negative.')
  const [, before = '', core = '', after = ''] = /^([^\d.,]*)(.*?)([^\d.,]*)$/.exec(clean) ?? []
  // A minus beside the symbol (`৳-5`, `-৳5`, `5৳-`) is a negative too.
  if (/[-−–]/.test(before) || /[-−–]/.test(after)) return fail('An amount can’t be negative.')
  for (const mark of [before, after]) {
    const checked = checkMark(mark, code)
    if (checked === 'unknown') return notAnAmount
    if (checked !== 'ok') return fail(`In ${currencyName(code)}, not ${currencyName(checked.other)}: leave out “${mark}”.`)
  }
  const match = NUMBER.exec(core)
  if (!match || !/\d/.test(core)) return notAnAmount
  const [, whole = '', fraction = ''] = match
  if (!groupingOk(whole)) return fail(`Decimals go after a dot, e.g. ${example}.`)
  const digits = minorDigits(code)
  if (fraction.length > digits) return fail(digits === 0 ? `No decimals in ${currencyName(code)}, e.g. ${example}.` : `At most ${digits} decimals in ${currencyName(code)}, e.g. ${example}.`)
  const minor = BigInt(whole.replace(/,/g, '') || '0') * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0')
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return fail('That amount is too large.')
  return { ok: true, minor: Number(minor) }
}

/** What the admin's money field sends for text it could not read, so the save is refused in words (src/fields/minor-units.ts). */
export type UnreadMoney = { typed: string }
export const isUnreadMoney = (value: unknown): value is UnreadMoney => Boolean(value) && typeof value === 'object' && typeof (value as { typed?: unknown }).typed === 'string'
