import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

/**
 * Run `fn` in `req`'s Payload transaction: opens one when `req` has none (and commits it when
 * `fn` resolves, rolls it back when it throws); joins the open one otherwise (then the caller
 * that opened it commits or rolls back). The one place the begin/commit/kill block is written;
 * `inSavepoint` (savepoint.ts) nests inside it.
 */
export async function withTransaction<T>(req: PayloadRequest, fn: () => Promise<T>): Promise<T> {
  const started = await initTransaction(req)
  try {
    const result = await fn()
    if (started) await commitTransaction(req)
    return result
  } catch (error) {
    if (started) await killTransaction(req)
    throw error
  }
}
