import type { Access } from 'payload'

import { tenantIdsWithRole } from '../src/tenancy/memberships'
import { TENANT_ROLES, type TenantRole } from '../src/tenancy/roles'
import { usableTenantIds } from '../src/tenancy/usable-tenants'
import { isSuperAdmin } from './isSuperAdmin'

/**
 * Read access to platform-written, tenant-owned records (usage ledger, alerts, snapshots): the
 * super-admin reads all; staff holding one of `roles` read their usable tenants' rows.
 */
export const readOwnTenants =
  (roles: readonly TenantRole[] = TENANT_ROLES): Access =>
  async ({ req }) => {
    if (!req.user) return false
    if (isSuperAdmin(req.user)) return true
    if (req.user.collection !== 'users') return false
    const tenants = await usableTenantIds(req, tenantIdsWithRole(req.user, roles))
    return tenants.length > 0 ? { tenant: { in: tenants } } : false
  }

/** Nobody writes through the API; the platform writes with the Local API or SQL. */
export const nobody: Access = () => false
