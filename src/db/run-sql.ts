import type { PayloadRequest } from 'payload'
import type { sql } from '@payloadcms/db-postgres'

import { dbContextFor } from '../tenancy/db-context'
import { withDbContextOf } from './rls/adapter'

type SQL = ReturnType<typeof sql>

type Drizzle = { execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[] }> }
type Adapter = { drizzle: Drizzle; sessions?: Record<string, { db: Drizzle }> }

/**
 * Run raw SQL inside the request's Payload transaction when there is one (so it commits or
 * rolls back with the operation), otherwise on the pool. For the few atomic statements the
 * Local API cannot express (conditional stock decrement, counters). It runs in `req`'s tenant
 * context, like every Payload database call (src/db/rls).
 */
export async function runSql(req: PayloadRequest, query: SQL): Promise<Record<string, unknown>[]> {
  const adapter = req.payload.db as unknown as Adapter
  return withDbContextOf(adapter, req, dbContextFor, async (transaction) => {
    const db = (transaction as Drizzle | undefined) ?? adapter.drizzle
    return (await db.execute(query)).rows
  })
}

/**
 * Make sure `req`'s Payload transaction has begun on the database (transactions begin at their
 * first statement, src/db/rls/lazy-transactions.ts), in `req`'s context; for code that uses the
 * transaction's session directly (savepoints).
 */
export async function beginPendingTransaction(req: PayloadRequest): Promise<void> {
  await withDbContextOf(req.payload.db, req, dbContextFor, async () => undefined)
}
