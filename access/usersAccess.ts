import type { Access, Where } from 'payload'

import { tenantIdsWithRole } from '../src/tenancy/memberships'
import { isSuperAdmin } from './isSuperAdmin'
import { isTenantAdminAnywhere } from './isTenantAdminAnywhere'

const adminTenants = (user: Parameters<typeof tenantIdsWithRole>[0]) => tenantIdsWithRole(user, ['tenant-admin'])

/** Create users: the super-admin, or a tenant-admin (memberships are checked by a hook). */
export const canCreateUsers: Access = isTenantAdminAnywhere

/** Update users: the super-admin, yourself, or a tenant-admin for members of its tenants. */
export const canManageUsers: Access = ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  const tenants = adminTenants(req.user)
  const self = { id: { equals: req.user.id } }
  return tenants.length ? ({ or: [self, { 'tenants.tenant': { in: tenants } }] } as Where) : self
}

/** Delete users: the super-admin, or a tenant-admin for members of its tenants (hook-checked). */
export const canDeleteUsers: Access = ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  const tenants = adminTenants(req.user)
  return tenants.length ? ({ and: [{ 'tenants.tenant': { in: tenants } }, { id: { not_equals: req.user.id } }] } as Where) : false
}
