import { AsyncLocalStorage } from 'node:async_hooks'

import { processGlobal } from '../process-global'

type Slot = { failure?: unknown }

const storage = processGlobal('http.request-failure', () => new AsyncLocalStorage<Slot>())

/**
 * What a request must answer with when that cannot be thrown where it is found. An error thrown
 * while Payload builds its request (createPayloadRequest: the auth strategies) reaches the route
 * handler only as the TypeError of Payload's routeError, which has no `req` to answer with;
 * whoever finds the real cause records it here, and withErrorResponse (error-response.ts) answers
 * that instead. One slot per request, opened by withErrorResponse.
 */
export const runWithFailureSlot = <T>(fn: () => Promise<T>): Promise<T> => storage.run({}, fn)

/** Record the cause this request fails with (the first one counts). */
export function recordRequestFailure(error: unknown): void {
  const slot = storage.getStore()
  if (slot && slot.failure === undefined) slot.failure = error
}

export const recordedRequestFailure = (): unknown => storage.getStore()?.failure
