import type { CollectionAfterErrorHook, CollectionAfterLoginHook, PayloadRequest } from 'payload'

import { recordAudit } from '../../../src/audit/record'
import { RateLimitedError } from '../../../src/errors/rate-limited'
import { memberships } from '../../../src/tenancy/memberships'
import { runAsSystem } from '../../../src/tenancy/request-context'

type Member = { id: unknown; email?: string; tenants?: unknown }

/** One entry per tenant the user belongs to (their tenant-admins see it), else a platform entry. */
const tenantsOf = (user: Member | null | undefined) => {
  const ids = [...new Set(memberships(user as never).map((m) => m.tenant))]
  return ids.length > 0 ? ids : [null]
}

/** afterLogin: a successful sign-in. */
export const auditLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  const actor = { type: 'user' as const, userId: String(user.id), label: user.email }
  await recordAudit(
    req,
    tenantsOf(user).map((tenant) => ({ tenant, action: 'login' as const, summary: `login ${user.email}`, actor })),
  )
}

const isLoginRequest = (req: PayloadRequest) => {
  try {
    return req.method === 'POST' && new URL(req.url ?? '', 'http://x').pathname.endsWith('/users/login')
  } catch {
    return false
  }
}

/**
 * afterError of users: a refused sign-in over REST (wrong password, locked account, suspended
 * shop) is logged with the email that was tried; for a known email, in each of that user's
 * tenants. Never fails the response it is recording. A throttled attempt is not one: it was
 * never tried, and the rate limit records its refusal once per window itself (src/ratelimit).
 */
export const auditFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  if (!isLoginRequest(req) || error instanceof RateLimitedError) return
  const email = typeof req.data?.email === 'string' ? req.data.email.trim().toLowerCase().slice(0, 254) : ''
  try {
    const { docs } = email
      ? await runAsSystem('audit: failed sign-in', () =>
          req.payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0, limit: 1, overrideAccess: true, select: { email: true, tenants: true } }),
        )
      : { docs: [] }
    const user = docs[0] as Member | undefined
    const reason = error.message?.slice(0, 200) ?? 'refused'
    const actor = { type: 'anonymous' as const, userId: user ? String(user.id) : null, label: email || null }
    await recordAudit(
      req,
      tenantsOf(user).map((tenant) => ({ tenant, action: 'login-failed' as const, summary: `login failed ${email}: ${reason}`, actor })),
    )
  } catch (err) {
    req.payload.logger.error({ err }, 'could not record a failed sign-in in the audit log')
  }
}
