import type { BaseDatabaseAdapter } from 'payload'

import { recordDatabaseOutage } from '../http/request-outage'

const NOT_REQUEST_WORK = new Set(['init', 'connect', 'destroy'])

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function'

/**
 * Every adapter call that finds the database unreachable records it on the request it serves
 * (src/http/request-outage.ts), so that what Payload catches and answers otherwise still
 * answers 503. The error itself is re-thrown unchanged; sync methods stay sync.
 */
export function recordOutages<A extends BaseDatabaseAdapter>(adapter: A): A {
  const target = adapter as unknown as Record<string, unknown>
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function' || NOT_REQUEST_WORK.has(name)) continue
    const original = value as (this: unknown, ...args: unknown[]) => unknown
    target[name] = function (this: unknown, ...args: unknown[]) {
      const note = (error: unknown) => {
        recordDatabaseOutage(error)
        throw error
      }
      try {
        const result = original.apply(this, args)
        return isPromise(result) ? result.catch(note) : result
      } catch (error) {
        return note(error)
      }
    }
  }
  return adapter
}
