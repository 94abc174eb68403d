import type { CollectionBeforeChangeHook } from 'payload'
import { extractID } from 'payload/shared'

import { returnStock, takeStock, type StockLine } from '../stock'
import { HOLDS_STOCK, TRANSITIONS, type OrderStatus } from '../transitions'
import { AppError } from '../../../src/errors/app-error'

/**
 * Status changes follow TRANSITIONS (else 400 naming from and to). Entering a stock-holding
 * status takes the stock (409 when short, see stock.ts); leaving one (cancel, return) puts it
 * back. Runs after lockOrder, so `originalDoc.status` is the order's current, locked status.
 */
export const applyStatus: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const from = (operation === 'create' ? 'pending' : originalDoc?.status) as OrderStatus
  const to = (data.status ?? from) as OrderStatus
  if (operation === 'create' && to !== 'pending') {
    throw new AppError('invalid_input', 'A new order starts as pending; confirm it afterwards.')
  }
  if (to === from) return data
  if (!TRANSITIONS[from]?.includes(to)) {
    const allowed = TRANSITIONS[from]?.join(', ') || 'none, it is final'
    throw new AppError('invalid_input', `An order cannot move from ${from} to ${to}. Allowed from ${from}: ${allowed}.`)
  }
  const tenant = originalDoc?.tenant ? extractID(originalDoc.tenant) : null
  const items = (data.items ?? originalDoc?.items ?? []) as StockLine[]
  if (!tenant) return data
  if (!HOLDS_STOCK.has(from) && HOLDS_STOCK.has(to)) await takeStock(req, tenant, items)
  else if (HOLDS_STOCK.has(from) && !HOLDS_STOCK.has(to)) await returnStock(req, tenant, items)
  return data
}
