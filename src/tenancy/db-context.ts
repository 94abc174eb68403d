import type { PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { recordBypass, type BypassRecord } from '../db/rls/bypass'
import { bypassContext, NO_TENANT, tenantsContext, type DbContext } from '../db/rls/context'
import { requestMeta } from '../audit/request-meta'
import { memberships } from './memberships'
import { currentTenant, explicitDbContext, fillRequestScopeDb } from './request-context'

const RECORDED = 'rlsBypassRecorded'

/** A super-admin's request is recorded once, however many queries it makes. */
function recordOncePerRequest(req: Partial<PayloadRequest>, record: BypassRecord): void {
  const context = req.context as Record<string, unknown> | undefined
  if (context?.[RECORDED]) return
  if (context) context[RECORDED] = true
  recordBypass(record)
}

const MANAGED_USERS = 'managedUserIds'

/**
 * Keep the account `userId` reachable for the rest of `req` (its user row, roles and sessions,
 * not its memberships elsewhere): for a tenant-admin's change to a member, which access and the
 * users hooks have allowed, and which may remove the very membership that made it visible.
 */
export function manageAccountInRequest(req: Partial<PayloadRequest>, userId: string): void {
  const context = req.context as Record<string, unknown> | undefined
  if (!context) return
  const list = ((context[MANAGED_USERS] as string[] | undefined) ??= [])
  if (!list.includes(userId)) list.push(userId)
}

/** Where a request's operation put its own database context (see `useDbContextForRequest`). */
const REQUEST_DB_CONTEXT = 'dbContext'

/**
 * Make every later database call of `req` run in `context`: for operations that must reach rows
 * before anyone is signed in — sign-in, forgot/reset password, unlock (collections/Users/hooks).
 * Set in a beforeOperation hook, i.e. before the operation opens its transaction.
 */
export function useDbContextForRequest(req: Partial<PayloadRequest>, reason: string): void {
  const context = req.context as Record<string, unknown> | undefined
  if (!context || context[REQUEST_DB_CONTEXT]) return
  context[REQUEST_DB_CONTEXT] = bypassContext(`system: ${reason}`)
  fillRequestScopeDb(context[REQUEST_DB_CONTEXT] as DbContext)
  recordBypass({ reason, kind: 'system', method: req.method, path: pathOf(req), ...requestMeta(req as never) })
}

/**
 * The tenant context of a database call, in this order:
 * 1. what the code chose explicitly around it: runWithTenant (that tenant), runAsSystem (bypass),
 *    runAsAccountLookup (one person's own rows), or what the request's operation chose
 *    (useDbContextForRequest: sign-in);
 * 2. a signed-in user: the super-admin bypasses (recorded); staff get their member tenants,
 *    narrowed to the tenant named by API key, header or host when it is one of them, and their
 *    own account rows;
 * 3. the request's resolved tenant (anonymous storefronts, API keys);
 * 4. otherwise no tenant at all — no rows (fail closed).
 */
export function dbContextFor(req?: Partial<PayloadRequest>): DbContext {
  const explicit = explicitDbContext() ?? ((req?.context as Record<string, unknown> | undefined)?.[REQUEST_DB_CONTEXT] as DbContext | undefined)
  if (explicit) return explicit
  const user = req?.user
  if (user) {
    if (user.collection !== 'users') return NO_TENANT
    if (isSuperAdmin(user)) {
      const context = bypassContext(`super-admin ${user.email}`)
      recordOncePerRequest(req, { reason: context.bypass!, kind: 'super-admin', userId: String(user.id), email: user.email, method: req.method, path: pathOf(req), ...requestMeta(req as never) })
      return context
    }
    const mine = memberships(user).map((m) => m.tenant)
    const managed = ((req.context as Record<string, unknown> | undefined)?.[MANAGED_USERS] as string[] | undefined) ?? []
    const named = currentTenant(req)
    if (named && named.via !== 'user' && mine.includes(named.tenantId)) return tenantsContext([named.tenantId], String(user.id), managed)
    return tenantsContext(mine, String(user.id), managed)
  }
  const tenant = currentTenant(req)
  return tenant ? tenantsContext([tenant.tenantId]) : NO_TENANT
}

const pathOf = (req: Partial<PayloadRequest>) => {
  try {
    return req.url ? new URL(req.url).pathname : undefined
  } catch {
    return undefined
  }
}
