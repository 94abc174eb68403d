import type { Access } from 'payload'

import { scopeOf, tenantsWhere } from '../src/tenancy/scope'
import { rolesAllowed, type Operation, type TenantCollection } from './permissions'
import { storefrontRead } from './storefront'

/**
 * The one access function of every tenant-owned collection, derived from the request's scope
 * (src/tenancy/scope.ts): the platform (super-admin) may do anything; staff get a `Where`
 * limited to the usable tenants of their scope in which their role allows `operation` (see
 * permissions.ts); storefronts and API keys may only read what their tenant exposes.
 */
export const tenantScoped =
  (collection: TenantCollection, operation: Operation): Access =>
  async (args) => {
    const scope = await scopeOf(args.req)
    if (scope.kind === 'platform') return true
    if (scope.kind === 'none') return false
    if (!scope.userId) return operation === 'read' ? storefrontRead(collection)(args) : false
    const tenants = await tenantsWhere(args.req, rolesAllowed(collection, operation))
    return tenants === 'all' ? true : tenants.length > 0 ? { tenant: { in: tenants } } : false
  }

/** `access` for a tenant-owned collection, every operation from the matrix. */
export const tenantCollectionAccess = (collection: TenantCollection) => ({
  create: tenantScoped(collection, 'create'),
  read: tenantScoped(collection, 'read'),
  update: tenantScoped(collection, 'update'),
  delete: tenantScoped(collection, 'delete'),
})
