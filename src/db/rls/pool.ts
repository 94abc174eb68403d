import pg from 'pg'

import type { DbContext } from './context'
import { guardPoolClients } from '../watch-pool'
import { lendPinned, pinnedQuery } from './request-connection'
import { prepared } from './session-context'

type Callback = (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void

export type ContextPoolOptions = {
  /** The context of the work asking for a connection. */
  currentContext: () => DbContext
  /**
   * The platform role's connection string (src/db/roles.ts): bypass contexts (the super-admin,
   * system work, sign-in) are served from a second pool signed in as that role, because the
   * request role's `app.bypass_rls` counts for nothing. Without one, bypass work stays on the
   * request role's pool and sees no tenant's rows (fail closed).
   */
  platformConnectionString?: () => string | undefined
}

/**
 * A node-postgres Pool that hands out every connection with the current work's tenant context
 * already applied: a checkout runs one `set_config` statement for the session unless the
 * connection already holds exactly that context, so whatever the previous borrower set can never
 * carry over (a checkout with no context sets "no tenant"). Bypass contexts get a connection of
 * the platform role's pool; everything else one of the request role's (this pool). `Pool#query`
 * checks out through `connect`, so one-shot queries get the context too.
 */
export function contextPoolClass({ currentContext, platformConnectionString }: ContextPoolOptions): typeof pg.Pool {
  class TenantContextPool extends pg.Pool {
    #platform: pg.Pool | null | undefined
    readonly #config: pg.PoolConfig

    constructor(config: pg.PoolConfig = {}) {
      super(config)
      this.#config = config
      guardPoolClients(this as unknown as pg.Pool)
    }

    /** The platform role's pool, opened on first use; null when there is no platform role. */
    platformPool(): pg.Pool | null {
      if (this.#platform !== undefined) return this.#platform
      const url = platformConnectionString?.()
      if (!url || url === this.#config.connectionString) return (this.#platform = null)
      this.#platform = guardPoolClients(new pg.Pool({ ...this.#config, connectionString: url, max: Number(process.env.DATABASE_PLATFORM_POOL_MAX ?? this.#config.max ?? 10) }))
      this.#platform.on('error', (error) => this.emit('error', error))
      return this.#platform
    }

    /** The pool a context's connections come from, and a plain checkout from it. */
    #target(context: DbContext): { pool: pg.Pool; checkout: () => Promise<pg.PoolClient> } {
      const platform = context.bypass ? this.platformPool() : null
      return platform ? { pool: platform, checkout: () => platform.connect() } : { pool: this as unknown as pg.Pool, checkout: () => super.connect() }
    }

    // @ts-expect-error -- one implementation for pg's promise and callback overloads
    override query(...args: unknown[]): unknown {
      // An HTTP request's statements share one connection (request-connection.ts).
      if (args.length <= 2 && typeof args[args.length - 1] !== 'function') {
        const context = currentContext()
        const { pool, checkout } = this.#target(context)
        const pinned = pinnedQuery(pool, context, checkout, args as [unknown, unknown?])
        if (pinned) return pinned
      }
      return (super.query as (...a: unknown[]) => unknown)(...args)
    }

    // @ts-expect-error -- one implementation for pg's promise and callback overloads
    override connect(callback?: Callback): Promise<pg.PoolClient> | undefined {
      const context = currentContext()
      const { pool, checkout } = this.#target(context)
      const lent = lendPinned(pool)
      const ready = (lent ? Promise.resolve(lent) : checkout()).then((client) => prepared(client, context))
      if (!callback) return ready
      ready.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
        (error: Error) => callback(error),
      )
      return undefined
    }

    override async end(): Promise<void> {
      await Promise.all([super.end(), this.#platform?.end()])
    }
  }
  return TenantContextPool as unknown as typeof pg.Pool
}

/** The `pg` module handed to Payload's adapter (its `pg` option), with the context pool. */
export const pgWithContextPool = (options: ContextPoolOptions): typeof pg => ({ ...pg, Pool: contextPoolClass(options) })
