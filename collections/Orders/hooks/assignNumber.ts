import type { CollectionBeforeChangeHook } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { extractID } from 'payload/shared'

import { runSql } from '../../../src/db/run-sql'

/**
 * Order numbers run per tenant: `<PREFIX>-000123`, PREFIX from the tenant's settings or slug.
 * The counter row is bumped with one UPDATE ... RETURNING inside the order's transaction, so
 * concurrent creates never share a number and a failed create gives its number back.
 */
export const assignNumber: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  delete data.number // only ever the server's
  const tenant = data.tenant ? extractID(data.tenant) : null
  if (operation !== 'create' || !tenant) return data
  const [row] = await runSql(
    req,
    sql`update tenants set order_sequence = coalesce(order_sequence, 0) + 1 where id = ${tenant}
        returning order_sequence as seq, slug, settings`,
  )
  if (!row) return data
  const settings = (row.settings ?? {}) as { orderNumberPrefix?: null | string }
  const prefix = (settings.orderNumberPrefix || String(row.slug).split('-')[0]).toUpperCase()
  return { ...data, number: `${prefix}-${String(row.seq).padStart(6, '0')}` }
}
