import type { CollectionBeforeLoginHook } from 'payload'
import { APIError } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { memberships } from '../../../src/tenancy/memberships'
import { inactiveStaffLoginMessage, isTenantUsable } from '../../../src/tenancy/tenant-status'

/**
 * Staff whose every tenant is suspended or cancelled cannot log in, and are told why (403).
 * Runs after the password was checked, so the tenant's state is only told to its own staff.
 * Staff who still have one usable tenant log in normally; the super-admin always can, and so
 * can a user without memberships (they see nothing until given one).
 */
export const blockInactiveTenantLogin: CollectionBeforeLoginHook = async ({ req, user }) => {
  if (isSuperAdmin(user)) return user
  const ids = [...new Set(memberships(user).map((m) => m.tenant))]
  if (ids.length === 0) return user
  const { docs } = await req.payload.find({
    collection: 'tenants',
    where: { id: { in: ids } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  if (docs.some(isTenantUsable)) return user
  throw new APIError(inactiveStaffLoginMessage(docs.length ? docs : [{ status: 'suspended' }]), 403, undefined, true)
}
