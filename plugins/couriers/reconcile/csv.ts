import { stringify } from 'csv-stringify/sync'

import type { LedgerRow } from './ledger'

/** Minor units as a decimal string with two places: 1250 → "12.50", -5 → "-0.05"; null → "". */
export function decimal(minor: null | number): string {
  if (minor === null || !Number.isFinite(minor)) return ''
  const sign = minor < 0 ? '-' : ''
  const abs = Math.round(Math.abs(minor))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading quote. */
const cell = (value: null | string): string => (value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const COLUMNS = [
  'shipment',
  'order',
  'orderNumber',
  'provider',
  'account',
  'trackingCode',
  'consignmentId',
  'status',
  'paymentMethod',
  'expected',
  'collected',
  'settled',
  'deliveryFee',
  'codFee',
  'settlementRef',
  'settledAt',
  'deliveredAt',
  'flags',
] as const

/**
 * The reconciliation as CSV: a header row of the JSON rows' keys, the same rows in the same
 * order, money as decimal strings of the currency's major unit, flags separated by spaces.
 * Courier-given text (tracking codes, references) never starts a formula.
 */
export function ledgerCsv(rows: LedgerRow[]): string {
  const money = new Set(['expected', 'collected', 'settled', 'deliveryFee', 'codFee'])
  const line = (row: LedgerRow) =>
    COLUMNS.map((c) => {
      if (c === 'flags') return row.flags.join(' ')
      if (money.has(c)) return decimal(row[c] as null | number)
      return cell(row[c] as null | string)
    })
  return stringify([[...COLUMNS], ...rows.map(line)])
}
