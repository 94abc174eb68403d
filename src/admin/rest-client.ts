import { errorMessage } from '../errors/shape'

/** A refused call: `message` is what to show a person (errorMessage); `body` keeps the field errors and the code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type ApiMethod = 'DELETE' | 'GET' | 'PATCH' | 'POST'

/** One call: a JSON body (an object) or a FormData one (uploads, CSV files); the parsed JSON answer. `signal` cancels it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the endpoint's JSON: callers name its type, as with fetch's json()
export type RestCall = <T = any>(method: ApiMethod, path: string, body?: FormData | object, options?: { signal?: AbortSignal }) => Promise<T>

/**
 * The one way the admin views and the public pages (signup, invitation) call the app's REST API:
 * as the signed-in person (the session cookie, `credentials: 'include'`), JSON in and out. A
 * refused call throws an ApiError with the words of the API's one error body, so every page
 * shows failures the same way. `base` is the API route ("/api", or the admin's
 * `${serverURL}${routes.api}`, see use-rest-client.ts); `headers` go with every call (the
 * onboarding wizard names its tenant with X-Tenant-ID). No React, no Payload UI: usable anywhere.
 */
export function restClient(base = '/api', headers: Record<string, string> = {}): RestCall {
  return async (method, path, body, options) => {
    const sent: Record<string, string> = { accept: 'application/json', ...headers }
    let payload: BodyInit | undefined
    if (body instanceof FormData) payload = body
    else if (body !== undefined) {
      sent['content-type'] = 'application/json'
      payload = JSON.stringify(body)
    }
    const response = await fetch(`${base}${path}`, { method, headers: sent, body: payload, credentials: 'include', signal: options?.signal })
    const json: unknown = await response.json().catch(() => null)
    if (!response.ok) throw new ApiError(errorMessage(json, response.status), response.status, json)
    return json as never
  }
}

/** The words to show for a failed call: the API's (an ApiError with a body), else `fallback` (no answer, or not JSON). */
export const failureMessage = (error: unknown, fallback: string): string => (error instanceof ApiError && error.body != null ? error.message : fallback)
