import type { CollectionBeforeChangeHook } from 'payload'
import { APIError } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { runSql } from '../../../src/db/run-sql'
import { tenantIdOf } from '../../../src/tenancy/memberships'
import { HOLDS_STOCK, TRANSITIONS, type OrderStatus } from '../transitions'

type Item = { product?: unknown; quantity?: number }

/**
 * Status changes follow TRANSITIONS (else 400). Entering a stock-holding status takes stock with
 * a conditional UPDATE (`stock >= qty`) in the order's transaction: two confirms racing for the
 * last unit cannot both succeed — the loser gets 409 and nothing of its order changes.
 * Cancelling or returning a stock-holding order puts the stock back.
 */
export const applyStatus: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const from = (operation === 'create' ? 'pending' : originalDoc?.status) as OrderStatus
  const to = (data.status ?? from) as OrderStatus
  if (operation === 'create' && to !== 'pending') {
    throw new APIError('A new order starts as pending; confirm it afterwards.', 400, undefined, true)
  }
  if (to === from) return data
  if (!TRANSITIONS[from]?.includes(to)) {
    throw new APIError(`An order cannot move from ${from} to ${to}. Allowed: ${TRANSITIONS[from]?.join(', ') || 'none'}.`, 400, undefined, true)
  }
  const tenant = tenantIdOf(originalDoc?.tenant)
  const items = (data.items ?? originalDoc?.items ?? []) as Item[]
  if (!HOLDS_STOCK.has(from) && HOLDS_STOCK.has(to)) {
    for (const item of items) {
      const rows = await runSql(
        req,
        sql`update products set stock = stock - ${item.quantity ?? 0}
            where id = ${tenantIdOf(item.product)} and tenant_id = ${tenant} and stock >= ${item.quantity ?? 0}
            returning id`,
      )
      if (rows.length === 0) throw new APIError('Not enough stock to confirm this order.', 409, undefined, true)
    }
  } else if (HOLDS_STOCK.has(from) && !HOLDS_STOCK.has(to)) {
    for (const item of items) {
      await runSql(req, sql`update products set stock = stock + ${item.quantity ?? 0} where id = ${tenantIdOf(item.product)} and tenant_id = ${tenant}`)
    }
  }
  return data
}
