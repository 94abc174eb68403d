import { APIError } from 'payload'

import { CourierError } from './providers/types'

/** A refusal in the host's one error shape (`data.error` is the code; `errors` names fields). */
export const fail = (code: string, message: string, status: number, extra: Record<string, unknown> = {}) => new APIError(message, status, { error: code, ...extra }, true)

export const invalid = (path: string, message: string) => fail('invalid_input', message, 400, { errors: [{ path, message }] })

/** A provider's error in words a shop owner can act on, with the provider's field errors. */
export function describeCourierError(error: unknown): string {
  if (!(error instanceof CourierError)) return error instanceof Error ? error.message : String(error)
  const fields = error.fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ')
  return fields && !error.message.includes(fields) ? `${error.message} (${fields})` : error.message
}

/** A provider failure answered to an API caller: 502 `upstream_error`, 429 when it is the provider's rate limit. */
export function upstream(error: unknown): APIError {
  if (error instanceof APIError) return error
  if (error instanceof CourierError) {
    if (error.code === 'rate_limited') return fail('rate_limited', `${error.provider} is rate-limiting this account; try again shortly.`, 429, { retryAfter: Math.ceil((error.retryAfterMs ?? 60_000) / 1000) })
    if (error.code === 'unsupported') return fail('invalid_input', error.message, 400)
    return fail('upstream_error', `${error.provider}: ${describeCourierError(error)}`, 502, { provider: error.provider, providerError: error.code, errors: error.fieldErrors })
  }
  throw error
}
