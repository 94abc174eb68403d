import type { CollectionBeforeLoginHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import type { User } from '../../../payload-types'
import { memberships } from '../../../src/tenancy/memberships'
import { inactiveStaffLoginMessage, isTenantUsable } from '../../../src/tenancy/tenant-status'
import { AppError } from '../../../src/errors/app-error'

/**
 * Staff whose every tenant is suspended or cancelled cannot sign in, and are told why (403).
 * The super-admin always can, and so can a user without memberships (they see nothing until
 * they accept an invitation).
 */
async function assertMayStaySignedIn(req: PayloadRequest, user: Partial<User> | null | undefined): Promise<void> {
  if (!user || isSuperAdmin(user)) return
  const ids = [...new Set(memberships(user).map((m) => m.tenant))]
  if (ids.length === 0) return
  const { docs } = await req.payload.find({ collection: 'tenants', where: { id: { in: ids } }, depth: 0, pagination: false, overrideAccess: true, req })
  if (docs.some(isTenantUsable)) return
  throw new AppError('tenant_inactive', inactiveStaffLoginMessage(docs.length ? docs : [{ status: 'suspended' }]))
}

/**
 * beforeLogin: runs after the password was checked, so the tenant's state is only told to its
 * own staff; a wrong password still gets the usual 401.
 */
export const blockInactiveTenantLogin: CollectionBeforeLoginHook = async ({ req, user }) => {
  await assertMayStaySignedIn(req, user)
  return user
}

/** beforeOperation: a session of staff whose every shop is suspended cannot be refreshed either. */
export const blockInactiveTenantRefresh: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation === 'refresh') await assertMayStaySignedIn(req, req.user)
  return args
}
