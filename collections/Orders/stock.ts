import type { PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { extractID } from 'payload/shared'

import { runSql } from '../../src/db/run-sql'
import { AppError } from '../../src/errors/app-error'

export type StockLine = { product?: null | string | { id: string }; quantity?: null | number }

/**
 * Quantity per product, sorted by product id: every order locks product rows in the same order,
 * so two orders sharing products cannot deadlock each other.
 */
function perProduct(items: readonly StockLine[]): [string, number][] {
  const totals = new Map<string, number>()
  for (const item of items) {
    const id = item.product ? extractID(item.product) : null
    if (id) totals.set(id, (totals.get(id) ?? 0) + Number(item.quantity ?? 0))
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * Take the items' stock with one conditional UPDATE per product (`stock >= qty`) in the
 * request's transaction. The row lock makes a concurrent confirm wait and then re-check, so the
 * last unit goes to exactly one order; the other gets a 409 and its transaction rolls back
 * whatever this loop already took.
 */
export async function takeStock(req: PayloadRequest, tenant: string, items: readonly StockLine[]): Promise<void> {
  for (const [product, quantity] of perProduct(items)) {
    const taken = await runSql(
      req,
      sql`update products set stock = stock - ${quantity}
          where id = ${product} and tenant_id = ${tenant} and stock >= ${quantity} returning id`,
    )
    if (taken.length > 0) continue
    const [left] = await runSql(req, sql`select name, stock from products where id = ${product} and tenant_id = ${tenant}`)
    throw new AppError(
      'out_of_stock',
      left
        ? `Not enough stock to confirm this order: "${String(left.name)}" has ${Number(left.stock)} left, the order needs ${quantity}.`
        : 'A product of this order no longer exists, so the order cannot be confirmed.',
      { path: 'items', details: { product, requested: quantity, available: left ? Number(left.stock) : 0 } },
    )
  }
}

/** Put the items' stock back (cancel, return). */
export async function returnStock(req: PayloadRequest, tenant: string, items: readonly StockLine[]): Promise<void> {
  for (const [product, quantity] of perProduct(items)) {
    await runSql(req, sql`update products set stock = stock + ${quantity} where id = ${product} and tenant_id = ${tenant}`)
  }
}
