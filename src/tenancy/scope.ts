import type { PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { memberships } from './memberships'
import { tenantOfRequest } from './request-tenant'
import { currentTenant, type TenantContext } from './request-context'
import type { TenantRole } from './roles'
import { usableTenantIds } from './usable-tenants'

/**
 * The one answer to "which tenants may this caller touch?" (README, "The scope of a request").
 * Everything else derives from it: the access `Where`s (access/tenantScoped.ts,
 * access/readOwnTenants.ts, access/usersAccess.ts), the database context (db-context.ts), the
 * create guard (hooks/tenantGuard.ts), the plan's feature gates (plugins/quotas, through its
 * options) and the endpoints that act on one tenant (endpoint-tenant.ts).
 *
 * - `platform`: the super-admin — every tenant; its database work bypasses row-level security
 *   (recorded).
 * - `tenants`: staff (`userId`, a role per member tenant) or a storefront / API key (no user, the
 *   one resolved tenant). `named` is the tenant the request named by API key, header or host,
 *   or the admin's selected tenant (`via: 'user'`). `tenantIds` is what the request may reach:
 *   a storefront its tenant; staff their member tenants, narrowed to the named one when it was
 *   named by key, header or host (never widened: naming a foreign tenant is refused at
 *   resolution, 403, and would leave nothing here).
 * - `none`: nobody the platform knows — anonymous without a tenant, or a user of another auth
 *   collection. Reaches nothing.
 */
export type Scope = PlatformScope | TenantsScope | NoScope

/** `named`: the tenant the super-admin's request named or selected, if any (it still reaches all). */
export type PlatformScope = Readonly<{ kind: 'platform'; reason: string; userId: string; email?: string; named?: TenantContext }>

export type TenantsScope = Readonly<{
  kind: 'tenants'
  /** The signed-in staff member; absent for storefronts and API keys. */
  userId?: string
  /** Staff: the role in each member tenant (the JWT's memberships). Empty for storefronts. */
  roles: ReadonlyMap<string, TenantRole>
  named?: TenantContext
  tenantIds: readonly string[]
}>

export type NoScope = Readonly<{ kind: 'none' }>

const NONE: NoScope = Object.freeze({ kind: 'none' })

/** The scope from what is known without a query: the user, its memberships, the resolved tenant. */
function computeScope(req: Partial<PayloadRequest>): Scope {
  const user = req.user
  const named = currentTenant(req)
  if (user) {
    if (user.collection !== 'users') return NONE
    if (isSuperAdmin(user)) return Object.freeze({ kind: 'platform', reason: `super-admin ${user.email}`, userId: String(user.id), email: user.email, named })
    const roles = new Map(memberships(user).map((m) => [m.tenant, m.role]))
    // A named tenant narrows, never widens: one the user is not a member of leaves nothing.
    const tenantIds = named && named.via !== 'user' ? (roles.has(named.tenantId) ? [named.tenantId] : []) : [...roles.keys()]
    return Object.freeze({ kind: 'tenants', userId: String(user.id), roles, named, tenantIds })
  }
  if (named) return Object.freeze({ kind: 'tenants', roles: new Map(), named, tenantIds: [named.tenantId] })
  return NONE
}

const MEMO = 'tenancyScope'
type Memo = { user: unknown; named: unknown; scope: Scope }

/**
 * The request's scope as it stands: synchronous, for the database layer, which is asked before
 * and during tenant resolution. Memoised in `req.context` (shared by GraphQL's per-resolver
 * `req`s and nested Local API calls) and recomputed only when the user or the resolved tenant
 * changes (sign-in, resolution finishing).
 */
export function scopeNow(req?: Partial<PayloadRequest>): Scope {
  if (!req) return NONE
  const context = req.context
  const named = currentTenant(req)
  const memo = context?.[MEMO] as Memo | undefined
  if (memo && memo.user === req.user && memo.named === named) return memo.scope
  const scope = computeScope(req)
  if (context) context[MEMO] = { user: req.user, named, scope } satisfies Memo
  return scope
}

/**
 * The request's scope once its tenant is resolved (API key → header → host → selected tenant;
 * memoised, src/tenancy/request-tenant.ts): what access, hooks and endpoints read.
 */
export async function scopeOf(req: PayloadRequest): Promise<Scope> {
  await tenantOfRequest(req)
  return scopeNow(req)
}

/**
 * Of the scope's tenants, those where the caller holds one of `roles` (staff), narrowed to the
 * named tenant, and usable (not suspended, cancelled or deleted — a cached lookup,
 * usable-tenants.ts). Storefronts: their tenant when `roles` is undefined. Platform: `'all'`.
 */
export async function tenantsWhere(req: PayloadRequest, roles?: readonly TenantRole[]): Promise<'all' | string[]> {
  const scope = await scopeOf(req)
  if (scope.kind === 'platform') return 'all'
  if (scope.kind === 'none') return []
  const ids = scope.userId ? scope.tenantIds.filter((id) => !roles || roles.includes(scope.roles.get(id)!)) : roles ? [] : scope.tenantIds
  return ids.length ? usableTenantIds(req, [...ids]) : []
}

/** The caller's role in `tenantId` (staff), or null. */
export const roleInScope = (scope: Scope, tenantId: null | string | undefined): null | TenantRole => (scope.kind === 'tenants' && tenantId ? (scope.roles.get(tenantId) ?? null) : null)
