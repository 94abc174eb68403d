import { AsyncLocalStorage } from 'node:async_hooks'

import { isDatabaseUnavailable } from '../errors/database-errors'
import { processGlobal } from '../runtime/process-global'

type Slot = { outage?: unknown }

const storage = processGlobal('http.request-outage', () => new AsyncLocalStorage<Slot>())

/**
 * Whether the database was unreachable for some work of this request, and the error that said
 * so. Payload catches some of these errors and answers something else — a relationship it could
 * not look up is "invalid" (400, fields/validations.js validateFilterOptions), a session it could
 * not look up makes the caller anonymous (403) — and one thrown while it builds its request
 * reaches the route handler only as a TypeError of its routeError (which has no `req`). The
 * database adapter records every such error here (src/db/record-outages.ts), and withErrorResponse
 * (error-response.ts) answers 503 instead of the refusal Payload made of it. One slot a request.
 */
export const runWithOutageSlot = <T>(fn: () => Promise<T>): Promise<T> => storage.run({}, fn)

/** Note `error` on the current request if it says the database is unreachable (the first counts). */
export function recordDatabaseOutage(error: unknown): void {
  const slot = storage.getStore()
  if (slot && slot.outage === undefined && isDatabaseUnavailable(error)) slot.outage = error
}

export const databaseOutageOfRequest = (): unknown => storage.getStore()?.outage
