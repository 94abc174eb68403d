import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { minorUnits } from '../../src/fields/minor-units'
import { formatMoney, formatMoneyInput, MONEY_CELL_PATH, MONEY_FIELD_PATH, moneyDescription, parseMoney } from '../../src/fields/money'

/** The money field's pure pieces (src/fields/money): what people type → minor units, minor units → what they read. */

const minorOf = (text: string, currency = 'BDT') => {
  const parsed = parseMoney(text, currency)
  return parsed.ok ? parsed.minor : parsed.error
}
const errorOf = (text: string, currency = 'BDT') => {
  const parsed = parseMoney(text, currency)
  return parsed.ok ? `parsed as ${parsed.minor}` : parsed.error
}

describe('parseMoney', () => {
  it('reads amounts the way people write them', () => {
    expect(minorOf('4458.50')).toBe(445850)
    expect(minorOf('4,458.50')).toBe(445850)
    expect(minorOf('৳4,458.50')).toBe(445850)
    expect(minorOf('৳ 4,458.50')).toBe(445850)
    expect(minorOf('BDT 4458.5')).toBe(445850)
    expect(minorOf('Tk 60')).toBe(6000)
    expect(minorOf('4458')).toBe(445800)
    expect(minorOf('  1,250.50 ')).toBe(125050)
    expect(minorOf('0')).toBe(0)
    expect(minorOf('.5')).toBe(50)
    expect(minorOf('$12', 'USD')).toBe(1200)
    expect(minorOf('USD 12.34', 'usd')).toBe(1234)
  })

  it('reads Bangla digits, Indian grouping and the bn-BD symbol after the number', () => {
    expect(minorOf('৪৪৫৮.৫০')).toBe(445850)
    expect(minorOf('৪,৪৫৮.০০৳')).toBe(445800)
    expect(minorOf('4,45,800')).toBe(44580000)
    expect(minorOf('১,২৩,৪৫,৬৭৮.৯০')).toBe(12345678_90)
  })

  it('refuses more decimals than the currency has', () => {
    expect(errorOf('4458.505')).toBe('At most 2 decimals in taka, e.g. 4458.50.')
    expect(errorOf('12.001', 'USD')).toBe('At most 2 decimals in US dollars, e.g. 4458.50.')
  })

  it('refuses negatives, another currency and garbage, in words', () => {
    expect(errorOf('-5')).toBe('An amount can’t be negative.')
    expect(errorOf('৳-5')).toBe('An amount can’t be negative.')
    expect(errorOf('(12.00)')).toBe('An amount can’t be negative.')
    expect(errorOf('$12')).toBe('In taka, not US dollars: leave out “$”.')
    expect(errorOf('৳12', 'USD')).toBe('In US dollars, not taka: leave out “৳”.')
    for (const garbage of ['abc', '12 apples', '1.2.3', '12..5', ',', '.', '1,,000', '৳', '4458.50abc']) expect(errorOf(garbage), garbage).toBe('Not an amount: write it like 4,458.50.')
    expect(errorOf('12,5')).toBe('Decimals go after a dot, e.g. 4458.50.')
    expect(errorOf('   ')).toBe('Enter an amount, e.g. 4458.50.')
    expect(errorOf('99999999999999999')).toBe('That amount is too large.')
  })
})

describe('formatMoney', () => {
  it('writes minor units with the narrow symbol, en-BD by default', () => {
    expect(formatMoney(445800, 'BDT')).toBe('৳4,458.00')
    expect(formatMoney(445850)).toBe('৳4,458.50')
    expect(formatMoney(1250, 'USD')).toBe('$12.50')
    expect(formatMoney(5, 'bdt')).toBe('৳0.05')
    expect(formatMoney(0)).toBe('৳0.00')
  })

  it('writes Bangla digits for bn-BD', () => {
    expect(formatMoney(445800, 'BDT', 'bn-BD')).toBe('৪,৪৫৮.০০৳')
  })

  it('is exact for large amounts (no float division) and says — for nothing', () => {
    expect(formatMoney(123456789012345, 'BDT')).toBe('৳1,234,567,890,123.45')
    expect(formatMoney(null)).toBe('—')
    expect(formatMoney(undefined)).toBe('—')
    expect(formatMoney(12.5)).toBe('—')
  })

  it('fills the input without symbol, and describes the field in the currency', () => {
    expect(formatMoneyInput(445850, 'BDT')).toBe('4,458.50')
    expect(formatMoneyInput(null, 'BDT')).toBe('')
    expect(moneyDescription('BDT')).toBe('In taka, e.g. 4458.50')
    expect(moneyDescription('USD')).toBe('In US dollars, e.g. 4458.50')
  })

  it('round-trips: formatMoney then parseMoney gives the minor units back (BDT, USD; en-BD, bn-BD)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.constantFrom('BDT', 'USD'), fc.constantFrom('en-BD', 'bn-BD'), (minor, currency, locale) => {
        expect(parseMoney(formatMoney(minor, currency, locale), currency)).toEqual({ ok: true, minor })
        expect(parseMoney(formatMoneyInput(minor, currency, locale), currency)).toEqual({ ok: true, minor })
      }),
      { numRuns: 2_000 },
    )
  })
})

describe('minorUnits', () => {
  it('keeps the stored integer and its server-side check, with the money field and cell in the admin', () => {
    const field = minorUnits({ name: 'price', required: true })
    expect(field.admin?.components).toEqual({ Field: MONEY_FIELD_PATH, Cell: MONEY_CELL_PATH })
    const validate = field.validate as (v: unknown) => string | true
    expect(validate(445850)).toBe(true)
    expect(validate(4458.5)).toMatch(/minor units/)
    expect(validate(null)).toBe('This amount is required.')
  })

  it('refuses what the admin could not read, sent as typed, in the parser’s words and the document’s currency', () => {
    const validate = minorUnits({ name: 'price' }).validate as (v: unknown, o?: { data?: unknown }) => string | true
    expect(validate({ typed: '12 apples' })).toBe('Not an amount: write it like 4,458.50.')
    expect(validate({ typed: '12.345' }, { data: { currency: 'USD' } })).toBe('At most 2 decimals in US dollars, e.g. 4458.50.')
    expect(validate({ typed: '12.34' })).toMatch(/whole number of minor units/)
    expect(validate({ other: 1 })).toMatch(/whole number of minor units/)
    // Payload would answer "invalid input" for the shape before validate; the field's hook refuses it first, in words.
    const hook = minorUnits({ name: 'price' }).hooks!.beforeChange![0] as (args: object) => unknown
    expect(hook({ value: 125050, data: {}, path: ['price'] })).toBe(125050)
    expect(() => hook({ value: { typed: '-5' }, data: {}, path: ['items', 0, 'unitPrice'] })).toThrow(
      expect.objectContaining({ data: expect.objectContaining({ errors: [{ path: 'items.0.unitPrice', message: 'An amount can’t be negative.' }] }) }),
    )
  })
})
