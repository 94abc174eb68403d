import type { PayloadRequest } from 'payload'

import { recordBypass, type BypassRecord } from '../db/rls/bypass'
import { bypassContext, NO_TENANT, tenantsContext, type DbContext } from '../db/rls/context'
import { requestMeta } from '../audit/request-meta'
import { explicitDbContext, fillRequestScopeDb } from './request-context'
import { scopeNow } from './scope'

const RECORDED = 'rlsBypassRecorded'

/** A super-admin's request is recorded once, however many queries it makes. */
function recordOncePerRequest(req: Partial<PayloadRequest>, record: BypassRecord): void {
  const context = req.context
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
  const context = req.context
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
  const context = req.context
  if (!context || context[REQUEST_DB_CONTEXT]) return
  context[REQUEST_DB_CONTEXT] = bypassContext(`system: ${reason}`)
  fillRequestScopeDb(context[REQUEST_DB_CONTEXT] as DbContext)
  recordBypass({ reason, kind: 'system', method: req.method, path: pathOf(req), ...requestMeta(req) })
}

/**
 * The tenant context of a database call, in this order:
 * 1. what the code chose explicitly around it: runWithTenant (that tenant), runAsSystem (bypass),
 *    runAsAccountLookup (one person's own rows), or what the request's operation chose
 *    (useDbContextForRequest: sign-in);
 * 2. the request's scope (scope.ts): the platform (super-admin) bypasses, recorded once per
 *    request; staff get the tenants of their scope (member tenants, narrowed to the one named by
 *    API key, header or host) and their own account rows; storefronts and API keys their tenant;
 * 3. otherwise no tenant at all — no rows (fail closed).
 */
export function dbContextFor(req?: Partial<PayloadRequest>): DbContext {
  const explicit = explicitDbContext() ?? (req?.context?.[REQUEST_DB_CONTEXT] as DbContext | undefined)
  if (explicit) return explicit
  const scope = scopeNow(req)
  if (scope.kind === 'none') return NO_TENANT
  if (scope.kind === 'platform') {
    const context = bypassContext(scope.reason)
    recordOncePerRequest(req!, { reason: scope.reason, kind: 'super-admin', userId: scope.userId, email: scope.email, method: req!.method, path: pathOf(req!), ...requestMeta(req) })
    return context
  }
  const managed = (req!.context?.[MANAGED_USERS] as string[] | undefined) ?? []
  return scope.userId ? tenantsContext(scope.tenantIds, scope.userId, managed) : tenantsContext(scope.tenantIds)
}

const pathOf = (req: Partial<PayloadRequest>) => {
  try {
    return req.url ? new URL(req.url).pathname : undefined
  } catch {
    return undefined
  }
}
