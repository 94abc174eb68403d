import type { CollectionBeforeDeleteHook } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { runSql } from '../../../src/db/run-sql'
import { HOLDS_STOCK, TRANSITIONS, type OrderStatus } from '../transitions'
import { AppError } from '../../../src/errors/app-error'

/**
 * An order that still holds stock and can still give it back (confirmed, packed, shipped) is
 * not deleted: its stock would be lost for good. Cancel or return it first. The row is locked,
 * so a confirm racing with the delete cannot slip in between.
 */
export const guardDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const [row] = await runSql(req, sql`select status from orders where id = ${id} for update`)
  const status = row?.status as OrderStatus | undefined
  const givesBack = status && HOLDS_STOCK.has(status) && TRANSITIONS[status].some((next) => !HOLDS_STOCK.has(next))
  if (givesBack) {
    throw new AppError('invalid_input', `A ${status} order holds stock and cannot be deleted; move it to ${TRANSITIONS[status].filter((s) => !HOLDS_STOCK.has(s)).join(' or ')} first.`)
  }
}
