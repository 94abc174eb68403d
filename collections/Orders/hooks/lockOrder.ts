import type { CollectionBeforeChangeHook } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { runSql } from '../../../src/db/run-sql'
import { AppError } from '../../../src/errors/app-error'

/**
 * First hook of every order update: lock the order's row for the rest of the transaction and
 * check it is still the version Payload read (`originalDoc`). Without it, two confirms (or two
 * cancels) of the same order sent at once would both see the old status and take (or return)
 * the stock twice. The second writer waits for the first, then gets a 409 asking to reload.
 */
export const lockOrder: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id) return data
  const [row] = await runSql(req, sql`select status, updated_at from orders where id = ${originalDoc.id} for update`)
  const sameVersion = row !== undefined && row.status === originalDoc.status && new Date(row.updated_at as Date | string).getTime() === new Date(originalDoc.updatedAt as string).getTime()
  if (!sameVersion) {
    const now = row ? ` (it is now ${String(row.status)})` : ''
    throw new AppError('conflict_stale', `This order was changed by someone else meanwhile${now}; reload it and try again.`, { details: { status: row ? String(row.status) : null } })
  }
  return data
}
