import { type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook } from 'payload'

import { administeredTenants } from '../../../access/usersAccess'
import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { memberships } from '../../../src/tenancy/memberships'
import { manageAccountInRequest } from '../../../src/tenancy/db-context'
import { runAsSystem } from '../../../src/tenancy/request-context'
import { AppError } from '../../../src/errors/app-error'

const key = (m: { tenant: string; role: string }) => `${m.tenant}:${m.role}`
const forbidden = (message: string) => new AppError('forbidden', message)

/**
 * beforeChange of users, for everyone but the super-admin and the platform's own work:
 * - nobody adds a membership: an account joins a shop only by accepting an invitation
 *   (src/tenancy/invitations), which the platform writes;
 * - a tenant-admin changes the role of, or removes, memberships of the usable shops it
 *   administers only; rows of other shops stay exactly as they were;
 * - nobody removes their own tenant-admin role (another admin must).
 * Accounts are created by the super-admin, signup and invitations only (access).
 */
export const guardMemberships: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const actor = req.user
  if (!actor || isSuperAdmin(actor) || data.tenants === undefined) return data
  if (operation === 'create') throw forbidden('Accounts join a shop by invitation: use "Invite" instead.')
  const mine = new Set(await administeredTenants(req))
  const before = memberships(originalDoc)
  const after = memberships(data)
  const had = new Set(before.map((m) => m.tenant))
  if (after.some((m) => !had.has(m.tenant))) {
    throw forbidden('A person joins a shop only by accepting an invitation: use "Invite" instead.')
  }
  const foreignBefore = before
    .filter((m) => !mine.has(m.tenant))
    .map(key)
    .sort()
  const foreignAfter = after
    .filter((m) => !mine.has(m.tenant))
    .map(key)
    .sort()
  if (JSON.stringify(foreignBefore) !== JSON.stringify(foreignAfter)) {
    throw forbidden('You can only grant or change roles in tenants you administer.')
  }
  if (String(originalDoc?.id) === String(actor.id)) {
    const lost = before.filter((m) => m.role === 'tenant-admin' && !after.some((a) => key(a) === key(m)))
    if (lost.length) throw forbidden('You cannot remove your own tenant-admin role; ask another admin.')
  }
  if (originalDoc?.id) manageAccountInRequest(req, String(originalDoc.id))
  return data
}

/**
 * Deleting an account: a tenant-admin only for an account whose every membership is in shops it
 * administers (counted across all shops, which its own view does not show), never a super-admin.
 */
export const guardUserDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const actor = req.user
  if (!actor || isSuperAdmin(actor)) return
  const target = await runAsSystem('account delete: all memberships', () => req.payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, disableErrors: true }))
  if (!target) return
  if (isSuperAdmin(target)) throw forbidden('Only the platform manages a platform account.')
  const mine = new Set(await administeredTenants(req))
  if (memberships(target).some((m) => !mine.has(m.tenant))) {
    throw forbidden('This person also belongs to another shop: remove them from your shop instead of deleting the account.')
  }
  manageAccountInRequest(req, String(id))
}
