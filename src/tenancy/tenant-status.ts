import type { Tenant } from '../../payload-types'

type TenantLike = Pick<Tenant, 'status'> & Partial<Pick<Tenant, 'name' | 'displayName' | 'slug' | 'deletedAt' | 'suspendedReason'>>

/** Statuses whose storefront, API keys and staff logins are switched off. */
export const INACTIVE_TENANT_STATUSES: ReadonlySet<Tenant['status']> = new Set(['suspended', 'cancelled'])

/** True for trial and active tenants that are not soft-deleted. */
export const isTenantUsable = (tenant: TenantLike): boolean => !tenant.deletedAt && !INACTIVE_TENANT_STATUSES.has(tenant.status)

const nameOf = (tenant: TenantLike) => tenant.displayName || tenant.name || tenant.slug

/**
 * `Shop "Old Bazaar" is suspended.` / `... has been cancelled.`; with `withReason`, the
 * suspension's reason too — for the tenant's own staff only, never for storefront callers.
 */
export function inactiveTenantMessage(tenant: TenantLike, { withReason = false } = {}): string {
  const state = tenant.deletedAt ? 'has been deleted' : tenant.status === 'cancelled' ? 'has been cancelled' : 'is suspended'
  const name = nameOf(tenant)
  const why = withReason && !tenant.deletedAt && tenant.status === 'suspended' && tenant.suspendedReason ? `: ${tenant.suspendedReason}` : ''
  return `${name ? `Shop "${name}"` : 'Your shop'} ${state}${why}.`
}

/** Said to staff whose every tenant is switched off, when they try to log in. */
export function inactiveStaffLoginMessage(tenants: TenantLike[]): string {
  const list = tenants.map((tenant) => inactiveTenantMessage(tenant, { withReason: true })).join(' ')
  const [its, it] = tenants.length > 1 ? ['Their', 'them'] : ['Its', 'it']
  return `${list} ${its} staff cannot log in until the platform reactivates ${it}; contact the platform's support.`
}
