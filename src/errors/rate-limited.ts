import { APIError, type AfterErrorHook } from 'payload'

/** What a refusal carries (`error.data`; GraphQL's `extensions.data`). */
export type RateLimitedData = { error: 'rate_limited'; retryAfter: number; limit: number; policy: string }

/**
 * The REST body of a refusal. It already has the shape every error of the app will share
 * (`{ error: <code>, message, errors: [{ path, message }] }`): a throttled request has no field
 * errors, so `errors` is empty; `retryAfter` (seconds) and `limit` are this error's own.
 */
export type RateLimitedBody = { error: 'rate_limited'; message: string; retryAfter: number; limit: number; errors: [] }

/** Too many requests of one kind from one client (IP, email, API key or tenant): HTTP 429. */
export class RateLimitedError extends APIError<RateLimitedData> {
  constructor({ policy, limit, retryAfter, what }: { policy: string; limit: number; retryAfter: number; what: string }) {
    super(`Too many ${what}. Wait ${retryAfter} second${retryAfter === 1 ? '' : 's'} and try again.`, 429, { error: 'rate_limited', retryAfter, limit, policy }, true)
    // Spelled out: a production build minifies class names, and the name is logged.
    this.name = 'RateLimitedError'
  }
}

/** The refusal behind an error: itself over REST, its `originalError` in GraphQL. */
const refusalOf = (error: unknown): null | RateLimitedError => {
  if (error instanceof RateLimitedError) return error
  const original = (error as { originalError?: unknown } | null)?.originalError
  return original instanceof RateLimitedError ? original : null
}

/**
 * Config `afterError`: REST answers a refusal with RateLimitedBody (Payload's own body would be
 * `{ errors: [{ message }] }`); its headers (Retry-After, RateLimit-Policy, RateLimit) were put
 * on `req.responseHeaders` when the limit refused, and Payload adds those to error responses.
 * GraphQL keeps its `errors[]` entry and gets the code in `extensions.code`.
 */
export const rateLimitedResponse: AfterErrorHook = ({ error, graphqlResult, result }) => {
  const refused = refusalOf(error)
  if (!refused) return
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, extensions: { ...graphqlResult.extensions, code: 'rate_limited' } } }
  if (!result) return
  const { retryAfter, limit } = refused.data
  const body: RateLimitedBody = { error: 'rate_limited', message: refused.message, retryAfter, limit, errors: [] }
  return { response: body as never, status: 429 }
}
