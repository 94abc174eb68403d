import type { PayloadRequest } from 'payload'

import { beginPendingTransaction } from './run-sql'

type Tx = { transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> }
type Session = { db: Tx; reject: () => Promise<void>; resolve: () => Promise<void> }
type Adapter = { sessions: Record<string, Session | undefined> }

/** Thrown inside a savepoint to undo it on purpose (a row that was only checked). */
export class UndoRow extends Error {}

let counter = 0

/**
 * Run `fn` (Payload Local API calls made with `req`) inside a SAVEPOINT of `req`'s open
 * transaction, so one failing row does not abort the others.
 *
 * Why not plain `savepoint` / `rollback to savepoint` statements: Payload's operations call
 * `killTransaction(req)` on any error, even in a transaction they did not start, which rolls
 * back the whole transaction. So for the duration of `fn`, `req.transactionID` names a
 * session of our own whose handle is a drizzle nested transaction (drizzle runs `savepoint`,
 * then `release savepoint` or, when `fn` throws, `rollback to savepoint`) and whose
 * commit/rollback callbacks do nothing: Payload's kill then only drops that session, and
 * the outer transaction lives on. Rows must run one after another (one `req`).
 */
export async function inSavepoint<T>(req: PayloadRequest, fn: () => Promise<T>): Promise<T> {
  const outerId = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  if (outerId !== undefined) await beginPendingTransaction(req)
  const adapter = req.payload.db as unknown as Adapter
  const outer = outerId !== undefined ? adapter.sessions[String(outerId)] : undefined
  if (!outer) throw new Error('inSavepoint() needs an open Payload transaction on req (initTransaction).')
  const rowId = `${String(outerId)}:savepoint:${++counter}`
  try {
    return await outer.db.transaction(async (tx) => {
      adapter.sessions[rowId] = { db: tx, reject: async () => {}, resolve: async () => {} }
      req.transactionID = rowId
      return fn()
    })
  } finally {
    delete adapter.sessions[rowId]
    req.transactionID = outerId
  }
}
