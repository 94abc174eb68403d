import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'
import { APIError } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { memberships, tenantIdsWithRole } from '../../../src/tenancy/memberships'

const key = (m: { tenant: string; role: string }) => `${m.tenant}:${m.role}`

/**
 * A tenant-admin may add, change or remove memberships of its own tenants only; rows of other
 * tenants stay exactly as they were. (Granting super-admin is blocked by the field's access.)
 */
export const guardMemberships: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const actor = req.user
  if (!actor || isSuperAdmin(actor) || data.tenants === undefined) return data
  const mine = new Set(tenantIdsWithRole(actor, ['tenant-admin']))
  const before = memberships(originalDoc)
  const after = memberships(data)
  const foreignBefore = before.filter((m) => !mine.has(m.tenant)).map(key).sort()
  const foreignAfter = after.filter((m) => !mine.has(m.tenant)).map(key).sort()
  if (JSON.stringify(foreignBefore) !== JSON.stringify(foreignAfter)) {
    throw new APIError('You can only grant or change roles in tenants you administer.', 403, undefined, true)
  }
  if (originalDoc && String(originalDoc.id) === String(actor.id)) {
    const lost = before.filter((m) => m.role === 'tenant-admin' && !after.some((a) => key(a) === key(m)))
    if (lost.length) throw new APIError('You cannot remove your own tenant-admin role; ask another admin.', 403, undefined, true)
  }
  return data
}

/** Deleting a user who also belongs to other tenants is the super-admin's decision. */
export const guardUserDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const actor = req.user
  if (!actor || isSuperAdmin(actor)) return
  const target = await req.payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, req })
  const mine = new Set(tenantIdsWithRole(actor, ['tenant-admin']))
  if (memberships(target).some((m) => !mine.has(m.tenant))) {
    throw new APIError('This user also belongs to another tenant: remove their role in your tenant instead.', 403, undefined, true)
  }
}
