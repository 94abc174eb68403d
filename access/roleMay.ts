import type { User } from '../payload-types'
import { roleIn } from '../src/tenancy/memberships'
import { isSuperAdmin } from './isSuperAdmin'
import { rolesAllowed, type Operation, type TenantCollection } from './permissions'

/**
 * Whether `user` may do `operation` on `collection` in one tenant, by the permission matrix: the
 * super-admin everywhere, staff by their role in that tenant. For action endpoints that act on
 * one tenant's documents outside Payload's own access checks.
 */
export function roleMay(user: unknown, tenantId: unknown, collection: TenantCollection, operation: Operation): boolean {
  if (isSuperAdmin(user as User)) return true
  const role = roleIn(user as User, tenantId)
  return role !== null && rolesAllowed(collection, operation).includes(role)
}
