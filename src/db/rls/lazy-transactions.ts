import { randomUUID } from 'node:crypto'

import { runWithDbContext, type DbContext } from './context'
import { processGlobal } from '../../runtime/process-global'

type Begin = (this: unknown, options?: unknown) => Promise<number | string | null | undefined>
type End = (this: unknown, id: unknown) => Promise<void>
type Adapter = { sessions?: Record<string, unknown> }

type Pending = { options: unknown; started?: Promise<void> }

/** Transactions Payload has asked for that have run no statement yet, by the id Payload holds. */
const pending = processGlobal('rls.pending-transactions', () => new Map<string, Pending>())

/**
 * A transaction keeps the connection it began on, and the pool picks a connection's role from the
 * context of the work asking (src/db/rls/pool.ts: bypass → the platform role). Payload opens
 * transactions before it knows whose work the operation is (forgot/reset password open theirs
 * before their hooks; `beginTransaction` receives no request), so beginning one is deferred to
 * its first statement, which runs in the context of the call that makes it. A transaction that
 * never runs a statement never touches the database.
 */
export function deferTransactions(adapter: Adapter, begin: Begin, commit: End, rollback: End) {
  const target = adapter as unknown as Record<string, unknown>
  target.beginTransaction = async function (options?: unknown) {
    const id = randomUUID()
    pending.set(id, { options })
    return id
  }
  const ending = (original: End) =>
    async function (this: unknown, incoming: unknown) {
      const id = String(incoming instanceof Promise ? await incoming : incoming)
      const entry = pending.get(id)
      if (entry) {
        pending.delete(id)
        if (!entry.started) return
        await entry.started.catch(() => undefined)
      }
      return original.call(this, id)
    }
  target.commitTransaction = ending(commit)
  target.rollbackTransaction = ending(rollback)
}

/** Begin the deferred transaction `id` (once) in `context`, under the id Payload already holds. */
export async function startDeferredTransaction(adapter: Adapter, begin: Begin, id: string, context: DbContext): Promise<void> {
  const entry = pending.get(id)
  if (!entry) return
  entry.started ??= runWithDbContext(context, async () => {
    const real = String(await begin.call(adapter, entry.options))
    const sessions = adapter.sessions!
    sessions[id] = sessions[real]
    delete sessions[real]
  })
  await entry.started
}
