import { APIError } from 'payload'

/** A refusal in the host's one error shape (`data.error` is the code; `errors` names fields). */
export const fail = (code: string, message: string, status: number, extra: Record<string, unknown> = {}) => new APIError(message, status, { error: code, ...extra }, true)

export const invalid = (path: string, message: string) => fail('invalid_input', message, 400, { errors: [{ path, message }] })

/** Stripe refused or failed: 502 `upstream_error` with Stripe's words (never its raw error object). */
export function upstream(error: unknown): APIError {
  if (error instanceof APIError) return error
  const e = error as { type?: string; message?: string; code?: string; statusCode?: number }
  if (typeof e?.type === 'string' && e.type.startsWith('Stripe')) {
    if (e.statusCode === 429) return fail('rate_limited', 'Stripe is rate-limiting us; try again shortly.', 429, { retryAfter: 5 })
    return fail('upstream_error', `Stripe: ${e.message ?? 'the request failed'}`, 502, { provider: 'stripe', providerError: e.code ?? e.type })
  }
  throw error
}
