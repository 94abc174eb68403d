import type { Access } from 'payload'

import { scopeOf, tenantsWhere } from '../src/tenancy/scope'
import { TENANT_ROLES, type TenantRole } from '../src/tenancy/roles'

/**
 * Read access to platform-written, tenant-owned records (usage ledger, alerts, snapshots),
 * derived from the request's scope like every tenant-owned collection's (src/tenancy/scope.ts):
 * the super-admin reads all; staff holding one of `roles` read their usable tenants' rows,
 * narrowed to the tenant named by header or host; storefronts read none.
 */
export const readOwnTenants =
  (roles: readonly TenantRole[] = TENANT_ROLES): Access =>
  async ({ req }) => {
    const scope = await scopeOf(req)
    if (scope.kind === 'platform') return true
    if (scope.kind === 'none' || !scope.userId) return false
    const tenants = await tenantsWhere(req, roles)
    return tenants === 'all' ? true : tenants.length > 0 ? { tenant: { in: tenants } } : false
  }

/** Nobody writes through the API; the platform writes with the Local API or SQL. */
export const nobody: Access = () => false
