import pg from 'pg'

import { SET_CONTEXT_SQL, settingsOf, type DbContext } from './context'
import { processGlobal } from '../../process-global'

type Callback = (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void

/**
 * The context each pooled connection's session holds. Only this pool sets these settings for a
 * session (transactions set them with `local = true`, which ends with the transaction), so the
 * statement is skipped when a connection already holds the context asked for — the common case
 * of the several checkouts of one request. A connection released with an error is discarded.
 */
const sessionContext = processGlobal('rls.session-context', () => new WeakMap<pg.PoolClient, string>())

/**
 * A node-postgres Pool that hands out every connection with the current work's tenant context
 * already applied: a checkout runs `set_config('app.tenant_ids', …)` and
 * `set_config('app.bypass_rls', …)` for the session unless the connection already holds exactly
 * that context, so whatever the previous borrower set can never carry over (a checkout with no
 * context sets "no tenant"). `Pool#query` checks out through `connect`, so one-shot queries get
 * the context too.
 */
export function contextPoolClass(currentContext: () => DbContext): typeof pg.Pool {
  class TenantContextPool extends pg.Pool {
    // @ts-expect-error -- one implementation for pg's promise and callback overloads
    override connect(callback?: Callback): Promise<pg.PoolClient> | undefined {
      const context = currentContext()
      const ready = super.connect().then(async (client) => {
        const { tenantIds, bypass } = settingsOf(context)
        const key = `${bypass} ${tenantIds}`
        if (sessionContext.get(client) === key) return client
        sessionContext.delete(client)
        try {
          await client.query(SET_CONTEXT_SQL(false), [tenantIds, bypass])
        } catch (error) {
          client.release(error as Error) // a connection in an unknown state is discarded
          throw error
        }
        sessionContext.set(client, key)
        return client
      })
      if (!callback) return ready
      ready.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
        (error: Error) => callback(error),
      )
      return undefined
    }
  }
  return TenantContextPool as unknown as typeof pg.Pool
}

/** The `pg` module handed to Payload's adapter (its `pg` option), with the context pool. */
export const pgWithContextPool = (currentContext: () => DbContext): typeof pg => ({ ...pg, Pool: contextPoolClass(currentContext) }) as typeof pg
