import type { AuthStrategy, AuthStrategyFunctionArgs, AuthStrategyResult, Payload } from 'payload'

import { effectiveStatus, GRANTS, idOf, type Grant } from './grants'
import type { ResolvedImpersonationOptions } from './options'
import { clearedCookie, IMPERSONATION_COOKIE, markImpersonated, parseToken, readCookie, type ImpersonationSession } from './session'

type Membership = { tenant?: unknown; role?: unknown }

/** The host's own strategies, in order, as Payload would run them (the first user wins). */
async function authenticateWith(strategies: AuthStrategy[], args: AuthStrategyFunctionArgs): Promise<AuthStrategyResult> {
  let result: AuthStrategyResult = { user: null }
  for (const strategy of strategies) {
    result = await strategy.authenticate({ ...args, strategyName: strategy.name })
    // Reading `user` may throw on purpose (the host's way of failing a request): let Payload read it.
    try {
      if (result.user) return result
    } catch {
      return result
    }
  }
  return result
}

const withHeader = (result: AuthStrategyResult, cookie: string): AuthStrategyResult => {
  const headers = new Headers(result.responseHeaders)
  headers.append('Set-Cookie', cookie)
  return Object.assign(result, { responseHeaders: headers })
}

/** Mark a grant that ran out; the next request (and the audit log) sees it expired. */
async function expire(payload: Payload, options: ResolvedImpersonationOptions, grant: Grant, headers: Headers, who: Parameters<ResolvedImpersonationOptions['auditRequest']>[3]) {
  if (grant.status !== 'active') return
  await options.tenancy.runAsSystem('impersonation: expiry', () =>
    payload.update({ collection: GRANTS as 'users', id: grant.id, data: { status: 'expired', endedAt: new Date().toISOString() } as never, overrideAccess: true, depth: 0 }),
  )
  await options.auditRequest(
    payload,
    headers,
    { tenant: grant.tenant, action: 'impersonation', summary: `impersonation expired: ${who.target.email ?? who.target.id}`, collection: GRANTS, documentId: grant.id },
    who,
  )
}

/**
 * The session a cookie names, checked on every request: the grant must be active, unexpired,
 * started by this very super-admin, and the target must still belong to the grant's shop. Else
 * null (the super-admin's own session goes on). The target user is loaded as the person
 * (their own rows), with only the membership of the grant's shop: their other shops stay hidden.
 */
async function openSession(payload: Payload, options: ResolvedImpersonationOptions, real: { id: unknown; email?: unknown }, cookie: string, headers: Headers) {
  const token = parseToken(cookie)
  if (!token) return null
  const grant = (await options.tenancy.runAsSystem('impersonation: session lookup', () =>
    payload.findByID({ collection: GRANTS as 'users', id: token.grantId, depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true }),
  )) as Grant | null
  if (!grant || !token.matches(grant.tokenHash) || idOf(grant.requester) !== String(real.id)) return null
  const impersonator = { id: String(real.id), email: typeof real.email === 'string' ? real.email : undefined }
  const target = (await options.tenancy.runAsAccountLookup(idOf(grant.targetUser), () =>
    payload.findByID({ collection: options.usersSlug as 'users', id: idOf(grant.targetUser), depth: 0, overrideAccess: true, disableErrors: true }),
  )) as (Record<string, unknown> & { id: string; email?: string; tenants?: Membership[] }) | null
  const who = { impersonator, target: { id: idOf(grant.targetUser), email: target?.email } }
  if (effectiveStatus(grant) !== 'active') {
    await expire(payload, options, grant, headers, who)
    return null
  }
  const membership = (target?.tenants ?? []).filter((m) => idOf(m.tenant) === idOf(grant.tenant))
  if (!target || membership.length === 0 || options.access.isSuperAdmin(target as never)) return null
  const session: ImpersonationSession = {
    grantId: grant.id,
    tenantId: idOf(grant.tenant),
    impersonatorId: impersonator.id,
    impersonatorEmail: impersonator.email,
    targetId: target.id,
    targetEmail: target.email,
    readOnly: grant.readOnly !== false,
    breakGlass: Boolean(grant.breakGlass),
    expiresAt: grant.expiresAt,
  }
  await options.auditRequest(
    payload,
    headers,
    { tenant: session.tenantId, action: 'impersonation', summary: `request as ${target.email ?? target.id}, impersonated by ${impersonator.email ?? impersonator.id}` },
    who,
  )
  return markImpersonated({ ...target, tenants: membership, collection: options.usersSlug, _strategy: 'impersonation' }, session)
}

/**
 * An auth strategy in front of the host's own: with no impersonation cookie it steps aside; with
 * one, it signs the caller in with the host's strategies and, if that is the super-admin whose
 * active grant the cookie names, answers the grant's target user instead (marked, session.ts).
 * An ended, expired or foreign cookie is removed and the caller stays who they are.
 */
export function impersonationStrategy(options: ResolvedImpersonationOptions, own: AuthStrategy[]): AuthStrategy {
  return {
    name: 'impersonation',
    authenticate: async (args) => {
      const cookie = readCookie(args.headers, IMPERSONATION_COOKIE)
      if (!cookie) return { user: null }
      const result = await authenticateWith(own, args)
      let real: AuthStrategyResult['user']
      try {
        real = result.user
      } catch {
        return result
      }
      if (!real || !options.access.isSuperAdmin(real)) return args.canSetHeaders ? withHeader(result, clearedCookie()) : result
      const user = await openSession(args.payload, options, real, cookie, args.headers)
      if (!user) return args.canSetHeaders ? withHeader(result, clearedCookie()) : result
      // The impersonator's own user, for the one operation that must stay theirs (refresh, guard.ts).
      Object.defineProperty(user, 'impersonator', { value: real, enumerable: false })
      return { user: user as unknown as AuthStrategyResult['user'], responseHeaders: result.responseHeaders }
    },
  }
}
