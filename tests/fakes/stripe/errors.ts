/**
 * Stripe's error envelope (integrations.md §4.1): `{ error: { type, code?, message, param?, decline_code?, doc_url?, request_log_url? } }`.
 * Handlers throw `StripeFakeError`; the server turns it into the answer.
 */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | 'rate_limit_error'

export type StripeErrorBody = { type: StripeErrorType; message: string; code?: string; param?: string; decline_code?: string; doc_url?: string; request_log_url?: string }

export class StripeFakeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message)
  }
}

const docUrl = (code?: string) => (code ? `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}` : undefined)

/** The body Stripe answers, with doc_url and request_log_url filled in. */
export function envelope(body: StripeErrorBody, requestId?: string): { error: StripeErrorBody } {
  const error: StripeErrorBody = { ...body }
  if (error.code && !error.doc_url) error.doc_url = docUrl(error.code)
  if (requestId && !error.request_log_url) error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}`
  return { error }
}

/** 404 resource_missing: "No such customer: 'cus_x'". */
export function missing(kind: string, id: string, param = 'id'): StripeFakeError {
  return new StripeFakeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param })
}

/** 400 parameter_missing: "Missing required param: customer." */
export function required(param: string): StripeFakeError {
  return new StripeFakeError(400, { type: 'invalid_request_error', code: 'parameter_missing', message: `Missing required param: ${param}.`, param })
}

/** 400 with a message (code parameter_invalid_… or another one). */
export function invalid(message: string, param?: string, code = 'parameter_invalid'): StripeFakeError {
  return new StripeFakeError(400, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) })
}

/** 402 card_error card_declined, as a failed payment answers. */
export function declined(): StripeFakeError {
  return new StripeFakeError(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' })
}

/** The default error of an injected status (429 → rate_limit_error, 402 → card_error, 5xx → api_error, else invalid_request_error). */
export function defaultErrorFor(status: number): StripeErrorBody {
  if (status === 429) return { type: 'rate_limit_error', code: 'rate_limit', message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.' }
  if (status === 402) return { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }
  if (status >= 500) return { type: 'api_error', message: 'An unknown error occurred' }
  if (status === 401) return { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****' }
  if (status === 404) return { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' }
  return { type: 'invalid_request_error', message: 'Invalid request (injected by the fake)' }
}
