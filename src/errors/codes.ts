/**
 * The closed list of error codes the API answers with (`{ error: <code>, message, errors }` over
 * REST, `extensions.code` in GraphQL). Each code has one HTTP status; README "Errors" lists them.
 * Dependency-free: the admin's client components import it too.
 */
export const ERROR_CODES = {
  invalid_input: { status: 400, meaning: 'A field of the body is missing or wrong; `errors` names each field.' },
  invalid_id: { status: 400, meaning: 'An id in the query or the body is not a valid id (ids are UUIDs).' },
  invalid_query: { status: 400, meaning: 'A `where`, `sort`, `select`, `page`, `limit`, `depth`, `locale` or `draft` parameter, or a field or argument of a GraphQL query, is wrong.' },
  invalid_json: { status: 400, meaning: 'The body is not valid JSON.' },
  invalid_multipart: { status: 400, meaning: 'The multipart/form-data body is broken or truncated.' },
  query_too_complex: { status: 400, meaning: 'A GraphQL query is nested too deeply or costs too much.' },
  unauthorized: { status: 401, meaning: 'Sign in (or send a valid API key) first.' },
  forbidden: { status: 403, meaning: 'The caller may not do this.' },
  tenant_inactive: { status: 403, meaning: 'The shop is suspended or deleted.' },
  quota_exceeded: { status: 403, meaning: 'The shop’s plan allows no more of this; `limit`, `used`, `max` say which.' },
  feature_not_in_plan: { status: 403, meaning: 'The shop’s plan does not include this feature.' },
  export_not_allowed: { status: 403, meaning: 'The shop’s report settings do not let the caller’s role export reports; `roles` says which roles may.' },
  impersonation_read_only: { status: 403, meaning: 'The caller is in a read-only impersonation session: it may read the shop, not change it; end the session to act as yourself.' },
  not_found: { status: 404, meaning: 'No such document, route or tenant (or not one the caller may see).' },
  method_not_allowed: { status: 405, meaning: 'The route exists but not with this HTTP method.' },
  conflict_stale: { status: 409, meaning: 'The document changed since it was read; reload and try again.' },
  out_of_stock: { status: 409, meaning: 'Not enough stock for an item of the order; `errors` names each item.' },
  duplicate: { status: 409, meaning: 'A value that must be unique (in the shop, or on the platform) is taken.' },
  conflict: { status: 409, meaning: 'The request conflicts with the current state (e.g. an export already running).' },
  gone: { status: 410, meaning: 'The link or invitation was valid once and has expired or been used.' },
  payload_too_large: { status: 413, meaning: 'The body is larger than this endpoint accepts.' },
  unsupported_media_type: { status: 415, meaning: 'The Content-Type is not one this endpoint reads (JSON, or multipart for uploads).' },
  smtp_refused: { status: 422, meaning: 'The shop’s own SMTP server refused the test email (sign-in, sender or connection); `message` has its answer.' },
  locked: { status: 423, meaning: 'The account is locked after too many failed sign-ins.' },
  rate_limited: { status: 429, meaning: 'Too many requests; wait `retryAfter` seconds.' },
  internal_error: { status: 500, meaning: 'Our bug: nothing the client can fix. It is logged.' },
  upstream_error: { status: 502, meaning: 'A provider (Meta, a courier, Stripe) refused or failed.' },
  not_configured: { status: 503, meaning: 'This server is not set up for this feature yet (e.g. the Meta app secret is missing); the operator must configure it.' },
  database_unavailable: { status: 503, meaning: 'The database is unreachable for a moment; retry after `Retry-After` seconds.' },
} as const satisfies Record<string, { status: number; meaning: string }>

export type ErrorCode = keyof typeof ERROR_CODES

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(ERROR_CODES, value)

/** The code an HTTP status means when nothing more precise is known. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid_input'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 405:
      return 'method_not_allowed'
    case 409:
      return 'conflict'
    case 410:
      return 'gone'
    case 413:
      return 'payload_too_large'
    case 415:
      return 'unsupported_media_type'
    case 423:
      return 'locked'
    case 429:
      return 'rate_limited'
    case 502:
      return 'upstream_error'
    case 503:
      return 'database_unavailable'
    default:
      return status >= 400 && status < 500 ? 'invalid_input' : 'internal_error'
  }
}
