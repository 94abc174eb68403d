import type { Access } from 'payload'

import { tenantIdsWithRole } from '../src/tenancy/memberships'
import { isSuperAdmin } from './isSuperAdmin'

/** Tenants collection: the super-admin, or a tenant-admin acting on its own tenant. */
export const tenantAdminOfThisTenant: Access = ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  const ids = tenantIdsWithRole(req.user, ['tenant-admin'])
  return ids.length > 0 ? { id: { in: ids } } : false
}
