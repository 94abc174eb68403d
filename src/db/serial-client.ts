import pg from 'pg'

type Callback = (error: Error | null, result?: unknown) => void

const settle = () => undefined

/**
 * A node-postgres Client that runs the queries given to it one after another by itself.
 *
 * Why: a connection executes one statement at a time, and pg ≥ 8.19 warns
 * (`DeprecationWarning: Calling client.query() when the client is already executing a query`;
 * an error in pg 9) when a second query is queued behind a running one. Inside a Payload
 * transaction every statement goes to the transaction's one client, and Payload itself issues
 * them concurrently: `beforeChange` validates all fields of a document with `Promise.all`, and
 * each relationship field with `filterOptions` — the multi-tenant plugin adds them to every
 * relationship that points at a tenant-owned collection — runs a `find` to validate its value
 * (payload/dist/fields/validations.js `validateFilterOptions`). An order with a customer and two
 * items thus sends three selects at once on one connection; so does any concurrent population
 * (afterRead) inside a transaction. This class is the "external flow control" pg asks for: the
 * statements run in the order they were issued, exactly as pg's own queue ran them, with no
 * second statement queued inside pg. Used as the pools' `Client` (src/db/adapter.ts).
 *
 * Promise and callback calls are serialised; a Submittable (a pg `Query`, a cursor) is passed
 * through unchanged (nothing in the app uses one).
 */
class SerialQueries extends pg.Client {
  #tail: Promise<void> = Promise.resolve()
  #inFlight = 0

  #enqueue<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#inFlight === 0 ? run() : this.#tail.then(run)
    this.#inFlight++
    this.#tail = result.then(settle, settle).then(() => {
      this.#inFlight--
    })
    return result
  }

  // @ts-expect-error -- one implementation for pg's promise, callback and Submittable overloads
  override query(config: unknown, values?: unknown, callback?: Callback): unknown {
    const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function'
    if (config == null || submittable) return super.query(config as never, values as never, callback as never)
    if (typeof values === 'function') {
      callback = values as Callback
      values = undefined
    }
    const result = this.#enqueue(() => super.query(config as never, values as never) as Promise<unknown>)
    if (!callback) return result
    result.then(
      (rows) => callback(null, rows),
      (error: Error) => callback(error),
    )
    return undefined
  }
}

/** pg.Client, typed as such: the overloads of `query` are pg's own. */
export const SerialClient = SerialQueries as unknown as typeof pg.Client
