import { AppError } from './app-error'

/** Too many requests of one kind from one client (IP, email, API key or tenant): HTTP 429. */
export class RateLimitedError extends AppError {
  constructor({ policy, limit, retryAfter, what }: { policy: string; limit: number; retryAfter: number; what: string }) {
    // `retryAfter` (seconds), `limit` and `policy` sit beside error/message/errors in the body;
    // the Retry-After and RateLimit headers were put on `req.responseHeaders` when it refused.
    super('rate_limited', `Too many ${what}. Wait ${retryAfter} second${retryAfter === 1 ? '' : 's'} and try again.`, { details: { retryAfter, limit, policy } })
    this.name = 'RateLimitedError'
  }
}
