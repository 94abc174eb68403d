import type { PayloadRequest } from 'payload'

import { tenantsWhere } from '../src/tenancy/scope'
import { rolesAllowed, type Operation, type TenantCollection } from './permissions'

/**
 * Whether the request may do `operation` on `collection` in one tenant, by the permission
 * matrix, from the request's scope (src/tenancy/scope.ts): the super-admin everywhere; staff
 * where their role allows it, in a usable tenant of their scope (a tenant named by header or
 * host narrows it). For action endpoints that act on one tenant's documents outside Payload's
 * own access checks.
 */
export async function roleMay(req: PayloadRequest, tenantId: unknown, collection: TenantCollection, operation: Operation): Promise<boolean> {
  if (typeof tenantId !== 'string' || !tenantId) return false
  const tenants = await tenantsWhere(req, rolesAllowed(collection, operation))
  return tenants === 'all' || tenants.includes(tenantId)
}
