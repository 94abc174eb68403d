import type { Access } from 'payload'

import { tenantIdsWithRole } from '../src/tenancy/memberships'
import { currentTenant } from '../src/tenancy/request-context'
import { usableTenantIds } from '../src/tenancy/usable-tenants'
import { isSuperAdmin } from './isSuperAdmin'
import { rolesAllowed, type Operation, type TenantCollection } from './permissions'
import { storefrontRead } from './storefront'

/**
 * The one access function of every tenant-owned collection: the super-admin may do anything;
 * staff get a `Where` limited to the tenants in which their role allows `operation` (see
 * permissions.ts), and to the request's named tenant if there is one; anonymous callers may only read what the resolved storefront tenant exposes.
 */
export const tenantScoped =
  (collection: TenantCollection, operation: Operation): Access =>
  async (args) => {
    const { req } = args
    if (!req.user) return operation === 'read' ? storefrontRead(collection)(args) : false
    if (isSuperAdmin(req.user)) return true
    if (req.user.collection !== 'users') return false
    let tenants = tenantIdsWithRole(req.user, rolesAllowed(collection, operation))
    // A tenant named explicitly (API key, X-Tenant header, host) narrows staff of several
    // tenants to that one; the admin's selected tenant is applied by the plugin's list filter.
    const named = currentTenant(req)
    if (named && named.via !== 'user') tenants = tenants.filter((id) => id === named.tenantId)
    // Nothing of a suspended or cancelled tenant, even for staff who belong to another one too.
    tenants = await usableTenantIds(req, tenants)
    if (tenants.length === 0) return false
    return { tenant: { in: tenants } }
  }

/** `access` for a tenant-owned collection, every operation from the matrix. */
export const tenantCollectionAccess = (collection: TenantCollection) => ({
  create: tenantScoped(collection, 'create'),
  read: tenantScoped(collection, 'read'),
  update: tenantScoped(collection, 'update'),
  delete: tenantScoped(collection, 'delete'),
})
