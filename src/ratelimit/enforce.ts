import type { PayloadRequest } from 'payload'
import { RateLimiterRes } from 'rate-limiter-flexible'

import { RateLimitedError } from '../errors/rate-limited'
import { auditRefusal } from './audit-refusal'
import { countRefusal } from './count-refusal'
import { policyOf, rateLimitsEnabled, type PolicyName } from './policies'
import { limiterFor } from './store'

export type Enforce = {
  /** The counted key (an IP, a hashed email, a tenant or API key id). */
  key: string
  /** Points from the tenant's plan or the key (else the configured ones). */
  points?: null | number
  /** Whose audit log records the refusal (null: the platform's). */
  tenant?: null | string
  /** For the audit entry: what was counted, readable (`203.0.113.7`, `rahim@example.com`). */
  label?: string
}

/** `RateLimit-Policy` / `RateLimit` (IETF httpapi-ratelimit-headers): one list item per policy. */
function addHeaders(req: PayloadRequest, name: string, points: number, seconds: number, remaining: number, reset: number, retryAfter?: number) {
  const headers = (req.responseHeaders ??= new Headers())
  headers.append('RateLimit-Policy', `"${name}";q=${points};w=${seconds}`)
  headers.append('RateLimit', `"${name}";r=${remaining};t=${reset}`)
  if (retryAfter !== undefined) headers.set('Retry-After', String(retryAfter))
}

/**
 * Count one request against policy `name` for `key`. Within the limit it adds the policy's
 * RateLimit headers to the response; over it, it adds them with `Retry-After` and throws
 * RateLimitedError (429). The first refusal of a key in a window — and only that one, across
 * every app instance, since the store's upsert numbers the requests — writes an audit entry.
 * A store that fails falls back to a per-process in-memory limiter (rate-limiter-flexible's
 * insurance), so a database or Redis outage neither opens nor closes the door.
 */
export async function enforce(req: PayloadRequest, name: PolicyName, { key, points: planPoints, tenant = null, label }: Enforce): Promise<void> {
  if (!rateLimitsEnabled()) return
  const policy = policyOf(name, planPoints)
  const limiter = await limiterFor(policy)
  try {
    const res = await limiter.consume(key)
    addHeaders(req, name, policy.points, policy.seconds, res.remainingPoints, Math.ceil(res.msBeforeNext / 1000))
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal
    const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
    addHeaders(req, name, policy.points, policy.seconds, 0, retryAfter, retryAfter)
    countRefusal(name, tenant)
    // consumedPoints is points + 1 exactly once per key and window (refusals from memory have 0).
    if (refusal.consumedPoints === policy.points + 1) await auditRefusal(req, { policy, tenant, label: label ?? key, retryAfter })
    throw new RateLimitedError({ policy: name, limit: policy.points, retryAfter, what: policy.what })
  }
}
