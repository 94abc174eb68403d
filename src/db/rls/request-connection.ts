import { AsyncLocalStorage } from 'node:async_hooks'
import type pg from 'pg'

import { processGlobal } from '../../runtime/process-global'
import { contextKey, contextParams, SET_CONTEXT_SQL, type DbContext } from './context'
import { sessionContext } from './session-context'

/**
 * One pooled connection per HTTP request (per pool: the request role's and the platform role's),
 * instead of one per statement. A REST list used to check out a connection for the user, its
 * tenant, the tenant's status, the count and the page; now they run one after another on the
 * connection the request's first statement checked out, each preceded by a `set_config` only
 * when its tenant context differs from the one the connection holds. The context statement and
 * the query are handed to the connection together (node-postgres runs a client's queries in
 * the order they were given), so no other statement of the request can come between them.
 *
 * - A transaction (`pool.connect()`, drizzle's `db.transaction`) borrows the request's connection
 *   when no statement is in flight on it, and gives it back at its end; statements made meanwhile
 *   outside the transaction check out a connection of their own, as before. A request thus never
 *   holds two connections while it waits for one, which could starve the pool.
 * - The connection goes back to the pool when the request ends (the route handler's
 *   `withRequestConnection`), or after `IDLE_MS` without a statement (a request waiting on
 *   Meta or a courier does not keep it).
 * - A statement that fails leaves the connection usable (no transaction is open on it); a
 *   connection that fails to take a context, or ends, is discarded.
 * - Outside an HTTP request (jobs, scripts, tests calling the Local API) nothing changes.
 */
const IDLE_MS = 50

type Pin = { client?: pg.PoolClient; acquiring?: Promise<pg.PoolClient>; inflight: number; lent: boolean; timer?: NodeJS.Timeout; onEnd?: () => void }
type Pins = { pools: Map<pg.Pool, Pin>; closed: boolean }

const storage = processGlobal('rls.request-connections', () => new AsyncLocalStorage<Pins>())

/** Run `fn` (an HTTP request's handler) with one connection per pool; released when it settles. */
export async function withRequestConnection<T>(fn: () => Promise<T>): Promise<T> {
  const pins: Pins = { pools: new Map(), closed: false }
  try {
    return await storage.run(pins, fn)
  } finally {
    pins.closed = true
    for (const pin of pins.pools.values()) settle(pins, pin)
  }
}

/** `withRequestConnection` around a route handler. */
export const withRequestConnections =
  <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    withRequestConnection(() => handler(...args))

const pinOf = (pool: pg.Pool): { pins: Pins; pin: Pin } | undefined => {
  const pins = storage.getStore()
  if (!pins || pins.closed) return undefined
  let pin = pins.pools.get(pool)
  if (!pin) pins.pools.set(pool, (pin = { inflight: 0, lent: false }))
  return { pins, pin }
}

/** Give the connection back to the pool once nothing uses it: now if the request ended, else when idle. */
function settle(pins: Pins, pin: Pin): void {
  if (pin.inflight > 0 || pin.lent || !pin.client) return
  clearTimeout(pin.timer)
  const release = () => {
    const client = pin.client
    if (!client || pin.inflight > 0 || pin.lent) return
    unpin(pin, client)
    client.release()
  }
  if (pins.closed) return release()
  pin.timer = setTimeout(release, IDLE_MS)
  pin.timer.unref?.()
}

/** Forget the pinned connection (before it goes back to the pool or is discarded). */
function unpin(pin: Pin, client: pg.PoolClient): void {
  if (pin.onEnd) client.off('end', pin.onEnd)
  pin.client = undefined
  pin.acquiring = undefined
  pin.onEnd = undefined
}

function discard(pin: Pin, client: pg.PoolClient, error: Error): void {
  if (pin.client !== client) return
  unpin(pin, client)
  client.release(error)
}

async function pinnedClient(pin: Pin, checkout: () => Promise<pg.PoolClient>): Promise<pg.PoolClient> {
  if (pin.client) return pin.client
  pin.acquiring ??= checkout().then(
    (client) => {
      pin.client = client
      pin.onEnd = () => discard(pin, client, new Error('connection ended'))
      client.once('end', pin.onEnd)
      return client
    },
    (error) => {
      pin.acquiring = undefined
      throw error
    },
  )
  return pin.acquiring
}

type QueryArgs = [unknown, unknown?]

/**
 * `pool.query(config | text, values?)` of an HTTP request on its pinned connection, or undefined
 * when there is no request (or its connection is lent to a transaction): then the caller checks
 * out as usual.
 */
export function pinnedQuery(pool: pg.Pool, context: DbContext, checkout: () => Promise<pg.PoolClient>, args: QueryArgs): Promise<unknown> | undefined {
  const found = pinOf(pool)
  if (!found || found.pin.lent) return undefined
  const { pins, pin } = found
  pin.inflight++
  clearTimeout(pin.timer)
  return (async () => {
    try {
      const client = await pinnedClient(pin, checkout)
      const key = contextKey(context)
      let set: Promise<unknown> | undefined
      if (sessionContext.get(client) !== key) {
        sessionContext.set(client, key)
        set = client.query(SET_CONTEXT_SQL(false), contextParams(context))
        set.catch((error: Error) => {
          sessionContext.delete(client)
          discard(pin, client, error) // ends the connection: the query queued behind it fails too
        })
      }
      const result = (client.query as (...a: unknown[]) => Promise<unknown>)(...args)
      if (set) await set
      return await result
    } finally {
      pin.inflight--
      settle(pins, pin)
    }
  })()
}

/**
 * A transaction's `pool.connect()` in an HTTP request: the request's idle pinned connection,
 * lent until the transaction releases it; undefined when there is none to lend.
 */
export function lendPinned(pool: pg.Pool): pg.PoolClient | undefined {
  const found = pinOf(pool)
  if (!found) return undefined
  const { pins, pin } = found
  const client = pin.client
  if (!client || pin.lent || pin.inflight > 0) return undefined
  clearTimeout(pin.timer)
  pin.lent = true
  const release = client.release.bind(client)
  client.release = (error?: Error | boolean) => {
    client.release = release
    pin.lent = false
    if (error) return discard(pin, client, error instanceof Error ? error : new Error('released with an error'))
    settle(pins, pin)
  }
  return client
}
