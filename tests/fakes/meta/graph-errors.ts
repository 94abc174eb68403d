import { randomBytes } from 'node:crypto'

/**
 * Graph API error envelope (integrations.md §1.2):
 * `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`.
 * Helpers here build `Reply`s the fake Graph server writes as JSON.
 */

export type GraphErrorBody = {
  error: {
    message: string
    type: string
    code: number
    error_subcode?: number
    error_data?: { messaging_product?: 'whatsapp'; details: string }
    fbtrace_id: string
  }
}

/** What a handler answers: HTTP status + JSON body. */
export type Reply = { status: number; body: unknown }

/** What `failNext` injects. `status` may be omitted: it is then derived from `code` (see `statusForCode`). */
export type InjectedError = { status?: number; code: number; message?: string; type?: string; subcode?: number; details?: string }

/** Codes whose HTTP status the public tables disagree on (400 vs 429): app, WABA and Cloud API throughput limits. */
export const RATE_LIMIT_CODES = new Set([4, 613, 80007, 130429])

const DEFAULT_MESSAGES: Record<number, string> = {
  0: 'AuthException',
  3: 'Capability or permissions issue.',
  4: 'Application request limit reached',
  10: 'Permission denied',
  100: 'Invalid parameter',
  190: 'Invalid OAuth access token - Cannot parse access token',
  200: 'Permission error',
  368: 'Temporarily blocked for policies violations',
  551: "This person isn't available right now.",
  613: 'Calls to this api have exceeded the rate limit.',
  80007: 'Rate limit issues',
  130429: 'Rate limit hit',
  131026: 'Message undeliverable',
  131047: 'Re-engagement message',
  131048: 'Spam rate limit hit',
  131049: 'This message was not delivered to maintain healthy ecosystem engagement.',
  131051: 'Unsupported message type',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  132000: 'Number of parameters does not match the expected number of params',
  132001: 'Template name does not exist in the translation',
  133010: 'Account not registered',
}

/** Graph-looking trace id, e.g. 'Az8or2yhqkZfEZ-_4Qn_Bam'. */
export function fbtraceId(): string {
  return 'A' + randomBytes(17).toString('base64url').slice(0, 22)
}

/** Default HTTP status for a Graph code: 401 for 0/190, 403 for permission/policy codes, `rateLimitStatus` for throughput limits, else 400. */
export function statusForCode(code: number, rateLimitStatus: 400 | 429 = 429): number {
  if (code === 0 || code === 190) return 401
  if (RATE_LIMIT_CODES.has(code)) return rateLimitStatus
  if (code === 3) return 500
  if (code === 10 || code === 368 || (code >= 200 && code <= 299)) return 403
  return 400
}

/** Builds a full envelope. Messages of non-auth codes get Graph's `(#code) ` prefix unless already there. */
export function graphError(status: number, code: number, message: string, extra: { type?: string; subcode?: number; details?: string } = {}): Reply {
  const error: GraphErrorBody['error'] = {
    message,
    type: extra.type ?? 'OAuthException',
    code,
    ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
    ...(extra.details !== undefined ? { error_data: { messaging_product: 'whatsapp' as const, details: extra.details } } : {}),
    fbtrace_id: fbtraceId(),
  }
  return { status, body: { error } satisfies GraphErrorBody }
}

/** The error a `failNext` rule answers with. */
export function injectedError(e: InjectedError, rateLimitStatus: 400 | 429): Reply {
  const base = e.message ?? DEFAULT_MESSAGES[e.code] ?? 'An unknown error occurred'
  const message = e.message !== undefined || e.code === 190 || base.startsWith('(#') ? base : `(#${e.code}) ${base}`
  return graphError(e.status ?? statusForCode(e.code, rateLimitStatus), e.code, message, {
    type: e.type,
    subcode: e.subcode,
    details: e.details,
  })
}

/** Missing header/param token, or one the fake does not know: HTTP 401, code 190. */
export function invalidToken(): Reply {
  return graphError(401, 190, DEFAULT_MESSAGES[190])
}

/** A token revoked with `revokeToken`: HTTP 401, code 190, subcode 463 (expired session). */
export function expiredToken(): Reply {
  const now = new Date()
  const before = new Date(now.getTime() - 3_600_000)
  return graphError(401, 190, `Error validating access token: Session has expired on ${before.toUTCString()}. The current time is ${now.toUTCString()}.`, { subcode: 463 })
}

/** Unknown object id, unknown edge, wrong method, or a token that does not own the object (Graph's code 100, subcode 33). */
export function unsupported(method: string, id: string): Reply {
  return graphError(400, 100, `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, {
    type: 'GraphMethodException',
    subcode: 33,
  })
}

/** WhatsApp-style parameter error: '(#100) Invalid parameter' with `error_data.details` naming the field. */
export function waInvalidParam(details: string): Reply {
  return graphError(400, 100, '(#100) Invalid parameter', { details })
}

/** Messenger / Graph-style parameter error: the detail goes in the message, no `error_data`. */
export function invalidParam(details: string, subcode?: number): Reply {
  return graphError(400, 100, `(#100) ${details}`, { subcode })
}
