import { sql } from '@payloadcms/db-postgres'
import type { BaseDatabaseAdapter, PayloadRequest } from 'payload'

import { contextKey, contextParams, runWithDbContext, type DbContext } from './context'
import { processGlobal } from '../../runtime/process-global'
import { deferTransactions, startDeferredTransaction } from './lazy-transactions'

/** Decides the context of one database call from its `req` (src/tenancy/db-context.ts). */
export type DbContextResolver = (req?: Partial<PayloadRequest>) => DbContext

type Execute = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
type Sessions = Record<string, { db: Execute } | undefined>

/** What each open transaction has been told, so it is said once per transaction, not per call. */
const appliedToTransaction = processGlobal('rls.applied-to-transaction', () => new WeakMap<object, string>())

/** Payload's own beginTransaction of each wrapped adapter (lazy-transactions.ts defers it). */
const originalBegin = processGlobal('rls.original-begin', () => new WeakMap<object, (options?: unknown) => Promise<number | string | null | undefined>>())

/**
 * Run `fn` (a database call made for `req`) in `req`'s context. Outside a transaction the pool
 * applies it at checkout; inside one — opened by Payload before it knew who asks — it is set
 * with `set_config(…, true)`, which lasts until that transaction ends. `fn` gets that
 * transaction's drizzle handle, if any.
 */
export async function withDbContextOf<T>(db: unknown, req: Partial<PayloadRequest> | undefined, resolve: DbContextResolver, fn: (transaction?: unknown) => Promise<T>): Promise<T> {
  const context = resolve(req)
  const id = req?.transactionID ? await req.transactionID : undefined
  const begin = originalBegin.get(db as object)
  if (id !== undefined && id !== null && begin) await startDeferredTransaction(db as never, begin, String(id), context)
  const session = id !== undefined ? (db as { sessions?: Sessions }).sessions?.[String(id)] : undefined
  if (session && appliedToTransaction.get(session) !== contextKey(context)) {
    const [tenantIds, bypass, userId, managed] = contextParams(context)
    await session.db.execute(
      sql`select set_config('app.tenant_ids', ${tenantIds}, true), set_config('app.bypass_rls', ${bypass}, true), set_config('app.user_id', ${userId}, true), set_config('app.managed_user_ids', ${managed}, true)`,
    )
    appliedToTransaction.set(session, contextKey(context))
  }
  return runWithDbContext(context, () => fn(session?.db))
}

const hasReq = (arg: unknown): arg is { req?: Partial<PayloadRequest> } => typeof arg === 'object' && arg !== null && 'req' in arg

/**
 * Wrap every method of Payload's database adapter that receives a `req` (find, create,
 * updateOne, count, …) so that the SQL it runs carries that request's tenant context. Methods
 * are wrapped by shape, not by name, so ones added by later Payload versions are covered too.
 */
export function withTenantContexts<A extends BaseDatabaseAdapter>(adapter: A, resolve: DbContextResolver): A {
  const target = adapter as unknown as Record<string, unknown>
  // Transactions begin at their first statement, in that call's context (lazy-transactions.ts).
  const { beginTransaction, commitTransaction, rollbackTransaction } = adapter as unknown as Record<string, never>
  if (typeof beginTransaction === 'function') {
    originalBegin.set(adapter, (beginTransaction as (o?: unknown) => Promise<string>).bind(adapter))
    deferTransactions(adapter, beginTransaction, commitTransaction, rollbackTransaction)
  }
  const skip = new Set(['init', 'connect', 'beginTransaction', 'commitTransaction', 'rollbackTransaction'])
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function' || skip.has(name)) continue
    const original = value as (this: unknown, ...args: unknown[]) => unknown
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (!hasReq(args[0])) return original.apply(this, args)
      return withDbContextOf(adapter, args[0].req, resolve, async () => original.apply(this, args))
    }
  }
  return adapter
}
