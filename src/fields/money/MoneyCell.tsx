'use client'

import type { DefaultCellComponentProps } from 'payload'

import { formatMoney } from './format'
import { useRowCurrency } from './use-currency'

/** A money column of a list: the stored minor units as `৳4,458.00` in the row's currency; `—` when empty. */
export function MoneyCell({ cellData, rowData }: DefaultCellComponentProps) {
  const currency = useRowCurrency(rowData)
  return <span className="money-cell">{formatMoney(typeof cellData === 'number' ? cellData : null, currency)}</span>
}
